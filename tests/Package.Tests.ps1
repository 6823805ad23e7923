BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'tools/PrivateHome.ps1')
    $script:Packages = Join-Path (Split-Path (Split-Path $script:ModuleManifest)) 'packages'
}

Describe 'Packages (build.ps1 -Task Package)' {
    It 'has a PowerShell-Gallery-style package of the module with complete metadata' {
        $package = Join-Path $script:Packages "GradCheck.$((Test-ModuleManifest $script:ModuleManifest).Version).nupkg"
        $package | Should -Exist
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($package)
        try {
            $names = $zip.Entries.FullName
            $names | Should -Contain 'GradCheck.psd1'
            $names | Should -Contain 'Dependencies/MathNet.Numerics.dll'
            $reader = [System.IO.StreamReader]::new(($zip.Entries | Where-Object FullName -eq 'GradCheck.nuspec').Open())
            [xml] $nuspec = $reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $metadata = $nuspec.package.metadata
        foreach ($field in 'description', 'tags', 'projectUrl', 'licenseUrl', 'releaseNotes', 'authors') { $metadata.$field | Should -Not -BeNullOrEmpty }
        $metadata.tags | Should -Match 'PSModule'
    }

    It 'has a NuGet package of GradCheck.Core for .NET users' {
        Get-ChildItem $script:Packages -Filter 'GradCheck.Core.*.nupkg' | Should -HaveCount 1
    }

    It 'installs with Install-PSResource from the folder as a repository, imports there and checks' {
        $answer = Invoke-WithPrivateHome {
            param($privateHome)
            & dotnet pwsh -NoProfile -NonInteractive -Command @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name GradCheckTest -Uri '$script:Packages' -Trusted
Install-PSResource -Name GradCheck -Repository GradCheckTest -TrustRepository -Quiet
Import-Module GradCheck
`$result = 4 | Test-Gradient -Cost { param(`$t) `$t * 2 } -Gradient { 2 }
[pscustomobject]@{ Path = (Get-Module GradCheck).Path; Passed = `$result.Passed; Difference = `$result.Difference } | ConvertTo-Json -Compress
"@
        } | Select-Object -Last 1 | ConvertFrom-Json
        $answer.Passed | Should -BeTrue
        $answer.Difference | Should -Be 2.919335883291695e-10
        $answer.Path | Should -BeLike '*GradCheck-home-*GradCheck*'
    }
}

Describe 'build.ps1 -Task Install (issue 10)' {
    It 'copies the built module into the user''s module folder, so that Import-Module GradCheck works in a fresh pwsh' {
        $build = Join-Path $PSScriptRoot '../build.ps1'
        $answer = Invoke-WithPrivateHome {
            param($privateHome)
            $saved = $env:XDG_DATA_HOME
            try {
                Remove-Item env:XDG_DATA_HOME -ErrorAction SilentlyContinue
                $null = & dotnet pwsh -NoProfile -NonInteractive -File $build -Task Install -SkipBuild 2>&1
                # A fresh pwsh with nothing but the module's name (started in the clone only because this pwsh is
                # the clone's local dotnet tool).
                Push-Location $PSScriptRoot
                try {
                    & dotnet pwsh -NoProfile -NonInteractive -Command @'
$ErrorActionPreference = 'Stop'
Import-Module GradCheck
$result = 4 | Test-Gradient -Cost { param($t) $t * 2 } -Gradient { 2 }
[pscustomobject]@{ Path = (Get-Module GradCheck).Path; Passed = $result.Passed; Difference = $result.Difference } | ConvertTo-Json -Compress
'@
                }
                finally { Pop-Location }
            }
            finally { if ($null -ne $saved) { $env:XDG_DATA_HOME = $saved } }
        } | Select-Object -Last 1 | ConvertFrom-Json
        $answer.Passed | Should -BeTrue
        $answer.Difference | Should -Be 2.919335883291695e-10
        $answer.Path | Should -BeLike '*GradCheck-home-*powershell*Modules*GradCheck*'
    }
}
