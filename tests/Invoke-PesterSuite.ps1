<#
.SYNOPSIS
    Runs every tests/*.Tests.ps1 against a built module; build.ps1 calls it in a child pwsh.
.DESCRIPTION
    Writes {Passed, Failed} to -SummaryPath so the build can add the Pester counts to xunit's.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SummaryPath,
    # The test files or folders to run; every tests/*.Tests.ps1 by default.
    [string[]] $Path = $PSScriptRoot
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force
$env:GRADCHECK_MODULE_MANIFEST = (Resolve-Path $ModuleManifest).Path

$config = New-PesterConfiguration
$config.Run.Path = $Path
# Plain text into redirected logs (CI), and wherever NO_COLOR or $PSStyle.OutputRendering asks for it.
. (Join-Path $PSScriptRoot 'tools/RenderMode.ps1')
$config.Output.RenderMode = Get-PesterRenderMode
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = Join-Path (Split-Path $SummaryPath) 'pester.xml'
$result = Invoke-Pester -Configuration $config

[pscustomobject]@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount } |
    ConvertTo-Json | Set-Content -Path $SummaryPath
