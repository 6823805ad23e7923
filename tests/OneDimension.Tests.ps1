BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:OneD = Get-Fixture 'one_d'
}

Describe 'Module' {
    It 'exports Test-Gradient' {
        (Get-Command -Module GradCheck).Name | Should -Contain 'Test-Gradient'
    }

    It 'has a manifest that Test-ModuleManifest accepts' {
        $manifest = Test-ModuleManifest -Path $script:ModuleManifest
        $manifest.Version | Should -Not -Be ([version]'0.0')
        $manifest.ExportedCmdlets.Keys | Should -Contain 'Test-Gradient'
    }
}

Describe 'The course''s 1-D check, J(theta) = theta * x with x = 2 and theta = 4' {
    It 'reports numpy''s difference for the right gradient' {
        $result = 4 | Test-Gradient -Cost { param($t) $t * 2 } -Gradient { 2 }
        $result.Difference | Should -Be $script:OneD.difference
        $result.Difference | Should -BeLessThan 1e-7
        $result.Passed | Should -BeTrue
    }

    It 'agrees with the course notes to their printed digits' {
        $result = 4 | Test-Gradient -Cost { param($t) $t * 2 } -Gradient { 2 }
        $result.Difference.ToString('G12', [cultureinfo]::InvariantCulture) | Should -Be '2.91933588329E-10'
    }

    It 'fails the wrong gradient 3 with numpy''s difference' {
        $result = 4 | Test-Gradient -Cost { param($t) $t * 2 } -Gradient { 3 }
        $result.Passed | Should -BeFalse
        $result.Difference | Should -Be $script:OneD.difference_wrong
    }

    It 'gives the cost block theta as a number' {
        $seen = [System.Collections.Generic.List[object]]::new()
        $null = 4 | Test-Gradient -Cost { param($t) $seen.Add($t); $t * 2 } -Gradient { 2 }
        $seen[0] | Should -BeOfType [double]
        $seen | Should -Contain 4.0000001
    }

    It 'uses the course''s step and threshold by default' {
        $result = 4 | Test-Gradient -Cost { param($t) $t * 2 } -Gradient { 2 }
        $result.Epsilon | Should -Be 1e-7
        $result.Threshold | Should -Be 2e-7
        $result.ParameterCount | Should -Be 1
        $result.Analytic | Should -Be @(2)
        $result.Numerical[0] | Should -Be $script:OneD.gradapprox
    }

    It 'accepts $_ as well as a param block' {
        (4 | Test-Gradient -Cost { $_ * 2 } -Gradient { 2 }).Passed | Should -BeTrue
    }

    It 'returns only <Expected> for the <Name> gradient with -Quiet' -TestCases @(
        @{ Name = 'right'; Gradient = { 2 }; Expected = $true }
        @{ Name = 'wrong'; Gradient = { 3 }; Expected = $false }
    ) {
        $answer = 4 | Test-Gradient -Cost { param($t) $t * 2 } -Gradient $Gradient -Quiet
        $answer | Should -BeOfType [bool]
        $answer | Should -Be $Expected
    }
}
