BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Fixed = New-GradCheckNetwork -Preset CourseTestCase
    $script:Buggy = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2; b1 = 4 }
}

Describe 'Test-Gradient -Sample' {
    It 'checks N entries, at least one in every block, repeatably with -Seed' {
        $a = $script:Fixed | Test-Gradient -Sample 10 -Seed 7
        $b = $script:Fixed | Test-Gradient -Sample 10 -Seed 7
        $a.CheckedCount | Should -Be 10
        $a.Seed | Should -Be 7
        $a.SampledEntries | Should -Be $b.SampledEntries
        $a.SampledEntries | Select-Object -Unique | Should -HaveCount 10
        # Block offsets of the course layout: W1 0-19, b1 20-24, W2 25-39, b2 40-42, W3 43-45, b3 46.
        foreach ($range in @(0..19), @(20..24), @(25..39), @(40..42), @(43..45), @(46)) {
            @($a.SampledEntries | Where-Object { $_ -in $range }).Count | Should -BeGreaterThan 0
        }
        $a.Passed | Should -BeTrue
    }

    It 'shows a different sample for a different seed and reports the seed it drew' {
        $a = $script:Fixed | Test-Gradient -Sample 10 -Seed 7
        $c = $script:Fixed | Test-Gradient -Sample 10 -Seed 8
        $c.SampledEntries | Should -Not -Be $a.SampledEntries
        ($script:Fixed | Test-Gradient -Sample 5).Seed | Should -Not -BeNullOrEmpty
    }

    It 'still names b1 when every block is sampled (b1 is wrong in every entry that has a gradient)' {
        $result = $script:Buggy | Test-Gradient -Sample 47 -Seed 1
        $result.FailedBlocks | Should -Be @('b1', 'W2')
    }

    It 'checks one entry of every block when -Sample <Name> is below the block count' -TestCases @(
        @{ Name = 1 }, @{ Name = 3 }, @{ Name = 5 }
    ) {
        # db3 doubled: b3's one entry is wrong by 100 %, so any sample that reaches b3 must fail it.
        $result = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ b3 = 2 } | Test-Gradient -Sample $Name -Seed 1
        $result.CheckedCount | Should -Be 6
        $result.Blocks.CheckedCount | Should -Be @(1, 1, 1, 1, 1, 1)
        $result.FailedBlocks | Should -Be @('b3')
    }
}

Describe 'Test-Gradient -Directions' {
    It 'passes the fixed network with O(K) evaluations' {
        $result = $script:Fixed | Test-Gradient -Directions 8 -Seed 1
        $result.Passed | Should -BeTrue
        $result.Directions.Count | Should -Be 8
        # J(θ), 4 costs per direction, and at most 3 noise lines of 8 points: far fewer than 2 per entry.
        $result.Evaluations | Should -BeGreaterOrEqual (1 + 4 * 8)
        $result.Evaluations | Should -BeLessOrEqual (1 + 4 * 8 + 3 * 8)
    }

    It 'gives g·v as the analytic directional derivative' {
        $result = $script:Fixed | Test-Gradient -Directions 1 -Seed 1
        $d = $result.Directions[0]
        [math]::Abs($d.Analytic - $d.Numerical) | Should -BeLessThan (1e-6 * [math]::Max(1, [math]::Abs($d.Analytic)))
    }

    It 'locates the planted bugs in W2 and b1' {
        $result = $script:Buggy | Test-Gradient -Directions 4 -Seed 1
        $result.Passed | Should -BeFalse
        $result.FailedBlocks | Should -Be @('b1', 'W2')
    }

    It 'locates a 0.1% error in the single entry b3' {
        $result = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ b3 = 1.001 } | Test-Gradient -Directions 4 -Seed 1
        $result.FailedBlocks | Should -Be @('b3')
    }
}

