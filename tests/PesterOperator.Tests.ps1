BeforeAll {
    # Pester is loaded before this file runs, so importing GradCheck (TestHelpers does) registers the operator.
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Fixed = New-GradCheckNetwork -Preset CourseTestCase
    $script:Buggy = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2; b1 = 4 }

    function Get-FailureMessage([scriptblock] $Assertion) {
        # The message a failing Should writes; -ErrorAction Stop inside the block makes it throw whatever Pester's configuration says.
        try { & $Assertion; $null } catch { $_.Exception.Message }
    }
}

Describe 'Should -PassGradientCheck' {
    It 'is registered with Pester when GradCheck is imported after Pester' {
        (Get-ShouldOperator).Name | Should -Contain 'PassGradientCheck'
    }

    It 'passes the fixed course network' {
        $script:Fixed | Should -PassGradientCheck
    }

    It 'fails the buggy course network, naming W2 and b1 and the worst entries' {
        $message = Get-FailureMessage { $script:Buggy | Should -PassGradientCheck -ErrorAction Stop }
        $message | Should -Match 'Expected the gradient check to pass, but it failed: Wrong in b1, W2'
        $message | Should -Match '(?m)^Failing blocks:$'
        $message | Should -Match '(?m)^\s+b1\s+0\.6\s+4/5$'
        $message | Should -Match '(?m)^\s+W2\s+0\.333333\s+4/15$'
        $message | Should -Match '(?m)^Worst entries:$'
        $message | Should -Match '(?m)^\s+Name\s+Analytic\s+Numerical\s+AbsError\s+Tolerance'
        $message | Should -Match '(?m)^\s+W2\[2,0\]\s+1\.8316\s+0\.915802\s'
        $message | Should -Match '(?m)^\s+b1\[0,0\]\s'
    }

    It 'puts -Because into the message' {
        Get-FailureMessage { $script:Buggy | Should -PassGradientCheck -Because 'backprop must be right' -ErrorAction Stop } |
            Should -Match 'to pass, because backprop must be right, but it failed'
    }

    It 'supports -Not' {
        $script:Buggy | Should -Not -PassGradientCheck
        Get-FailureMessage { $script:Fixed | Should -Not -PassGradientCheck -ErrorAction Stop } |
            Should -Match '^Expected the gradient check to fail, but it passed: Correct'
    }

    It 'takes a GradientCheckResult as it is' {
        $script:Fixed | Test-Gradient | Should -PassGradientCheck
        $script:Buggy | Test-Gradient -Criterion Course | Should -Not -PassGradientCheck
        $message = Get-FailureMessage { $script:Buggy | Test-Gradient -Directions 4 -Seed 1 | Should -PassGradientCheck -ErrorAction Stop }
        $message | Should -Match 'Failing blocks:'
        $message | Should -Match 'Failing directions:'
    }

    It 'judges every result of a sweep' {
        $script:Fixed | Test-Gradient -Epsilon 1e-3, 1e-5, 1e-7 | Should -PassGradientCheck
    }

    It 'fails on anything but a network or a result, even with -Not' {
        Get-FailureMessage { 42 | Should -PassGradientCheck -ErrorAction Stop } | Should -Match 'but got System.Int32'
        Get-FailureMessage { 42 | Should -Not -PassGradientCheck -ErrorAction Stop } | Should -Match 'but got System.Int32'
        Get-FailureMessage { $null | Should -Not -PassGradientCheck -ErrorAction Stop } | Should -Match 'but got \$null'
    }

    It 'survives GradCheck being imported again' {
        Import-Module $script:ModuleManifest -Force
        $script:Fixed | Should -PassGradientCheck
    }

    It 'does nothing, and fails nothing, when GradCheck is imported without Pester' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($manifest) Import-Module $manifest; [bool](Get-Module GradCheck); [bool](Get-Module Pester)').AddArgument($script:ModuleManifest)
            $output = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $output | Should -Be @($true, $false)
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Should -PassGradientCheck on an Inconclusive check (issue 10)' {
    BeforeAll {
        $script:Unjudged = $script:Fixed | Test-Gradient
        $script:Unjudged.GetType().GetProperty('Verdict').GetSetMethod($true).Invoke($script:Unjudged, @([GradCheck.CheckVerdict]::Inconclusive))
    }

    It 'fails, saying the check was inconclusive' {
        Get-FailureMessage { $script:Unjudged | Should -PassGradientCheck -ErrorAction Stop } |
            Should -Match '^Expected the gradient check to pass, but it was inconclusive: '
    }

    It 'fails with -Not too: inconclusive is not wrong' {
        Get-FailureMessage { $script:Unjudged | Should -Not -PassGradientCheck -ErrorAction Stop } |
            Should -Match '^Expected the gradient check to fail, but it was inconclusive: '
    }
}

Describe 'Should -PassGradientCheck in Chinese (issue 10)' {
    It 'writes its message in Chinese under zh-CN' {
        $saved = [cultureinfo]::CurrentUICulture
        try {
            [cultureinfo]::CurrentUICulture = 'zh-CN'
            $message = Get-FailureMessage { $script:Buggy | Should -PassGradientCheck -ErrorAction Stop }
        }
        finally { [cultureinfo]::CurrentUICulture = $saved }
        $message | Should -Match '^应通过梯度检查，但未通过：'
        $message | Should -Match '(?m)^未通过的块：$'
        $message | Should -Match '(?m)^最差的条目：$'
    }
}

Describe 'Plain logs: Pester''s render mode (issue 10)' {
    BeforeAll { . (Join-Path $PSScriptRoot 'tools/RenderMode.ps1') }

    It 'is <Expected> when redirected=<Redirected>, NO_COLOR=''<NoColor>'', OutputRendering=<Rendering>' -TestCases @(
        @{ Redirected = $true; NoColor = ''; Rendering = 'Host'; Expected = 'Plaintext' }
        @{ Redirected = $false; NoColor = '1'; Rendering = 'Host'; Expected = 'Plaintext' }
        @{ Redirected = $false; NoColor = ''; Rendering = 'PlainText'; Expected = 'Plaintext' }
        @{ Redirected = $false; NoColor = ''; Rendering = 'Host'; Expected = 'Auto' }
    ) {
        Get-PesterRenderMode -Redirected $Redirected -NoColor $NoColor -OutputRendering $Rendering | Should -Be $Expected
    }

    It 'writes no colour codes into a redirected log of the suite' {
        $test = Join-Path $TestDrive 'Tiny.Tests.ps1'
        Set-Content $test "Describe 'tiny' { It 'passes' { 1 | Should -Be 1 }; It 'fails' { 1 | Should -Be 2 } }"
        $pester = (Get-Module Pester).Path -replace 'psm1$', 'psd1'
        $suite = Join-Path $PSScriptRoot 'Invoke-PesterSuite.ps1'
        $summary = Join-Path $TestDrive 'summary.json'
        $saved = $env:NO_COLOR
        try {
            Remove-Item env:NO_COLOR -ErrorAction SilentlyContinue
            $log = & dotnet pwsh -NoProfile -NonInteractive -File $suite -PesterManifest $pester -ModuleManifest $script:ModuleManifest -SummaryPath $summary -Path $test 2>&1 | Out-String
        }
        finally { if ($null -ne $saved) { $env:NO_COLOR = $saved } }
        $log | Should -Match 'Tests Passed: 1'
        $log | Should -Not -Match "`e\["
    }
}
