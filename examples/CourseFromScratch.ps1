<#
.SYNOPSIS
    The course's N-D gradient check written from scratch: forward_propagation_n and backward_propagation_n as
    scriptblocks over an [ordered] dictionary of [double[,]], checked by Test-Gradient.
.DESCRIPTION
    The data are the course's gradient_check_n_test_case, which New-GradCheckNetwork reproduces bit for bit:
    $net.Input is X (4 × 3), $net.Label is Y (1 × 3) and $net.Parameters holds W1, b1, … W3, b3.
    The buggy backprop doubles dW2 and multiplies db1 by 4, as the course's does; Test-Gradient names b1 and W2.
    The fixed one passes.

    Two PowerShell traps, avoided below:
    - Names are case-insensitive: '$y = $Y[0, $j]' overwrites the label matrix $Y. Use distinct names ($label);
      likewise a helper's parameter $F hides a caller's $f from the scriptblocks it runs.
    - '[Math]::Max(0, $z)' picks the Int32 overload when the 0 is an int and breaks ReLU: write 0.0.
.EXAMPLE
    dotnet pwsh examples/CourseFromScratch.ps1
#>
param([string] $ModuleManifest = (Join-Path $PSScriptRoot '../out/GradCheck/GradCheck.psd1'))
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest -Force

# --- The four pieces of linear algebra the course gets from numpy ------------------------------------------
function Invoke-MatMul([double[,]] $A, [double[,]] $B) {
    # np.dot(A, B)
    $n = $A.GetLength(0); $k = $A.GetLength(1); $m = $B.GetLength(1)
    $C = [double[,]]::new($n, $m)
    for ($i = 0; $i -lt $n; $i++) { for ($j = 0; $j -lt $m; $j++) {
            $s = 0.0; for ($l = 0; $l -lt $k; $l++) { $s += $A[$i, $l] * $B[$l, $j] }; $C[$i, $j] = $s } }
    , $C
}
function Get-Transpose([double[,]] $A) {
    $T = [double[,]]::new($A.GetLength(1), $A.GetLength(0))
    for ($i = 0; $i -lt $A.GetLength(0); $i++) { for ($j = 0; $j -lt $A.GetLength(1); $j++) { $T[$j, $i] = $A[$i, $j] } }
    , $T
}
function Add-Column([double[,]] $A, [double[,]] $b) {
    # A + b, b a column broadcast over the examples
    $C = [double[,]]::new($A.GetLength(0), $A.GetLength(1))
    for ($i = 0; $i -lt $A.GetLength(0); $i++) { for ($j = 0; $j -lt $A.GetLength(1); $j++) { $C[$i, $j] = $A[$i, $j] + $b[$i, 0] } }
    , $C
}
function Get-RowSum([double[,]] $A, [double] $Scale) {
    # Scale * np.sum(A, axis=1, keepdims=True)
    $s = [double[,]]::new($A.GetLength(0), 1)
    for ($i = 0; $i -lt $A.GetLength(0); $i++) { $t = 0.0; for ($j = 0; $j -lt $A.GetLength(1); $j++) { $t += $A[$i, $j] }; $s[$i, 0] = $Scale * $t }
    , $s
}
function Invoke-Elementwise([double[,]] $A, [scriptblock] $Function) {
    $C = [double[,]]::new($A.GetLength(0), $A.GetLength(1))
    for ($i = 0; $i -lt $A.GetLength(0); $i++) { for ($j = 0; $j -lt $A.GetLength(1); $j++) { $C[$i, $j] = & $Function $A[$i, $j] $i $j } }
    , $C
}

$net = New-GradCheckNetwork -Preset CourseTestCase
$X = $net.Input
$Y = $net.Label
$m = $X.GetLength(1)

function Invoke-Forward($p) {
    $Z1 = Add-Column (Invoke-MatMul $p.W1 $X) $p.b1
    $A1 = Invoke-Elementwise $Z1 { param($z) [Math]::Max(0.0, $z) }
    $Z2 = Add-Column (Invoke-MatMul $p.W2 $A1) $p.b2
    $A2 = Invoke-Elementwise $Z2 { param($z) [Math]::Max(0.0, $z) }
    $Z3 = Add-Column (Invoke-MatMul $p.W3 $A2) $p.b3
    $A3 = Invoke-Elementwise $Z3 { param($z) 1.0 / (1.0 + [Math]::Exp(-$z)) }
    @{ A1 = $A1; A2 = $A2; A3 = $A3 }
}

# forward_propagation_n's cost: the mean logistic loss.
$cost = {
    param($p)
    $A3 = (Invoke-Forward $p).A3
    $sum = 0.0
    for ($j = 0; $j -lt $m; $j++) {
        $label = $Y[0, $j]                                   # not $y: that would overwrite $Y
        $sum += -[Math]::Log($A3[0, $j]) * $label - [Math]::Log(1 - $A3[0, $j]) * (1 - $label)
    }
    $sum / $m
}

function Get-Gradient($p, [double] $W2Factor, [double] $b1Factor) {
    # backward_propagation_n, with its two planted bugs as factors (1 and 1 when fixed).
        $f = Invoke-Forward $p
        $dZ3 = Invoke-Elementwise $f.A3 { param($a, $i, $j) $a - $Y[$i, $j] }
        $dA2 = Invoke-MatMul (Get-Transpose $p.W3) $dZ3
        $dZ2 = Invoke-Elementwise $dA2 { param($d, $i, $j) if ($f.A2[$i, $j] -gt 0) { $d } else { 0.0 } }
        $dA1 = Invoke-MatMul (Get-Transpose $p.W2) $dZ2
        $dZ1 = Invoke-Elementwise $dA1 { param($d, $i, $j) if ($f.A1[$i, $j] -gt 0) { $d } else { 0.0 } }
        $scale = { param([double[,]] $A, [double] $s) Invoke-Elementwise $A { param($v) $s * $v } }
        # The course's dictionary, dZ and dA included: Test-Gradient leaves those out, as gradients_to_vector does.
        [ordered]@{
            dZ3 = $dZ3; dW3 = & $scale (Invoke-MatMul $dZ3 (Get-Transpose $f.A2)) (1.0 / $m); db3 = Get-RowSum $dZ3 (1.0 / $m)
            dA2 = $dA2; dZ2 = $dZ2; dW2 = & $scale (Invoke-MatMul $dZ2 (Get-Transpose $f.A1)) ($W2Factor / $m); db2 = Get-RowSum $dZ2 (1.0 / $m)
            dA1 = $dA1; dZ1 = $dZ1; dW1 = & $scale (Invoke-MatMul $dZ1 (Get-Transpose $X)) (1.0 / $m); db1 = Get-RowSum $dZ1 ($b1Factor / $m)
        }
}

$buggy = Test-Gradient -Parameter $net.Parameters -Cost $cost -Gradient { param($p) Get-Gradient $p 2 4 } -Name 'from scratch, buggy'
$fixed = Test-Gradient -Parameter $net.Parameters -Cost $cost -Gradient { param($p) Get-Gradient $p 1 1 } -Name 'from scratch, fixed'
$buggy, $fixed
