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
        $cost = { param($t) $s = $t.a * $t.a; foreach ($x in $t.v) { $s += $x * $x }; foreach ($row in $t.j) { foreach ($x in $row) { $s += $x * $x } }; foreach ($x in $t.m) { $s += $x * $x }; $s }
        $gradient = {
            param($t)
            # The jagged block comes back jagged ($t.j[$r][$c]); the gradient may give it as a [double[,]].
            $j = [double[,]]::new(2, 3); for ($r = 0; $r -lt 2; $r++) { for ($c = 0; $c -lt 3; $c++) { $j[$r, $c] = 2 * $t.j[$r][$c] } }
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

    It 'reads a gradient key as its block whatever the case: <Name>' -TestCases @(
        @{ Name = 'dW1' }, @{ Name = 'dw1' }, @{ Name = 'DW1' }, @{ Name = 'W1' }
    ) {
        # J = Σ W1², so ∇J = 2·W1 by hand.
        $gradient = { param($t) @{ $Name = [double[]]@((2 * $t.W1[0]), (2 * $t.W1[1])) } }.GetNewClosure()
        $result = Test-Gradient -Parameter @{ W1 = [double[]](1, -2) } -Cost { param($t) $t.W1[0] * $t.W1[0] + $t.W1[1] * $t.W1[1] } -Gradient $gradient
        $result.Verdict | Should -Be 'Correct'
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

Describe 'Parameters from JSON and CSV (issue 10)' {
    BeforeAll {
        # J(θ) = Σ θᵢ² over every block, whatever its form: the gradient is 2θ, by hand.
        $script:SumOfSquares = { param($t) $s = 0.0; foreach ($v in $t.Values) { foreach ($x in @($v)) { foreach ($y in @($x)) { $s += $y * $y } } }; $s }
        $script:TwiceTheta = {
            param($t)
            $g = [ordered]@{}
            foreach ($k in $t.Keys) { $g[$k] = ConvertTo-Flat $t[$k] | ForEach-Object { 2 * $_ } }
            $g
        }
        function script:Get-ExpectedTwice([double[]] $Values) { , [double[]]@($Values | ForEach-Object { 2 * $_ }) }
    }

    It 'reads a PSCustomObject from ConvertFrom-Json as blocks in the order of its properties' {
        $json = '{"b1": [0.5, -1], "W1": [[1, 2], [3, 4]], "c": 3}' | ConvertFrom-Json
        $seen = $null
        $result = $json | Test-Gradient -Cost { param($t) if (-not $seen) { Set-Variable seen $t -Scope 1 }; & $script:SumOfSquares $t } -Gradient {
            param($t) [ordered]@{ b1 = @((2 * $t.b1[0]), (2 * $t.b1[1])); W1 = @(@((2 * $t.W1[0][0]), (2 * $t.W1[0][1])), @((2 * $t.W1[1][0]), (2 * $t.W1[1][1]))); c = 2 * $t.c }
        }
        $result.Passed | Should -BeTrue
        "$($result.Layout)" | Should -Be 'b1(2,) W1(2, 2) c()'
        $result.Analytic | Should -Be @(1, -2, 2, 4, 6, 8, 6)
        $seen | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
        @($seen.Keys) | Should -Be @('b1', 'W1', 'c')
    }

    It 'keeps the order of ConvertFrom-Json -AsHashtable too, not the course''s' {
        $json = '{"b1": [0.5, -1], "W1": [[1, 2], [3, 4]]}' | ConvertFrom-Json -AsHashtable
        $result = Test-Gradient -Parameter $json -Cost $script:SumOfSquares -Gradient { param($t) [ordered]@{ b1 = @(1, -2); W1 = @(@(2, 4), @(6, 8)) } }
        "$($result.Layout)" | Should -Be 'b1(2,) W1(2, 2)'
        $result.Passed | Should -BeTrue
    }

    It 'checks each row of Import-Csv, reading its cells as numbers' {
        $rows = "a,b`n1.5,2`n-3,0.25" | ConvertFrom-Csv
        # J = a·b: ∂J/∂a = b, ∂J/∂b = a.
        $results = $rows | Test-Gradient -Cost { param($t) $t.a * $t.b } -Gradient { param($t) [ordered]@{ a = $t.b; b = $t.a } }
        $results.Count | Should -Be 2
        $results.Passed | Should -Be @($true, $true)
        $results[0].Analytic | Should -Be @(2, 1.5)
        $results[1].Analytic | Should -Be @(0.25, -3)
    }

    It 'takes gradients returned in JSON''s shape' {
        $result = Test-Gradient -Parameter ([ordered]@{ W1 = @(@(1, 2), @(3, 4)) }) -Cost $script:SumOfSquares -Gradient {
            '{"dW1": [[2, 4], [6, 8]]}' | ConvertFrom-Json
        }
        $result.Passed | Should -BeTrue
    }

    It 'builds the course''s network from numpy''s JSON: -Parameter, -Input and -Label as ConvertFrom-Json gives them' {
        $numpy = Get-Content (Join-Path $PSScriptRoot 'reference/fixtures/course_nd.json') -Raw | ConvertFrom-Json
        $parameters = [pscustomobject]@{ W1 = $numpy.W1; b1 = $numpy.b1; W2 = $numpy.W2; b2 = $numpy.b2; W3 = $numpy.W3; b3 = $numpy.b3 }
        $net = New-GradCheckNetwork -LayerSize 4, 5, 3, 1 -Input $numpy.x -Label $numpy.y -Parameter $parameters
        $net | Invoke-ForwardPropagation | Should -Be $numpy.cost
        ($net | ConvertTo-ParameterVector).Values | Should -Be $numpy.theta
    }
}

Describe 'Blocks go back to the cost in the form they came in (issue 10)' {
    It 'gives a jagged block back jagged, so that $t.W1[0][1] works' {
        $seen = $null
        $result = Test-Gradient -Parameter ([ordered]@{ W1 = @(@(1, 2), @(3, 4)) }) -Cost { param($t) if (-not $seen) { Set-Variable seen $t -Scope 1 }; $t.W1[0][1] * $t.W1[1][0] } -Gradient {
            param($t) [ordered]@{ W1 = @(@(0, $t.W1[1][0]), @($t.W1[0][1], 0)) }
        }
        $result.Passed | Should -BeTrue
        $seen.W1[0][1] | Should -Be 2
        $seen.W1.GetType() | Should -Be ([double[][]])
    }

    It 'gives a jagged top-level array back jagged, not flattened' {
        $seen = $null
        $result = Test-Gradient -Parameter @(@(1, 2, 3), @(4, 5, 6)) -Cost { param($t) if (-not $seen) { Set-Variable seen $t -Scope 1 }; $t[1][2] * $t[1][2] } -Gradient { param($t) , @(@(0, 0, 0), @(0, 0, (2 * $t[1][2]))) }
        $result.Passed | Should -BeTrue
        $seen.GetType() | Should -Be ([double[][]])
        $seen[1][2] | Should -Be 6
        $result.Analytic | Should -Be @(0, 0, 0, 0, 0, 12)
    }

    It 'gives a [double[,]] back as a [double[,]]' {
        $m = [double[,]]::new(2, 3)
        $seen = $null
        $null = Test-Gradient -Parameter ([ordered]@{ M = $m }) -Cost { param($t) if (-not $seen) { Set-Variable seen $t -Scope 1 }; 0 } -Gradient { [ordered]@{ M = [double[,]]::new(2, 3) } }
        $seen.M.GetType() | Should -Be ([double[,]])
    }

    It 'accepts N-dimensional arrays, keeps them and flattens them row-major as numpy does' {
        # numpy: np.arange(8).reshape(2, 2, 2) holds 100i + 10j + k at [i, j, k] here, and reshape(-1) reads it
        # 0, 1, 10, 11, 100, 101, 110, 111.
        $t3 = [double[,,]]::new(2, 2, 2)
        foreach ($i in 0, 1) { foreach ($j in 0, 1) { foreach ($k in 0, 1) { $t3[$i, $j, $k] = 100 * $i + 10 * $j + $k } } }
        $seen = $null
        $result = Test-Gradient -Parameter ([ordered]@{ K = $t3 }) -Cost { param($t) if (-not $seen) { Set-Variable seen $t -Scope 1 }; $s = 0.0; foreach ($x in $t.K) { $s += $x * $x }; $s } -Gradient {
            param($t) $g = [double[,,]]::new(2, 2, 2); foreach ($i in 0, 1) { foreach ($j in 0, 1) { foreach ($k in 0, 1) { $g[$i, $j, $k] = 2 * $t.K[$i, $j, $k] } } }; @{ dK = $g }
        }
        $result.Passed | Should -BeTrue
        "$($result.Layout)" | Should -Be 'K(2, 2, 2)'
        $result.Analytic | Should -Be @(0, 2, 20, 22, 200, 202, 220, 222)
        $seen.K.GetType() | Should -Be ([double[,,]])
        $seen.K[1, 0, 1] | Should -Be 101
        $four = [double[,,,]]::new(1, 2, 1, 2)
        (Test-Gradient -Parameter $four -Cost { 0 } -Gradient { , [double[,,,]]::new(1, 2, 1, 2) }).ParameterCount | Should -Be 4
    }

    It 'reads [float[]], [int[]] and [decimal] values as doubles' {
        $result = Test-Gradient -Parameter ([ordered]@{ f = [float[]]@(0.5, 1.5); i = [int[]]@(2, 3); d = [decimal]1.25 }) -Cost $script:SumOfSquares -Gradient {
            param($t) [ordered]@{ f = [float[]]@(1, 3); i = [int[]]@(4, 6); d = [decimal]2.5 }
        }
        $result.Passed | Should -BeTrue
        $result.Analytic | Should -Be @(1, 3, 4, 6, 2.5)
    }
}

Describe 'The course''s own gradient dictionary (issue 10)' {
    BeforeAll {
        $script:Net = New-GradCheckNetwork -Preset CourseTestCase
        $numpy = Get-Fixture course_nd
        # backward_propagation_n's dictionary: numpy's dW1 … db3 with the intermediate dZ3, dA2, dZ2, dA1 and dZ1 beside them.
        $script:Gradients = [ordered]@{ dZ3 = , @(0.1, 0.2, 0.3) }
        foreach ($key in 'dW3', 'db3') { $script:Gradients[$key] = $numpy.grads[$key] }
        $script:Gradients['dA2'] = @(@(1, 2, 3), @(4, 5, 6), @(7, 8, 9))
        $script:Gradients['dZ2'] = @(@(1, 2, 3), @(4, 5, 6), @(7, 8, 9))
        foreach ($key in 'dW2', 'db2') { $script:Gradients[$key] = $numpy.grads[$key] }
        $script:Gradients['dA1'] = [double[,]]::new(5, 3)
        $script:Gradients['dZ1'] = [double[,]]::new(5, 3)
        foreach ($key in 'dW1', 'db1') { $script:Gradients[$key] = $numpy.grads[$key] }
    }

    It 'ignores dZ and dA keys, as gradients_to_vector does, and says so under -Verbose' {
        $output = $script:Net | Test-Gradient -Gradient $script:Gradients -Verbose 4>&1
        $result = $output | Where-Object { $_ -is [GradCheck.GradientCheckResult] }
        $result.Passed | Should -BeTrue
        $result.Difference | Should -BeLessThan 2e-7
        $verbose = ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -Match 'dZ3, dA2, dZ2, dA1, dZ1'
    }

    It 'ignores them in a gradient scriptblock''s dictionary too' {
        $gradients = $script:Gradients
        ($script:Net | Test-Gradient -Gradient { $gradients }).Passed | Should -BeTrue
    }

    It 'ignores them in ConvertTo-ParameterVector, like gradients_to_vector' {
        # A plain hashtable, like the course's Python dict, which gradients_to_vector reads in its own order.
        $gradients = @{}
        foreach ($key in $script:Gradients.Keys) { $gradients[$key] = $script:Gradients[$key] }
        $vector = $gradients | ConvertTo-ParameterVector
        $vector.Count | Should -Be 47
        $vector.Values | Should -Be (Get-Fixture course_nd).grad_vector
    }

    It 'still refuses any other unknown key' {
        $gradients = [ordered]@{} + $script:Gradients
        $gradients['dQ1'] = 1
        Get-ErrorId { $script:Net | Test-Gradient -Gradient $gradients } | Should -Be 'GradientExtraKey'
    }
}
