BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Numpy = Get-Fixture 'course_nd'
    $script:BlockNames = 'W1', 'b1', 'W2', 'b2', 'W3', 'b3'
    function script:Get-NumpyParameters {
        $parameters = [ordered]@{}
        foreach ($name in $script:BlockNames) { $parameters[$name] = ConvertTo-Matrix $script:Numpy[$name] }
        $parameters
    }
}

Describe 'New-GradCheckNetwork -Preset CourseTestCase' {
    It 'reproduces numpy''s <Name> bit for bit' -TestCases @(
        @{ Name = 'W1' }, @{ Name = 'b1' }, @{ Name = 'W2' }, @{ Name = 'b2' }, @{ Name = 'W3' }, @{ Name = 'b3' }
    ) {
        $network = New-GradCheckNetwork -Preset CourseTestCase
        $expected = ConvertTo-Matrix $script:Numpy[$Name]
        $actual = $network.Parameters[$Name]
        $actual.GetLength(0) | Should -Be $expected.GetLength(0)
        $actual.GetLength(1) | Should -Be $expected.GetLength(1)
        for ($i = 0; $i -lt $expected.Length; $i++) {
            [BitConverter]::DoubleToInt64Bits((ConvertTo-Flat $actual)[$i]) | Should -Be ([BitConverter]::DoubleToInt64Bits((ConvertTo-Flat $expected)[$i]))
        }
    }

    It 'reproduces numpy''s input X bit for bit' {
        $network = New-GradCheckNetwork -Preset CourseTestCase
        (ConvertTo-Flat $network.Input) | Should -Be (ConvertTo-Flat $script:Numpy.x)
        (ConvertTo-Flat $network.Label) | Should -Be @(1, 1, 0)
    }

    It 'shows the course''s shape' {
        $network = New-GradCheckNetwork -Preset CourseTestCase
        $network.LayerSize | Should -Be @(4, 5, 3, 1)
        $network.Activation | Should -Be @('ReLU', 'ReLU', 'Sigmoid')
        $network.Loss | Should -Be 'CrossEntropy'
        $network.ExampleCount | Should -Be 3
        $network.ParameterCount | Should -Be 47
        @($network.Parameters.Keys) | Should -Be $script:BlockNames
    }
}

