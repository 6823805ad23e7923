#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests and demonstrates GradCheck.
.DESCRIPTION
    Build   (default) publishes the assemblies and assembles out/GradCheck/.
    Test    builds, then runs the xunit suite and the Pester suite, and ends with 'N passed, N failed'.
    Demo    builds, then runs the course's checks in a fresh pwsh.
    Bench   builds, then times GradCheck against numpy and torch (bench/) and writes bench/RESULTS.md.
    Package builds, then writes out/packages/: the module as a PowerShell-Gallery-style .nupkg, and GradCheck.Core's NuGet package.
    Install builds, then copies out/GradCheck/ into the current user's module folder (GradCheck/<version>), so that
            'Import-Module GradCheck' works in any pwsh of this user; -SkipBuild installs the module already built.
    Clean   removes out/ and every bin/ and obj/.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Install', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # With -Task Install: install out/GradCheck/ as it is, without building first.
    [switch] $SkipBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'GradCheck'
$PesterVersion = '6.2.0'
. (Join-Path $Root 'tests/tools/PrivateHome.ps1')

function Invoke-Native {
    # Runs a native command and stops the build when it fails.
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-Version {
    [xml] $props = Get-Content (Join-Path $Root 'Directory.Build.props') -Raw
    $props.Project.PropertyGroup.VersionPrefix | Where-Object { $_ } | Select-Object -First 1
}

function Get-ReadyToRunRuntime {
    # The runtime the ReadyToRun code is compiled for: this machine's. Elsewhere the images still load, and their IL
    # is JIT-compiled as the netstandard2.0 build's would be.
    # On .NET 8 and later (build.ps1 runs on the pinned pwsh) this is the portable RID, such as linux-x64.
    [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
}

function Publish-Assemblies {
    # Publishes the cmdlets for one target framework and copies them to Target: GradCheck's two assemblies beside
    # each other, the dependencies under Dependencies/ (so that GradCheck's own load context serves them,
    # src/GradCheck/Loading), and the satellite resources in their culture folders.
    param([string] $Framework, [string] $Publish, [string] $Target, [string[]] $ReadyToRun = @())
    Invoke-Native dotnet (@('publish', (Join-Path $Root 'src/GradCheck/GradCheck.csproj'), '-c', $Configuration, '-f', $Framework,
        '-o', $Publish, '--nologo', '-v', 'quiet') + $ReadyToRun)
    $null = New-Item -ItemType Directory -Path $Target -Force
    foreach ($name in 'GradCheck.dll', 'GradCheck.Core.dll') { Copy-Item (Join-Path $Publish $name) $Target }
    $dependencies = New-Item -ItemType Directory -Path (Join-Path $Target 'Dependencies') -Force
    foreach ($name in 'MathNet.Numerics.dll', 'System.Numerics.Vectors.dll') {
        # System.Numerics.Vectors is a package on netstandard2.0 only; .NET has it in the box.
        if (Test-Path (Join-Path $Publish $name)) { Copy-Item (Join-Path $Publish $name) $dependencies }
    }
    Get-ChildItem $Publish -Directory | Where-Object { Test-Path (Join-Path $_.FullName '*.resources.dll') } |
        ForEach-Object { Copy-Item $_.FullName (Join-Path $Target $_.Name) -Recurse }
}

function Invoke-Build {
    $version = Get-Version
    $publish = Join-Path ([IO.Path]::GetTempPath()) "GradCheck-publish-$([guid]::NewGuid().ToString('n'))"
    try {
        if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
        $null = New-Item -ItemType Directory -Path $ModuleOut -Force
        # netstandard2.0 at the root serves Windows PowerShell 5.1 and PowerShell 7 before 7.6; net10.0/ holds
        # ReadyToRun images for the .NET that PowerShell 7.6 runs on, so that a first check is not all JIT.
        # GradCheck.psm1 picks one of the two at import.
        Publish-Assemblies -Framework 'netstandard2.0' -Publish (Join-Path $publish 'netstandard2.0') -Target $ModuleOut
        $readyToRun = @('-r', (Get-ReadyToRunRuntime), '--self-contained', 'false', '-p:PublishReadyToRun=true')
        Publish-Assemblies -Framework 'net10.0' -Publish (Join-Path $publish 'net10.0') `
            -Target (Join-Path $ModuleOut 'net10.0') -ReadyToRun $readyToRun
        Copy-Item (Join-Path $Root 'module/GradCheck.psm1') $ModuleOut
        Copy-Item (Join-Path $Root 'module/GradCheck.format.ps1xml') $ModuleOut
        Copy-Item (Join-Path $Root 'module/GradCheck.types.ps1xml') $ModuleOut
        Copy-Item (Join-Path $Root 'module/GradCheck.Pester.psm1') $ModuleOut
        $manifest = (Get-Content (Join-Path $Root 'module/GradCheck.psd1') -Raw).Replace('{{ModuleVersion}}', $version)
        Set-Content -Path (Join-Path $ModuleOut 'GradCheck.psd1') -Value $manifest -Encoding utf8NoBOM
        # Help: the about topics as written, the cmdlets' MAML generated from module/help/*.md and the compiled cmdlets.
        foreach ($culture in 'en-US', 'zh-CN') {
            $null = New-Item -ItemType Directory -Path (Join-Path $ModuleOut $culture) -Force
            Copy-Item (Join-Path $Root "module/$culture/*.txt") (Join-Path $ModuleOut $culture)
        }
        # The Chinese MAML from module/help/zh-CN/*.md, written beside the English one.
        foreach ($help in @{ Culture = 'en-US'; Source = 'module/help' }, @{ Culture = 'zh-CN'; Source = 'module/help/zh-CN' }) {
            Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'module/help/Build-Help.ps1'),
                '-ModuleManifest', (Join-Path $ModuleOut 'GradCheck.psd1'), '-OutputPath', (Join-Path $ModuleOut $help.Culture),
                '-SourcePath', (Join-Path $Root $help.Source), '-Culture', $help.Culture)
        }
        Write-Host "Built GradCheck $version into $ModuleOut"
    }
    finally {
        Remove-Item $publish -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Get-PesterManifest {
    # The PowerShell Gallery is not reachable, so Pester comes from NuGet through a PackageDownload restore.
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/tools/RestoreTestTools.csproj'), '--nologo', '-v', 'quiet')
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else {
        ((dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    }
    $manifest = Join-Path $packages "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) { throw "Pester $PesterVersion was restored, but $manifest is missing." }
    $env:GRADCHECK_NUGET_PACKAGES = $packages
    $manifest
}

function Invoke-XunitTests {
    $results = Join-Path $Out 'test-results'
    $trx = Join-Path $results 'xunit.trx'
    Remove-Item $trx -ErrorAction SilentlyContinue
    & dotnet test (Join-Path $Root 'tests/GradCheck.Core.Tests/GradCheck.Core.Tests.csproj') -c $Configuration --nologo `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' | Out-Host
    if (-not (Test-Path $trx)) { return [pscustomobject]@{ Passed = 0; Failed = 1 } }
    [xml] $report = Get-Content $trx -Raw
    $counters = $report.TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout }
}

function Invoke-PesterTests {
    $pester = Get-PesterManifest
    $summary = Join-Path $Out 'test-results/pester.json'
    Remove-Item $summary -ErrorAction SilentlyContinue
    # A child pwsh, so that no GradCheck.dll stays loaded (and locked) in this session.
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Invoke-PesterSuite.ps1') `
        -PesterManifest $pester -ModuleManifest (Join-Path $ModuleOut 'GradCheck.psd1') -SummaryPath $summary | Out-Host
    if (-not (Test-Path $summary)) { return [pscustomobject]@{ Passed = 0; Failed = 1 } }
    Get-Content $summary -Raw | ConvertFrom-Json
}

function Invoke-Test {
    # The packages too: a test installs the module from them.
    Invoke-Package
    $null = New-Item -ItemType Directory -Path (Join-Path $Out 'test-results') -Force
    $xunit = Invoke-XunitTests
    $pester = Invoke-PesterTests
    Write-Host ("xunit: {0} passed, {1} failed; Pester: {2} passed, {3} failed" -f $xunit.Passed, $xunit.Failed, $pester.Passed, $pester.Failed)
    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'examples/Demo.ps1') -ModuleManifest (Join-Path $ModuleOut 'GradCheck.psd1')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Bench {
    Invoke-Build
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'bench/Invoke-Benchmark.ps1') -ModuleManifest (Join-Path $ModuleOut 'GradCheck.psd1')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Package {
    Invoke-Build
    $packages = Join-Path $Out 'packages'
    if (Test-Path $packages) { Remove-Item $packages -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $packages
    Invoke-Native dotnet @('pack', (Join-Path $Root 'src/GradCheck.Core/GradCheck.Core.csproj'), '-c', $Configuration, '-o', $packages, '--nologo', '-v', 'quiet')
    # The module's .nupkg is made by PSResourceGet itself, publishing to a folder repository.
    Invoke-WithPrivateHome {
        & dotnet pwsh -NoProfile -NonInteractive -Command "
            `$ErrorActionPreference = 'Stop'
            Register-PSResourceRepository -Name GradCheckBuild -Uri '$packages' -Trusted
            Publish-PSResource -Path '$ModuleOut' -Repository GradCheckBuild
        "
        if ($LASTEXITCODE -ne 0) { throw 'Publish-PSResource failed.' }
    }
    Get-ChildItem $packages -Filter *.nupkg | ForEach-Object { Write-Host "Packed $($_.Name)" }
}

function Get-UserModuleFolder {
    # The CurrentUser scope of PSModulePath, where Install-Module -Scope CurrentUser puts modules.
    $folder = if ($IsWindows) { Join-Path ([Environment]::GetFolderPath('MyDocuments')) 'PowerShell/Modules' }
    else {
        $data = if ($env:XDG_DATA_HOME) { $env:XDG_DATA_HOME } else { Join-Path $HOME '.local/share' }
        Join-Path $data 'powershell/Modules'
    }
    $folder
}

function Invoke-Install {
    if (-not $SkipBuild) { Invoke-Build }
    if (-not (Test-Path (Join-Path $ModuleOut 'GradCheck.psd1'))) { throw "Nothing to install: build first (there is no $ModuleOut)." }
    $target = Join-Path (Get-UserModuleFolder) "GradCheck/$(Get-Version)"
    if (Test-Path $target) { Remove-Item $target -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $target -Force
    Copy-Item (Join-Path $ModuleOut '*') $target -Recurse
    Write-Host "Installed GradCheck $(Get-Version) into $target; 'Import-Module GradCheck' now works in any pwsh of this user."
}

function Invoke-Clean {
    Remove-Item $Out -Recurse -Force -ErrorAction SilentlyContinue
    Get-ChildItem $Root -Directory -Recurse -Include bin, obj |
        Where-Object { $_.FullName -notmatch '[\\/]\.git[\\/]' } |
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue
}

Push-Location $Root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
        'Package' { Invoke-Package }
        'Install' { Invoke-Install }
        'Clean' { Invoke-Clean }
    }
}
finally {
    Pop-Location
}
