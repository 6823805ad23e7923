<#
.SYNOPSIS
    The course's gradient checks, run with GradCheck. build.ps1 -Task Demo runs this in a fresh pwsh.
#>
param([string] $ModuleManifest = (Join-Path $PSScriptRoot '../out/GradCheck/GradCheck.psd1'))
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest -Force

function Show-Step([string] $Title) { Write-Host ''; Write-Host "== $Title" -ForegroundColor Cyan }
# A wide rendering, so that tables do not wrap in a narrow or redirected console.
function Show-Table { $input | Format-Table -AutoSize | Out-String -Width 200 | Write-Host }

Show-Step '1-D: J(theta) = theta * x with x = 2, checked at theta = 4 (the course prints 2.91933588329e-10)'
4 | Test-Gradient -Cost { param($theta) $theta * 2 } -Gradient { 2 } | Show-Table

Show-Step '1-D with a wrong gradient (3 instead of 2)'
4 | Test-Gradient -Cost { param($theta) $theta * 2 } -Gradient { 3 } | Show-Table

Show-Step 'N-D: the course''s 4-5-3-1 network with its two planted bugs (dW2 doubled, db1 times 4)'
$buggy = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ dW2 = 2; db1 = 4 }
$result = $buggy | Test-Gradient
$result | Show-Table
Write-Host 'Per block — the wrong ones are named:'
$result.Blocks | Show-Table
Write-Host 'Worst entries:'
$result.Worst | Show-Table

Show-Step 'N-D: the same network with backprop fixed (the course prints 1.18904178766e-07)'
$fixed = New-GradCheckNetwork -Preset CourseTestCase
$result = $fixed | Test-Gradient
$result | Show-Table
$result.Blocks | Show-Table