Describe 'The course''s N-D gradient check' {
    It 'fails the buggy backprop with numpy''s difference and names W2 and b1' {
        $result = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2; b1 = 4 } | Test-Gradient
        $result.Passed | Should -BeFalse
        # numpy here: 0.285093156780699; the issue's figure 0.28509315684448966; the notes 0.285093156781.
        $result.Difference | Should -BeGreaterThan 0.2850931565
        $result.Difference | Should -BeLessThan 0.2850931570
        ($result.Difference - $script:Numpy.difference_buggy) / $script:Numpy.difference_buggy | Should -BeLessThan 1e-9
        @($result.Blocks | Where-Object { -not $_.Passed } | ForEach-Object Name) | Should -Be @('b1', 'W2')
    }

    It 'accepts the course''s dW2/db1 spelling for faults' {
        $result = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ dW2 = 2; db1 = 4 } | Test-Gradient
        $result.FailedBlocks | Should -Be @('b1', 'W2')
    }

    It 'passes the fixed backprop with a difference near the course''s 1.19e-7' {
        $result = New-GradCheckNetwork -Preset CourseTestCase | Test-Gradient
        $result.Passed | Should -BeTrue
        $result.Difference | Should -BeGreaterThan 1.17e-7
        $result.Difference | Should -BeLessThan 1.21e-7
        $result.Blocks.Passed | Should -Not -Contain $false
    }

    It 'lists the worst entries, numpy-indexed, worst first' {
        $result = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2; b1 = 4 } | Test-Gradient -Top 3
        $result.Worst.Count | Should -Be 3
        $result.Worst[0].Block | Should -BeIn @('W2', 'b1')
        $result.Worst[0].Name | Should -Be ($result.Worst[0].Block + $result.Worst[0].Index)
        $result.Worst[0].Index | Should -Match '^\[\d+,\d+\]$'
        $result.Worst[0].AbsError | Should -Be ([math]::Abs($result.Worst[0].Analytic - $result.Worst[0].Numerical))
    }

    It 'gives numpy''s cost from Invoke-ForwardPropagation' {
        $cost = New-GradCheckNetwork -Preset CourseTestCase | Invoke-ForwardPropagation
        [math]::Abs($cost - 2.407833389834357) / 2.407833389834357 | Should -BeLessThan 1e-12
    }

    It 'gives numpy''s <Name> from Invoke-BackwardPropagation, faults included' -TestCases @(
        @{ Name = 'dW1'; Fixture = 'grads_buggy' }, @{ Name = 'db1'; Fixture = 'grads_buggy' }, @{ Name = 'dW2'; Fixture = 'grads_buggy' }
        @{ Name = 'db2'; Fixture = 'grads_buggy' }, @{ Name = 'dW3'; Fixture = 'grads_buggy' }, @{ Name = 'db3'; Fixture = 'grads_buggy' }
    ) {
        $gradients = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2; b1 = 4 } | Invoke-BackwardPropagation
        $expected = ConvertTo-Flat $script:Numpy[$Fixture][$Name]
        $actual = ConvertTo-Flat $gradients[$Name]
        for ($i = 0; $i -lt $expected.Count; $i++) { [math]::Abs($actual[$i] - $expected[$i]) | Should -BeLessThan 1e-12 }
    }
}

Describe 'ParameterVector: the course''s dictionary_to_vector and vector_to_dictionary' {
    It 'flattens a network in numpy''s order with numpy''s keys' {
        $vector = New-GradCheckNetwork -Preset CourseTestCase | ConvertTo-ParameterVector
        $vector.Count | Should -Be 47
        $vector.Keys | Should -Be $script:Numpy.keys
        $vector.Values | Should -Be $script:Numpy.theta
        @($vector.Layout | ForEach-Object Name) | Should -Be $script:BlockNames
        @($vector.Layout | ForEach-Object Offset) | Should -Be @(0, 20, 25, 40, 43, 46)
    }

    It 'orders a plain hashtable the course''s way' {
        $parameters = Get-NumpyParameters
        $hashtable = @{}
        foreach ($key in $parameters.Keys) { $hashtable[$key] = $parameters[$key] }
        ($hashtable | ConvertTo-ParameterVector).Values | Should -Be $script:Numpy.theta
    }

    It 'flattens a gradient dictionary dW1… to the same layout, as gradients_to_vector does' {
        $gradients = New-GradCheckNetwork -Preset CourseTestCase | Invoke-BackwardPropagation
        $vector = $gradients | ConvertTo-ParameterVector
        @($vector.Layout | ForEach-Object Name) | Should -Be $script:BlockNames
        for ($i = 0; $i -lt 47; $i++) { [math]::Abs($vector.Values[$i] - $script:Numpy.grad_vector[$i]) | Should -BeLessThan 1e-12 }
    }

    It 'round-trips exactly' {
        $vector = Get-NumpyParameters | ConvertTo-ParameterVector
        $back = $vector | ConvertFrom-ParameterVector
        $back | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
        @($back.Keys) | Should -Be $script:BlockNames
        $back['W1'] | Should -BeOfType [double]  # PowerShell unrolls [double[,]] for -BeOfType
        $back['W1'].GetType() | Should -Be ([double[,]])
        ($back | ConvertTo-ParameterVector).Values | Should -Be $vector.Values
    }

    It 'feeds Test-Gradient, whose cost block gets the dictionary form' {
        $network = New-GradCheckNetwork -Preset CourseTestCase
        $seen = [System.Collections.Generic.List[object]]::new()
        $result = $network | ConvertTo-ParameterVector | Test-Gradient -Cost {
            param($theta)
            if ($seen.Count -eq 0) { $seen.Add($theta) }
            $network | Invoke-ForwardPropagation -Parameter $theta
        } -Gradient { param($theta) $network | Invoke-BackwardPropagation -Parameter $theta }
        $seen[0] | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
        $seen[0]['W1'].GetType() | Should -Be ([double[,]])
        $result.Passed | Should -BeTrue
        $result.ParameterCount | Should -Be 47
    }
}

