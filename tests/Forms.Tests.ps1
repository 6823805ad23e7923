BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Test-Gradient takes theta in every form a user has' {
    # J(θ) = Σ θᵢ², whose gradient is 2θ: an independent hand derivation.
    It 'checks a vector and hands the cost block a double[]' {
        $seen = $null
        $result = Test-Gradient -Parameter @(1, -2, 3) -Cost { param($t) if (-not $seen) { Set-Variable seen $t -Scope 1 }; ($t | ForEach-Object { $_ * $_ } | Measure-Object -Sum).Sum } -Gradient { param($t) , ($t | ForEach-Object { 2 * $_ }) }
        $result.Passed | Should -BeTrue
        $result.ParameterCount | Should -Be 3
        $result.Analytic | Should -Be @(2, -4, 6)
    }

    It 'checks an [ordered] dictionary of a number, a vector, a jagged array and a [double[,]]' {
        $m = [double[,]]::new(2, 2); $m[0, 0] = 1; $m[0, 1] = 2; $m[1, 0] = 3; $m[1, 1] = 4
        $theta = [ordered]@{ a = 0.5; v = @(1, 2); j = @(@(1, 2, 3), @(4, 5, 6)); m = $m }
        $cost = { param($t) $s = $t.a * $t.a; foreach ($x in $t.v) { $s += $x * $x }; foreach ($x in $t.j) { $s += $x * $x }; foreach ($x in $t.m) { $s += $x * $x }; $s }
        $gradient = {
            param($t)
            $j = [double[,]]::new(2, 3); for ($r = 0; $r -lt 2; $r++) { for ($c = 0; $c -lt 3; $c++) { $j[$r, $c] = 2 * $t.j[$r, $c] } }
            $m = [double[,]]::new(2, 2); for ($r = 0; $r -lt 2; $r++) { for ($c = 0; $c -lt 2; $c++) { $m[$r, $c] = 2 * $t.m[$r, $c] } }
            [ordered]@{ a = 2 * $t.a; v = @((2 * $t.v[0]), (2 * $t.v[1])); j = $j; m = $m }
        }
        $result = Test-Gradient -Parameter $theta -Cost $cost -Gradient $gradient
        $result.Passed | Should -BeTrue
        $result.ParameterCount | Should -Be 13
        # Row-major, in the dictionary's own order.
        $result.Analytic | Should -Be @(1, 2, 4, 2, 4, 6, 8, 10, 12, 2, 4, 6, 8)
    }

    It 'finds a wrong block in a dictionary and names it' {
        $theta = [ordered]@{ W1 = @(1, 2); b1 = 3 }
        $result = Test-Gradient -Parameter $theta -Cost { param($t) $t.W1[0] * $t.W1[0] + $t.W1[1] * $t.W1[1] + $t.b1 * $t.b1 } -Gradient {
            param($t) @{ dW1 = @((2 * $t.W1[0]), (2 * $t.W1[1])); db1 = 4 * $t.b1 }
        }
        $result.Passed | Should -BeFalse
        $result.FailedBlocks | Should -Be @('b1')
    }

    It 'emits one result per epsilon for a step-size sweep' {
        $results = 4 | Test-Gradient -Cost { param($t) $t * $t * $t } -Gradient { param($t) 3 * $t * $t } -Epsilon 1e-3, 1e-5, 1e-7
        $results.Count | Should -Be 3
        $results.Epsilon | Should -Be @(1e-3, 1e-5, 1e-7)
        # (θ+h)³ − (θ−h)³ over 2h is 3θ² + h² exactly: at h = 1e-3 the centred difference is 48.000001.
        [math]::Abs($results[0].Numerical[0] - 48.000001) | Should -BeLessThan 1e-8
        $results.Passed | Should -Not -Contain $false
    }

    It 'judges by the course''s rule with -Criterion Course' {
        $result = 4 | Test-Gradient -Cost { param($t) $t * 2 } -Gradient { 2 } -Criterion Course
        $result.Criterion | Should -Be 'Course'
        $result.Passed | Should -BeTrue
    }
}
