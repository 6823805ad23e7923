# L2 regularisation, dropout with fixed masks and softmax outputs (issue 12), against numpy and the course:
# tests/reference/make_regularisation_fixtures.py wrote the fixtures.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Fixture = Get-Fixture 'course_dropout'
    $script:Dropout = $script:Fixture.dropout_test_case
    function script:Get-Bits([double[]] $Values) { , [long[]]@($Values | ForEach-Object { [BitConverter]::DoubleToInt64Bits($_) }) }
}

Describe 'New-GradCheckNetwork -Preset CourseDropoutTestCase' {
    It 'gives the course''s published A3 to every printed digit, and numpy''s bit for bit' {
        $a3 = (New-GradCheckNetwork -Preset CourseDropoutTestCase | Invoke-ForwardPropagation -Cache).Cache.A3
        $printed = @($a3 | ForEach-Object { [math]::Round($_, 8) })
        $printed | Should -Be @(0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721)
        $numpy = @($script:Dropout.A3_bits[0] | ForEach-Object { [Convert]::ToInt64($_, 16) })
        (Get-Bits (ConvertTo-Flat $a3)) | Should -Be $numpy
    }

    It 'draws numpy''s masks and shows them as DropoutMask' {
        $network = New-GradCheckNetwork -Preset CourseDropoutTestCase
        $network.DropoutMask | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
        @($network.DropoutMask.Keys) | Should -Be @('D1', 'D2')
        $network.DropoutMask['D1'].GetType() | Should -Be ([double[,]])
        (ConvertTo-Flat $network.DropoutMask.D1) | Should -Be (ConvertTo-Flat $script:Dropout.cache.D1)
        (ConvertTo-Flat $network.DropoutMask.D2) | Should -Be (ConvertTo-Flat $script:Dropout.cache.D2)
        $network.KeepProbability | Should -Be 0.7
        $network.DropoutSeed | Should -Be 1
        $network.LayerSize | Should -Be @(3, 2, 3, 1)
        (ConvertTo-Flat $network.Label) | Should -Be @(1, 1, 0, 1, 0)
    }

    It 'keeps its masks fixed: DropoutMask gives copies' {
        $network = New-GradCheckNetwork -Preset CourseDropoutTestCase
        $before = $network | Invoke-ForwardPropagation
        $network.DropoutMask.D1[0, 1] = 1
        ($network | Invoke-ForwardPropagation) | Should -Be $before
        $network.DropoutMask.D1[0, 1] | Should -Be 0
    }

    It 'takes -KeepProbability and -DropoutSeed instead of the course''s' {
        $other = New-GradCheckNetwork -Preset CourseDropoutTestCase -KeepProbability 0.5 -DropoutSeed 3
        $other.KeepProbability | Should -Be 0.5
        $other.DropoutSeed | Should -Be 3
        (New-GradCheckNetwork -Preset CourseDropoutTestCase -KeepProbability 1).DropoutMask.Count | Should -Be 0
    }

    It 'gives numpy''s cost and backward_propagation_with_dropout''s gradients' {
        $network = New-GradCheckNetwork -Preset CourseDropoutTestCase
        [math]::Abs(($network | Invoke-ForwardPropagation) - $script:Dropout.cost) | Should -BeLessThan (1e-12 * $script:Dropout.cost)
        $gradients = $network | Invoke-BackwardPropagation
        foreach ($name in $script:Dropout.grads.Keys) {
            $expected = ConvertTo-Flat $script:Dropout.grads[$name]
            $actual = ConvertTo-Flat $gradients[$name]
            for ($i = 0; $i -lt $expected.Count; $i++) { [math]::Abs($actual[$i] - $expected[$i]) | Should -BeLessThan 1e-12 }
        }
    }
}

Describe 'Invoke-ForwardPropagation -Cache' {
    It 'returns the cost with the course''s cache <Preset>' -TestCases @(
        @{ Preset = 'CourseDropoutTestCase'; Fixture = 'dropout_test_case'; Keys = @('Z1', 'D1', 'A1', 'Z2', 'D2', 'A2', 'Z3', 'A3') }
        @{ Preset = 'CourseTestCase'; Fixture = 'gradient_check_n_test_case'; Keys = @('Z1', 'A1', 'Z2', 'A2', 'Z3', 'A3') }
    ) {
        $network = New-GradCheckNetwork -Preset $Preset
        $pass = $network | Invoke-ForwardPropagation -Cache
        $pass | Should -BeOfType [GradCheck.ForwardPass]
        $pass.Cost | Should -Be ($network | Invoke-ForwardPropagation)
        $pass.Cache | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
        @($pass.Cache.Keys) | Should -Be $Keys
        foreach ($key in $Keys) {
            $pass.Cache[$key].GetType() | Should -Be ([double[,]])
            (Get-Bits (ConvertTo-Flat $pass.Cache[$key])) | Should -Be (Get-Bits (ConvertTo-Flat $script:Fixture[$Fixture].cache[$key]))
        }
    }
}

Describe 'Checking L2, dropout and softmax networks' {
    It 'passes the right gradient of <Name> and names each faulty block' -TestCases @(
        @{ Name = 'the dropout preset'; Make = { param($Fault) New-GradCheckNetwork -Preset CourseDropoutTestCase -Fault $Fault } }
        @{ Name = 'the course''s case with L2'; Make = { param($Fault) New-GradCheckNetwork -Preset CourseTestCase -L2 0.7 -Fault $Fault } }
        @{ Name = 'a softmax network with L2'; Make = { param($Fault) New-GradCheckNetwork -LayerSize 4, 6, 3 -Activation Tanh, Softmax -Loss CategoricalCrossEntropy -L2 0.7 -Seed 2 -Fault $Fault } }
        @{ Name = 'a deep dropout network'; Make = { param($Fault) New-GradCheckNetwork -LayerSize 5, 8, 6, 2 -Activation LeakyReLU, Tanh, Sigmoid -KeepProbability 0.6 -L2 0.1 -Seed 3 -Fault $Fault } }
    ) {
        $network = & $Make @{}
        ($network | Test-Gradient).Passed | Should -BeTrue
        foreach ($block in $network.Layout.Name) {
            $result = & $Make @{ $block = 1.5 } | Test-Gradient
            $result.FailedBlocks | Should -Be @($block)
        }
    }

    It 'takes one-hot labels given as -Label' {
        $labels = [double[,]]::new(3, 4)
        foreach ($j in 0..3) { $labels[($j % 3), $j] = 1 }
        $network = New-GradCheckNetwork -LayerSize 2, 3 -Activation Softmax -Loss CategoricalCrossEntropy -Input ([double[,]]::new(2, 4)) -Label $labels `
            -Parameter @{ W1 = [double[,]]::new(3, 2); b1 = @(0, 0, 0) }
        # With W and b all 0, every class has probability 1/3, and J = log 3.
        [math]::Abs(($network | Invoke-ForwardPropagation) - [math]::Log(3)) | Should -BeLessThan 1e-15
    }

    It 'shows λ and p on the network' {
        $network = New-GradCheckNetwork -LayerSize 4, 3, 1 -L2 0.25 -KeepProbability 0.8 -Seed 1
        $network.L2 | Should -Be 0.25
        $network.KeepProbability | Should -Be 0.8
        "$network" | Should -Match 'L2 0\.25; keep 0\.8'
    }
}
