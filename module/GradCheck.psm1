<#
    GradCheck's root module: loads the cmdlets' assembly built for the runtime this PowerShell runs on.

    - PowerShell 7.6 and later (.NET 10 or later): net10.0/, ReadyToRun images, so that the first check in a new
      shell runs precompiled code instead of waiting for the JIT (bench/RESULTS.md has the cold figures).
    - Windows PowerShell 5.1 and PowerShell 7.4 and 7.5: the netstandard2.0 build beside this file.

    Both builds come from the same source and give the same results, bit for bit. The cmdlets the manifest exports
    are those of the assembly loaded here.
#>

Set-StrictMode -Version Latest

$onDotNet10 = $PSVersionTable.PSEdition -eq 'Core' -and [Environment]::Version.Major -ge 10
$framework = if ($onDotNet10) { 'net10.0' } else { '' }
$assembly = [IO.Path]::Combine($PSScriptRoot, $framework, 'GradCheck.dll')
# PowerShell's own Import-Module, whatever a session may have put in front of it (by its module-qualified name:
# Get-Command -Module would cost a command search).
Microsoft.PowerShell.Core\Import-Module -Name $assembly -ErrorAction Stop
