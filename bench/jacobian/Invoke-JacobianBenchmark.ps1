<#
.SYNOPSIS
    Test-Jacobian on an affine and a convolution layer against torch.autograd.gradcheck's slow and fast modes, on
    the same function and numbers in the same run. Cold is the first check in a fresh pwsh after Import-Module
    (median of 5 fresh processes); warm the median of 5 more in one process. For torch, cold is its first
    gradcheck after import (Python's start-up and import excluded), with OMP_NUM_THREADS set to the core count.
    Prints a markdown table and returns it.
#>
param(
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../../out/GradCheck/GradCheck.psd1'),
    [int] $Processes = 5
)
$ErrorActionPreference = 'Stop'
$ModuleManifest = (Resolve-Path $ModuleManifest).Path
$env:OMP_NUM_THREADS = [Environment]::ProcessorCount
$random = [Random]::new(7)
$layers = @(
    [ordered]@{ Name = 'affine'; Label = 'affine Z = W·A + b, A 32×16, W 16×32'; n = 32; m = 16; k = 16 }
    [ordered]@{ Name = 'conv'; Label = 'conv 3×3, A_prev 2×6×6×3, 4 filters'; m = 2; h = 6; w = 6; c = 3; f = 3; k = 4 }
)

function Get-Median([double[]] $Values) { ($Values | Sort-Object)[[int][math]::Floor($Values.Count / 2)] }

function Format-Time([double] $Seconds) {
    if ($Seconds -lt 1) { '{0:0.0} ms' -f ($Seconds * 1000) } else { '{0:0.00} s' -f $Seconds }
}

$rows = foreach ($layer in $layers) {
    $count = if ($layer.Name -eq 'affine') { $layer.n * $layer.m + $layer.k * $layer.n + $layer.k }
    else { $layer.m * $layer.h * $layer.w * $layer.c + $layer.f * $layer.f * $layer.c * $layer.k + $layer.k }
    $layer.x = @(1..$count | ForEach-Object { $random.NextDouble() - 0.5 })
    $path = Join-Path ([IO.Path]::GetTempPath()) "gradcheck-jacobian-$($layer.Name).json"
    $layer | ConvertTo-Json -Compress | Set-Content $path
    $torch = & /usr/bin/python3 (Join-Path $PSScriptRoot '../reference/jacobian_torch.py') $layer.Name $path | ConvertFrom-Json
    foreach ($directions in 0, 1) {
        $runs = foreach ($p in 1..$Processes) {
            & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Measure-Jacobian.ps1') `
                -ModuleManifest $ModuleManifest -Layer $layer.Name -InputPath $path -Directions $directions |
                ConvertFrom-Json
        }
        $reference = if ($directions -eq 0) { $torch.slow } else { $torch.fast }
        $cold = Get-Median @($runs.Cold); $warm = Get-Median @($runs.Warm)
        [pscustomobject]@{
            Layer = $layer.Label; Size = "$($runs[0].Outputs) × $($runs[0].Inputs)"
            Mode = if ($directions -eq 0) { 'full Jacobian vs slow mode' } else { '-Directions 1 vs fast mode' }
            Verdict = $runs[0].Verdict; Cold = $cold; Warm = $warm
            TorchCold = $reference.cold; TorchWarm = $reference.warm
        }
    }
}
$table = @(
    '| layer | J | mode | verdict | GradCheck cold | warm | torch cold | warm | ratio cold | ratio warm |'
    '|---|---:|---|---|---:|---:|---:|---:|---:|---:|'
    foreach ($r in $rows) {
        "| $($r.Layer) | $($r.Size) | $($r.Mode) | $($r.Verdict) | $(Format-Time $r.Cold) | $(Format-Time $r.Warm) | " +
        "$(Format-Time $r.TorchCold) | $(Format-Time $r.TorchWarm) | $('{0:0.0}×' -f ($r.TorchCold / $r.Cold)) | " +
        "$('{0:0.0}×' -f ($r.TorchWarm / $r.Warm)) |"
    }
) -join "`n"
$table
