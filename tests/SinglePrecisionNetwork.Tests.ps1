# New-GradCheckNetwork -Precision Single (issue 14): float32 networks against torch in float32.
# tests/reference/make_float32_network_fixtures.py wrote the fixture from numpy's draws rounded to float32.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Cases = @(foreach ($case in (Get-Fixture 'networks_float32').networks) {
            @{ Name = $case.name; Arguments = $case.arguments; Case = $case }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    function script:Get-Ulp([double] $Value) {
        # The float32 spacing at |Value|: from |Value| as a float32 to the next float32 up.
        $f = [float][math]::Abs($Value)
        [double][BitConverter]::Int32BitsToSingle([BitConverter]::SingleToInt32Bits($f) + 1) - [double]$f
    }
    function script:Get-Entry($Matrices) {
        # Every entry of every [double[,]] given, in order, down the pipeline.
        foreach ($matrix in $Matrices) { foreach ($x in $matrix) { $x } }
    }
    function script:ConvertTo-Single([double[]] $Values) {
        # Each value rounded to the nearest float32 and widened back, exactly.
        , [double[]]@($Values | ForEach-Object { [double][float]$_ })
    }
}

Describe 'New-GradCheckNetwork -Precision Single' {
    It 'draws <Name> as the double network does, then rounds it to float32' -TestCases $script:Cases {
        $single = New-GradCheckNetwork @Arguments -Precision Single
        $double = New-GradCheckNetwork @Arguments
        $single.Precision | Should -Be ([GradCheck.Precision]::Single)
        $double.Precision | Should -Be ([GradCheck.Precision]::Double)
        (ConvertTo-Flat $single.Input) | Should -Be (ConvertTo-Flat $Case.X)
        (ConvertTo-Flat $single.Label) | Should -Be (ConvertTo-Flat $Case.Y)
        (ConvertTo-Flat $single.Input) | Should -Be (ConvertTo-Single (ConvertTo-Flat $double.Input))
        foreach ($name in $Case.params.Keys) {
            (ConvertTo-Flat $single.Parameters[$name]) | Should -Be (ConvertTo-Flat $Case.params[$name])
            (ConvertTo-Flat $double.Parameters[$name]) | Should -Be (ConvertTo-Flat $Case.params_float64[$name])
        }
    }

    It 'gives torch''s float32 cost and gradient for <Name>, faults included' -TestCases $script:Cases {
        # Within 4 float32 spacings of J, and each entry within 8 of its block's largest: torch sums in its own order.
        $network = New-GradCheckNetwork @Arguments -Precision Single
        $cost = $network | Invoke-ForwardPropagation
        [math]::Abs($cost - $Case.cost) | Should -BeLessOrEqual (4 * (Get-Ulp $Case.cost))
        $gradients = $network | Invoke-BackwardPropagation
        @($gradients.Keys) | Should -Be @($Case.grads.Keys)
        foreach ($name in $Case.grads.Keys) {
            $expected = ConvertTo-Flat $Case.grads[$name]
            $actual = ConvertTo-Flat $gradients[$name]
            $bound = 8 * (Get-Ulp ($expected | ForEach-Object { [math]::Abs($_) } | Measure-Object -Maximum).Maximum)
            for ($i = 0; $i -lt $expected.Count; $i++) {
                [math]::Abs($actual[$i] - $expected[$i]) | Should -BeLessOrEqual $bound -Because "$name[$i]"
            }
        }
    }

    It 'goes down the pipeline into Test-Gradient for <Name>' -TestCases $script:Cases {
        # Today's checker does not act on Precision yet: the verdict is not asserted, only that a result comes back.
        $network = New-GradCheckNetwork @Arguments -Precision Single
        $result = $network | Test-Gradient
        $result | Should -BeOfType [GradCheck.GradientCheckResult]
        $result.Name | Should -Be $network.Name
        $result.Name | Should -Match 'float32'
        $result.ParameterCount | Should -Be $network.ParameterCount
        $result.Cost | Should -Be ($network | Invoke-ForwardPropagation)
    }

    It 'computes in float32: Z1 = 1e8 + 1 − 1e8 is <Z> in <Precision>' -TestCases @(
        @{ Precision = 'Single'; Z = 0 }, @{ Precision = 'Double'; Z = 1 }
    ) {
        $arguments = ((Get-Fixture 'networks_float32').networks | Where-Object name -EQ 'cancellation').arguments
        $pass = New-GradCheckNetwork @arguments -Precision $Precision | Invoke-ForwardPropagation -Cache
        $pass.Cache.Z1[0, 0] | Should -Be $Z
        # J = ((z − 0)² + (6 − 1)²) / (2·2)
        $pass.Cost | Should -Be ((($Z * $Z) + 25) / 4)
    }

    It 'gives float32 numbers from <Command>' -TestCases @(
        @{ Command = 'ConvertTo-ParameterVector'; Run = { param($n) ($n | ConvertTo-ParameterVector).Values } }
        @{ Command = 'Invoke-ForwardPropagation -Cache'; Run = { param($n) Get-Entry ($n | Invoke-ForwardPropagation -Cache).Cache.Values } }
        @{ Command = 'Invoke-BackwardPropagation'; Run = { param($n) Get-Entry ($n | Invoke-BackwardPropagation).Values } }
        @{ Command = 'Invoke-ForwardPropagation -Parameter'; Run = { param($n) $n | Invoke-ForwardPropagation -Parameter ($n | ConvertTo-ParameterVector) } }
    ) {
        $network = New-GradCheckNetwork -Preset CourseDropoutTestCase -L2 0.7 -Precision Single
        $values = [double[]]@(& $Run $network)
        $values.Count | Should -BeGreaterThan 0
        $values | Should -Be (ConvertTo-Single $values)
    }

    It 'rounds given -Input, -Label and -Parameter, and a value set later, to float32' {
        $network = New-GradCheckNetwork -LayerSize 2, 1 -Activation Linear -Loss MeanSquaredError -Input @(@(0.1), @(0.2)) -Label 0.3 `
            -Parameter @{ W1 = @(, @(0.7, 0.9)); b1 = 0.1 } -Precision Single
        $network.Input[0, 0] | Should -Be ([double][float]0.1)
        $network.Label[0, 0] | Should -Be ([double][float]0.3)
        $network.Parameters.W1[0, 1] | Should -Be ([double][float]0.9)
        $before = $network | Invoke-ForwardPropagation
        # Less than half a float32 spacing from 0.7: the same float32, so the same cost.
        $network.Parameters.W1[0, 0] = [double][float]0.7 + 0.25 * (Get-Ulp 0.7)
        ($network | Invoke-ForwardPropagation) | Should -Be $before
    }

    It 'takes -Precision <Value> by name' -TestCases @(
        @{ Value = 'single'; Expected = 'Single' }, @{ Value = 'Double'; Expected = 'Double' }
    ) {
        (New-GradCheckNetwork -Preset CourseTestCase -Precision $Value).Precision | Should -Be $Expected
    }

    It 'refuses -Precision <Value> before building anything' -TestCases @(@{ Value = 'Half' }, @{ Value = 2 }) {
        Get-ErrorId { New-GradCheckNetwork -Preset CourseTestCase -Precision $Value } |
            Should -Be 'CannotConvertArgumentNoMessage'
    }

    It 'completes -Precision with <Name>' -TestCases @(@{ Name = 'Double' }, @{ Name = 'Single' }) {
        $line = 'New-GradCheckNetwork -Precision '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain $Name
    }

    It 'shows its precision in the network view of <Name>, within 80 columns' -TestCases @(
        @{ Name = 'a float32 network'; Precision = 'Single'; Suffix = ' float32' }
        @{ Name = 'a double network'; Precision = 'Double'; Suffix = '' }
    ) {
        $text = New-GradCheckNetwork -Preset CourseDropoutTestCase -L2 0.7 -Fault @{ W2 = 2; b1 = 4 } -Precision $Precision |
            Out-String -Width 80
        $text | Should -Match "Precision\s+: $Precision\r?\n"
        $text | Should -Match "Name\s+: 3-2-3-1 CourseDropoutTestCase$Suffix, fault b1×4 W2×2"
        @($text -split '\r?\n' | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'says float32 in its string form' {
        "$(New-GradCheckNetwork -LayerSize 3, 2, 1 -Seed 1 -Precision Single)" | Should -Match '; float32\)$'
        "$(New-GradCheckNetwork -LayerSize 3, 2, 1 -Seed 1)" | Should -Not -Match 'float32'
    }
}
