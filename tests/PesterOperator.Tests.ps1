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
