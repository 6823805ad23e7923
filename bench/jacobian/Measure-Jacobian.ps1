<#
.SYNOPSIS
    Times one Test-Jacobian check of a bench layer in this (fresh) process: the first check after Import-Module
    (cold) and the median of -Repeat more (warm). Writes one JSON line.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [ValidateSet('affine', 'conv')] [string] $Layer,
    [Parameter(Mandatory)] [string] $InputPath,
    [int] $Directions = 0,
    [int] $Repeat = 5
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
$core = Join-Path (Split-Path (Get-Module GradCheck).Path) 'GradCheck.Core.dll'
# Optimised, as torch's layers are: Add-Type compiles for debugging unless told otherwise, and the JIT then
# leaves the layer's loops unoptimised (a third of a full Jacobian check's time went into them).
Add-Type -Path (Join-Path $PSScriptRoot 'AffineLayer.cs'), (Join-Path $PSScriptRoot 'ConvLayer.cs') `
    -ReferencedAssemblies $core, netstandard -CompilerOptions '-optimize+'
$data = Get-Content $InputPath -Raw | ConvertFrom-Json
$x = [double[]]$data.x
$function = if ($Layer -eq 'affine') { [GradCheck.Bench.AffineLayer]::new($data.n, $data.m, $data.k) }
else { [GradCheck.Bench.ConvLayer]::new($data.m, $data.h, $data.w, $data.c, $data.f, $data.k) }
$options = @{ Parameter = $x; Objective = $function; Seed = 1 }
if ($Directions -gt 0) { $options.Directions = $Directions }
$clock = [Diagnostics.Stopwatch]::StartNew()
$first = Test-Jacobian @options
$cold = $clock.Elapsed.TotalSeconds
$times = foreach ($r in 1..$Repeat) {
    $clock.Restart(); $null = Test-Jacobian @options; $clock.Elapsed.TotalSeconds
}
$warm = ($times | Sort-Object)[[int][math]::Floor($Repeat / 2)]
[pscustomobject]@{
    Cold = $cold; Warm = $warm; Verdict = [string]$first.Verdict; Evaluations = $first.Evaluations
    Inputs = $first.InputCount; Outputs = $first.OutputCount
} | ConvertTo-Json -Compress
