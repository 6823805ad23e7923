BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $packages = if ($env:GRADCHECK_NUGET_PACKAGES) { $env:GRADCHECK_NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
    $script:OldMathNet = Join-Path $packages 'mathnet.numerics/4.15.0/lib/netstandard2.0/MathNet.Numerics.dll'
}

Describe 'Dependency isolation' {
    It 'keeps MathNet.Numerics under Dependencies/, not beside GradCheck.dll' {
        $base = Split-Path $script:ModuleManifest
        Join-Path $base 'Dependencies/MathNet.Numerics.dll' | Should -Exist
        Join-Path $base 'MathNet.Numerics.dll' | Should -Not -Exist
    }

    It 'runs the N-D check in a session that already loaded MathNet.Numerics 4.15.0' {
        $script:OldMathNet | Should -Exist
        # A fresh process, so that the old MathNet is loaded first, as another module would have done.
        $json = & dotnet pwsh -NoProfile -NonInteractive -Command @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$script:OldMathNet'
Import-Module '$script:ModuleManifest'
`$result = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2; b1 = 4 } | Test-Gradient
`$loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'MathNet.Numerics' } |
    ForEach-Object { '{0}@{1}' -f `$_.GetName().Version, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name }
[pscustomobject]@{ Difference = `$result.Difference; Failed = `$result.FailedBlocks; Loaded = @(`$loaded) } | ConvertTo-Json -Compress
"@
        $LASTEXITCODE | Should -Be 0
        $answer = $json | ConvertFrom-Json
        # numpy's difference for the buggy course network (tests/reference/fixtures/course_nd.json), to 9 digits.
        [math]::Abs($answer.Difference - 0.285093156780699) | Should -BeLessThan 3e-10
        $answer.Failed | Should -Be @('b1', 'W2')
        $answer.Loaded | Should -Contain '4.15.0.0@Default'
        $answer.Loaded | Should -Contain '5.0.0.0@GradCheck'
    }
}
