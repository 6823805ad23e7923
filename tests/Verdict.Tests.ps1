BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

# Hard cases for the verdict, each with an expectation derived by hand.
Describe 'The verdict on hard cases' {
    It 'passes a correct network whose output saturates (z = 17: 1 − a is quantised)' {
        # Backprop is right by construction; the cost's noise must be measured at the scale of ε.
        (New-GradCheckNetwork -LayerSize 20, 30, 10, 1 -ExampleCount 64 -Seed 16 | Test-Gradient).Passed | Should -BeTrue
        (New-GradCheckNetwork -LayerSize 20, 30, 10, 1 -ExampleCount 64 -Seed 16 | Test-Gradient -Directions 16 -Seed 1).Passed | Should -BeTrue
    }

    It 'fails <Name> next to a kink' -TestCases @(
        # relu(2θ₀ + θ₁) at θ = (1, −2 + 3e-7): active, so ∂/∂θ₀ = 2 and ∂/∂θ₁ = 1; claiming 0 is wrong.
        @{ Name = 'a wrong slope of relu(2x + y)'; Theta = @(1.0, (-2 + 3e-7)); Cost = { param($t) [math]::Max(0.0, 2 * $t[0] + $t[1]) }; Gradient = { , @(0.0, 1.0) } }
        # |θ| at 1.5e-7, within 2ε of its kink: the slope is 1, not 0.
        @{ Name = 'a zero slope of |x|'; Theta = @(1.5e-7); Cost = { param($t) [math]::Abs($t[0]) }; Gradient = { , @(0.0) } }
    ) {
        $result = Test-Gradient -Parameter $Theta -Cost $Cost -Gradient $Gradient
        $result.Passed | Should -BeFalse
        $result.KinkCount | Should -Be 1
    }

    It 'passes the right slope of relu(2x + y) next to its kink' {
        (Test-Gradient -Parameter @(1.0, (-2 + 3e-7)) -Cost { param($t) [math]::Max(0.0, 2 * $t[0] + $t[1]) } -Gradient { , @(2.0, 1.0) }).Passed | Should -BeTrue
    }

    It 'judges against the step really taken: 1000(θ − 1e8) at θ = 1e8' {
        # θ ± 1e-7 rounds to θ ± 7 ulps = ±1.043e-7, so (J₊ − J₋)/2ε is 1043; the slope is exactly 1000.
        (1e8 | Test-Gradient -Cost { param($t) 1000 * ($t - 1e8) } -Gradient { 1000 }).Passed | Should -BeTrue
        (1e8 | Test-Gradient -Cost { param($t) 1000 * ($t - 1e8) } -Gradient { 1050 }).Passed | Should -BeFalse
    }

    It 'says when entries are too small to resolve at this ε' {
        # J = θ₀² + θ₁² at (1e8, 2e8): one rounding of J (≈ 5e16) is 11, i.e. 1e8 per unit of 1e-7; gradients are 2e8 and 4e8.
        $result = Test-Gradient -Parameter @(1e8, 2e8) -Cost { param($t) $t[0] * $t[0] + $t[1] * $t[1] } -Gradient { param($t) , @((2 * $t[0]), (2 * $t[1])) }
        $result.UnresolvedCount | Should -Be 2
        $result.Message | Should -Match 'resolve'
    }

    It 'gives -Quiet one answer per input, whatever the number of ε' {
        $answer = @(4 | Test-Gradient -Cost { param($t) $t * 2 } -Gradient { 3 } -Epsilon 1e-3, 1e-5 -Quiet)
        $answer.Count | Should -Be 1
        $answer[0] | Should -BeFalse
    }

    It 'keeps dense1 as a block name in ConvertTo-ParameterVector' {
        $vector = [ordered]@{ dense1 = @(1, 2); dense2 = 3 } | ConvertTo-ParameterVector
        @($vector.Layout | ForEach-Object Name) | Should -Be @('dense1', 'dense2')
    }

    It 'reads a hashtable with integer keys' {
        $result = Test-Gradient -Parameter @{ 1 = 2.0; 2 = 3.0 } -Cost { param($t) $t['1'] * $t['2'] } -Gradient { param($t) @{ 1 = $t['2']; 2 = $t['1'] } }
        $result.Passed | Should -BeTrue
    }
}