Describe 'Test-Gradient -Method Taylor' {
    # J(θ) = Σ θᵢ³ has a non-zero second derivative along any ±1 direction at θ = (1, 2):
    # the remainder of the right gradient 3θ² falls like h², of a wrong one like h.
    It 'finds an order of 2 for the right gradient of <Name>' -TestCases @(
        @{ Name = 'a cubic'; Theta = @(1, 2) }
        @{ Name = 'a cubic far from 1'; Theta = @(10, -20) }
    ) {
        $result = Test-Gradient -Parameter $Theta -Cost { param($t) $t[0] * $t[0] * $t[0] + $t[1] * $t[1] * $t[1] } -Gradient { param($t) , @((3 * $t[0] * $t[0]), (3 * $t[1] * $t[1])) } -Method Taylor -Seed 1
        $result.Passed | Should -BeTrue
        $result.TaylorSlope | Should -BeGreaterThan 1.9
        $result.TaylorSlope | Should -BeLessThan 2.1
    }

    It 'finds an order of 1 for a wrong gradient' {
        $result = Test-Gradient -Parameter @(1, 2) -Cost { param($t) $t[0] * $t[0] * $t[0] + $t[1] * $t[1] * $t[1] } -Gradient { , @(3, 13) } -Method Taylor -Seed 1
        $result.Passed | Should -BeFalse
        $result.TaylorSlope | Should -BeGreaterThan 0.9
        $result.TaylorSlope | Should -BeLessThan 1.1
    }

    It 'passes the course network and fails its planted bugs' {
        ($script:Fixed | Test-Gradient -Method Taylor -Seed 1).Passed | Should -BeTrue
        ($script:Buggy | Test-Gradient -Method Taylor -Seed 1).Passed | Should -BeFalse
    }

    It 'reports every step with its remainder' {
        $result = $script:Fixed | Test-Gradient -Method Taylor -Seed 1
        $result.TaylorSteps.Count | Should -Be 11
        $result.TaylorSteps[0].Step | Should -BeGreaterThan $result.TaylorSteps[10].Step
    }
}

Describe 'A step-size sweep' {
    It 'marks exactly one epsilon as best, and not the extremes, for the course network' {
        $results = $script:Fixed | Test-Gradient -Epsilon 1e-1, 1e-4, 1e-5, 1e-6, 1e-7, 1e-11
        $results.Count | Should -Be 6
        @($results | Where-Object BestEpsilon).Count | Should -Be 1
        # Truncation grows like h² and rounding like 1/h (u/h ≈ 1e-5 at 1e-11), so the optimum lies inside.
        ($results | Where-Object BestEpsilon).Epsilon | Should -BeIn @(1e-4, 1e-5, 1e-6)
    }

    It 'exports to CSV, one row per epsilon' {
        $csv = 4 | Test-Gradient -Cost { param($t) $t * $t } -Gradient { param($t) 2 * $t } -Epsilon 1e-3, 1e-6 |
            Select-Object Epsilon, Difference, Passed, BestEpsilon | ConvertTo-Csv
        $csv.Count | Should -Be 3
    }
}

Describe 'Kinks' {
    It 'judges |theta| at 1e-8, within the step of its kink, at a step below 1e-8: <Name>' -TestCases @(
        @{ Name = 'the right slope 1 passes'; Slope = 1; Passed = $true }
        @{ Name = 'a wrong slope 0.5 fails'; Slope = 0.5; Passed = $false }
    ) {
        $result = 1e-8 | Test-Gradient -Cost { param($t) [math]::Abs($t) } -Gradient ([scriptblock]::Create("$Slope"))
        $result.KinkCount | Should -Be 1
        $result.Passed | Should -Be $Passed
        # Below 1e-8 both θ ± s stay on the positive side, where the slope is 1: the centred difference there is the derivative.
        $result.Worst[0].Method | Should -Be 'Centred'
        $result.Worst[0].Step | Should -BeLessThan 1e-8
    }

    It 'does not flag a network entry whose step crosses a ReLU kink' {
        # W1[0,0] = 1, x = 1: the ReLU pre-activation z = θ + b with b = -1 + 3e-8 sits 3e-8 from its kink.
        $w1 = [double[,]]::new(1, 1); $w1[0, 0] = 1.0
        $network = New-GradCheckNetwork -LayerSize 1, 1, 1 -Activation ReLU, Sigmoid -Input @(, @(1.0)) -Label @(1) -Parameter ([ordered]@{
            W1 = $w1; b1 = -1 + 3e-8; W2 = 2; b2 = 0.1 })
        $result = $network | Test-Gradient
        $result.KinkCount | Should -BeGreaterThan 0
        $result.Passed | Should -BeTrue
    }
}
