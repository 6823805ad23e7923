<#
.SYNOPSIS
    The course's gradient checks, run with GradCheck. build.ps1 -Task Demo runs this in a fresh pwsh.
#>
param([string] $ModuleManifest = (Join-Path $PSScriptRoot '../out/GradCheck/GradCheck.psd1'))
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest -Force

function Show-Step([string] $Title) { Write-Host ''; Write-Host "== $Title" -ForegroundColor Cyan }

Show-Step '1-D: J(theta) = theta * x with x = 2, checked at theta = 4 (the course prints 2.91933588329e-10)'
4 | Test-Gradient -Cost { param($theta) $theta * 2 } -Gradient { 2 } | Format-Table

Show-Step '1-D with a wrong gradient (3 instead of 2)'
4 | Test-Gradient -Cost { param($theta) $theta * 2 } -Gradient { 3 } | Format-Table