Describe 'Test-Gradient -Network -Gradient: checking a backprop written elsewhere' {
    It 'passes numpy''s correct gradients given as <Name>' -TestCases @(
        @{ Name = 'a dictionary'; Make = { $d = [ordered]@{}; foreach ($k in $script:Numpy.grads.Keys) { $d[$k] = ConvertTo-Matrix $script:Numpy.grads[$k] }; $d } }
        @{ Name = 'a flat vector'; Make = { , [double[]]$script:Numpy.grad_vector } }
        @{ Name = 'a ParameterVector'; Make = { $d = [ordered]@{}; foreach ($k in $script:Numpy.grads.Keys) { $d[$k] = ConvertTo-Matrix $script:Numpy.grads[$k] }; $d | ConvertTo-ParameterVector } }
        @{ Name = 'a scriptblock'; Make = { $g = [double[]]$script:Numpy.grad_vector; { , $g }.GetNewClosure() } }
    ) {
        $gradient = & $Make
        $result = New-GradCheckNetwork -Preset CourseTestCase | Test-Gradient -Gradient $gradient
        $result.Passed | Should -BeTrue
    }

    It 'fails numpy''s buggy gradients and names W2 and b1' {
        $result = New-GradCheckNetwork -Preset CourseTestCase | Test-Gradient -Gradient ([double[]]$script:Numpy.grad_vector_buggy)
        $result.Passed | Should -BeFalse
        $result.FailedBlocks | Should -Be @('b1', 'W2')
    }
}

