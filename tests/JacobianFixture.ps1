# Dot-sourced by tests that read tests/reference/fixtures/jacobian_layers.json (written by
# tests/reference/make_jacobian_fixtures.py from torch): examples/JacobianLayers.ps1, the fixture's cases as
# $script:Case, each layer's forward and backward as $script:Layer, and the conversions between the fixture's nested
# lists and the arrays a user writes.
. (Join-Path $PSScriptRoot '../examples/JacobianLayers.ps1')
$path = Join-Path $PSScriptRoot 'reference/fixtures/jacobian_layers.json'
$script:Case = @{}
$fixture = Get-Content $path -Raw | ConvertFrom-Json -AsHashtable
foreach ($case in $fixture.cases) { $script:Case[$case.name] = $case }
$script:Tolerance = 1e-12

function script:Get-Flat($Value) {
    # Nested JSON lists, a .NET array of any rank (row-major, as it enumerates) or a number → [double[]].
    $flat = [System.Collections.Generic.List[double]]::new()
    function Add-Entry($Item) {
        if ($Item -is [System.Collections.IEnumerable]) { foreach ($entry in $Item) { Add-Entry $entry } }
        else { $flat.Add([double]$Item) }
    }
    Add-Entry $Value
    , $flat.ToArray()
}

function script:ConvertTo-DoubleArray($Nested, [int[]] $Shape) {
    # Nested JSON lists → a [double[]], [double[,]] or [double[,,,]] of the given shape, filled row-major.
    $array = [Array]::CreateInstance([double], $Shape)
    $flat = Get-Flat $Nested
    if ($flat.Count -ne $array.Length) { throw "$($flat.Count) numbers for the shape ($($Shape -join ', '))." }
    $index = [int[]]::new($Shape.Count)
    for ($n = 0; $n -lt $flat.Count; $n++) {
        $rest = $n
        for ($d = $Shape.Count - 1; $d -ge 0; $d--) {
            $index[$d] = $rest % $Shape[$d]
            $rest = [math]::Floor($rest / $Shape[$d])
        }
        $array.SetValue($flat[$n], $index)
    }
    , $array
}

function script:ConvertTo-Block($Values, [string[]] $Order, $Shapes, [string] $Prefix = '') {
    # A fixture's dictionary of nested lists → an [ordered] dictionary of arrays in their shapes, as a user writes.
    $blocks = [ordered]@{}
    foreach ($name in $Order) {
        $blocks[$Prefix + $name] = ConvertTo-DoubleArray $Values[$Prefix + $name] $Shapes[$name]
    }
    $blocks
}

function script:Get-Shape([Array] $Value) {
    (@(for ($d = 0; $d -lt $Value.Rank; $d++) { $Value.GetLength($d) }) -join ', ')
}

function script:Get-RelativeError($Actual, $Expected) {
    # max |actual − expected| over the block, relative to the block's largest expected entry.
    $a = Get-Flat $Actual; $e = Get-Flat $Expected
    if ($a.Count -ne $e.Count) { throw "$($a.Count) numbers where torch has $($e.Count)." }
    $difference = 0.0; $scale = 0.0
    for ($n = 0; $n -lt $e.Count; $n++) {
        $difference = [math]::Max($difference, [math]::Abs($a[$n] - $e[$n]))
        $scale = [math]::Max($scale, [math]::Abs($e[$n]))
    }
    if ($scale -eq 0) { return $difference }
    $difference / $scale
}

# Each case's forward and backward, with the inputs and upstream gradients as dictionaries of blocks.
$softmax = @{
    Forward  = { param($x) [ordered]@{ y = Invoke-SoftmaxForward $x.z } }
    Backward = { param($x, $dy, [switch] $Bug) [ordered]@{ dz = Invoke-SoftmaxBackward $x.z $dy.y -Bug:$Bug } }
}
$script:Layer = @{
    affine        = @{
        Forward  = { param($x) [ordered]@{ Z = Invoke-AffineForward $x } }
        Backward = { param($x, $dy, [switch] $Bug) Invoke-AffineBackward $x $dy.Z -Bug:$Bug }
    }
    softmax       = $softmax
    softmax_axis0 = $softmax
    conv          = @{
        Forward  = {
            param($x)
            [ordered]@{ Z = Invoke-ConvForward $x -Stride $script:Case.conv.stride -Pad $script:Case.conv.pad }
        }
        Backward = {
            param($x, $dy, [switch] $Bug)
            Invoke-ConvBackward $x $dy.Z -Stride $script:Case.conv.stride -Pad $script:Case.conv.pad -Bug:$Bug
        }
    }
    lstm          = @{
        Forward  = { param($x) Invoke-LstmCellForward $x }
        Backward = { param($x, $dy, [switch] $Bug) Invoke-LstmCellBackward $x $dy -Bug:$Bug }
    }
}

function script:Get-CaseInput([string] $Name) {
    $case = $script:Case[$Name]
    ConvertTo-Block $case.inputs $case.input_order $case.input_shapes
}

function script:Get-CaseUpstream([string] $Name) {
    $case = $script:Case[$Name]
    ConvertTo-Block $case.dout $case.output_order $case.output_shapes
}