Describe 'Test-Gradient -Directions on the course''s network, against numpy''s directions' {
    BeforeAll {
        # v drawn by numpy's MT19937 and g·v from numpy's gradients: tests/reference/make_direction_fixtures.py.
        $script:Directions = (Get-Fixture 'course_directions').directions
        function script:Get-Direction([int] $Seed, [int] $K) {
            $script:Directions | Where-Object { $_.seed -eq $Seed -and $_.k -eq $K }
        }
    }

    It 'gives numpy''s g·v along direction <K> of seed <Seed> for the correct backprop, and passes' -TestCases @(
        @{ Seed = 5; K = 0 }, @{ Seed = 5; K = 1 }, @{ Seed = 5; K = 2 },
        @{ Seed = 1; K = 0 }, @{ Seed = 1; K = 1 }, @{ Seed = 1; K = 2 }
    ) {
        $expected = Get-Direction $Seed $K
        $result = New-GradCheckNetwork -Preset CourseTestCase | Test-Gradient -Directions 3 -Seed $Seed
        $result.Passed | Should -BeTrue
        $direction = $result.Directions[$K]
        [math]::Abs($direction.Analytic - $expected.dot_fixed) | Should -BeLessThan (1e-12 * [math]::Abs($expected.dot_fixed))
        # The centred difference at h = 1e-7 keeps about 7 digits.
        [math]::Abs($direction.Numerical - $expected.dot_fixed) | Should -BeLessThan (1e-6 * [math]::Abs($expected.dot_fixed))
    }

    It 'gives numpy''s g·v along direction <K> of seed <Seed> for the course''s buggy backprop, and fails W2 and b1' -TestCases @(
        @{ Seed = 5; K = 0 }, @{ Seed = 5; K = 1 }, @{ Seed = 5; K = 2 },
        @{ Seed = 1; K = 0 }, @{ Seed = 1; K = 1 }, @{ Seed = 1; K = 2 }
    ) {
        $expected = Get-Direction $Seed $K
        $result = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ dW2 = 2; db1 = 4 } |
            Test-Gradient -Directions 3 -Seed $Seed
        $result.Passed | Should -BeFalse
        $direction = $result.Directions[$K]
        [math]::Abs($direction.Analytic - $expected.dot_buggy) | Should -BeLessThan (1e-12 * [math]::Abs($expected.dot_buggy))
        # The cost has no bug: the numerical slope is the correct one.
        [math]::Abs($direction.Numerical - $expected.dot_fixed) | Should -BeLessThan (1e-6 * [math]::Abs($expected.dot_fixed))
        $direction.Passed | Should -BeFalse
        $result.FailedBlocks | Should -Be @('b1', 'W2')
    }

    It 'localises along the first failing direction of seed <Seed>, restricted to each block, with numpy''s slopes' -TestCases @(
        @{ Seed = 5 }, @{ Seed = 1 }
    ) {
        # Each block's difference is that of g·v and the numerical slope over the block's entries alone.
        $expected = Get-Direction $Seed 0
        $result = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ dW2 = 2; db1 = 4 } |
            Test-Gradient -Directions 3 -Seed $Seed
        foreach ($block in $expected.blocks) {
            $actual = $result.Blocks | Where-Object Name -EQ $block.name
            $wanted = [math]::Abs($block.dot_buggy - $block.dot_fixed) /
                [math]::Max([math]::Abs($block.dot_buggy) + [math]::Abs($block.dot_fixed), 1e-300)
            [math]::Abs($actual.Difference - $wanted) | Should -BeLessThan 1e-6 -Because "block $($block.name)"
            $actual.Passed | Should -Be ($block.name -notin 'W2', 'b1') -Because "block $($block.name)"
        }
    }
}

Describe 'A sigmoid output saturated against its label' {
    BeforeAll {
        # z = x₁ for the examples x₁ = 50, −60, 1, 20, −15 with labels 0, 1, 1, 0, 0: a rounds to 1 and 0 for the
        # first two, and the course's log(1 − a) loses u·e^|z| for the fourth. By hand the cross-entropy is
        # max(z, 0) − y·z + log(1 + e^−|z|) per example, and torch's binary_cross_entropy_with_logits (float64)
        # gives the same mean: J = 26.06265239909633.
        $script:SaturatedX = [double[,]]::new(2, 5)
        $z = 50, -60, 1, 20, -15
        for ($j = 0; $j -lt 5; $j++) { $script:SaturatedX[0, $j] = $z[$j] }
        $w = [double[,]]::new(1, 2); $w[0, 0] = 1
        $script:SaturatedParameters = [ordered]@{ W1 = $w; b1 = [double[,]]::new(1, 1) }
        $script:SaturatedLabels = @(0, 1, 1, 0, 0)
    }

    It 'costs what the loss is, to 1e-12, not infinity' {
        $network = New-GradCheckNetwork -LayerSize 2, 1 -Input $script:SaturatedX -Label $script:SaturatedLabels `
            -Parameter $script:SaturatedParameters
        [Math]::Abs(($network | Invoke-ForwardPropagation) - 26.06265239909633) | Should -BeLessThan 3e-11
    }

    It 'checks its gradient: <Name>' -TestCases @(
        @{ Name = 'right'; Fault = @{}; Verdict = 'Correct' }
        @{ Name = 'dW1 doubled'; Fault = @{ W1 = 2 }; Verdict = 'Wrong' }
    ) {
        $network = New-GradCheckNetwork -LayerSize 2, 1 -Input $script:SaturatedX -Label $script:SaturatedLabels `
            -Parameter $script:SaturatedParameters -Fault $Fault
        ($network | Test-Gradient).Verdict | Should -Be $Verdict
    }
}
