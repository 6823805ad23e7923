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

    It 'says when entries are too small to resolve at any step' {
        # J = 1e20 + θ₀² + θ₁² at (1, 2): one rounding of J is 1.6e4, i.e. 1.6e7 per unit of the largest step tried
        # (1e4·ε = 1e-3), against gradients of 2 and 4. Nothing is resolved, so nothing is judged.
        $result = Test-Gradient -Parameter @(1.0, 2.0) -Cost { param($t) 1e20 + $t[0] * $t[0] + $t[1] * $t[1] } -Gradient { param($t) , @((2 * $t[0]), (2 * $t[1])) }
        $result.UnresolvedCount | Should -Be 2
        $result.Verdict | Should -Be 'Inconclusive'
        $result.Message | Should -Match 'resolve'
    }

    It 'resolves with a larger step what ε cannot: θ₀² + θ₁² at (1e8, 2e8), <Name>' -TestCases @(
        # One rounding of J (5e16) is 11, i.e. 1.1e8 per unit of ε = 1e-7, against gradients of 2e8 and 4e8; at
        # 1e-5 it is 1.1e6, and the centred difference of a quadratic has no truncation.
        @{ Name = 'the right gradient'; Factor = 1.0; Verdict = 'Correct' }
        @{ Name = 'the gradient ×1.01'; Factor = 1.01; Verdict = 'Wrong' }
    ) {
        $gradient = [scriptblock]::Create("param(`$t) , @((2 * $Factor * `$t[0]), (2 * $Factor * `$t[1]))")
        $result = Test-Gradient -Parameter @(1e8, 2e8) -Cost { param($t) $t[0] * $t[0] + $t[1] * $t[1] } -Gradient $gradient
        $result.Verdict | Should -Be $Verdict
        $result.UnresolvedCount | Should -Be 0
        $result.Worst[0].Step | Should -BeGreaterThan 1e-7
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

# User code gives no branch signal: kinks next to θ, curvature at θ's own scale, and checks that could judge nothing.
# Each expectation is derived by hand in its comment.
Describe 'Verdicts for user code' {
    BeforeAll {
        # A ReLU layer J = Σⱼ uⱼ·relu(Wⱼ·x + bⱼ) + 1e3·‖W‖², with three pre-activations within 1e-9 of their kinks:
        # z = (1e-9, −3e-10, 0.7, 5e-9). ±ε on any entry of units 0, 1 and 3 crosses its kink, and so do the ECnoise
        # lines through θ. The derivatives: ∂J/∂Wⱼᵢ = uⱼ·[zⱼ > 0]·xᵢ + 2e3·Wⱼᵢ, ∂J/∂bⱼ = uⱼ·[zⱼ > 0].
        $script:X = @(1.0, 2.0, -1.0)
        $script:U = @(1.0, -2.0, 0.5, 1.5)
        $w = [double[,]]::new(4, 3)
        $values = @(0.3, -0.2, 0.5, 0.7, 0.1, 0.4, -0.6, 0.8, 0.2, 0.25, -0.35, 0.45)
        for ($k = 0; $k -lt 12; $k++) { $w[[math]::Floor($k / 3), ($k % 3)] = $values[$k] }
        $targets = @(1e-9, -3e-10, 0.7, 5e-9)
        $b = [double[]]@(for ($j = 0; $j -lt 4; $j++) {
                $s = 0.0; for ($i = 0; $i -lt 3; $i++) { $s += $w[$j, $i] * $script:X[$i] }; $targets[$j] - $s })
        $script:Layer = [ordered]@{ W = $w; b = $b }
        $script:LayerCost = {
            param($t)
            $total = 0.0
            for ($j = 0; $j -lt 4; $j++) {
                $z = $t.b[$j]
                for ($i = 0; $i -lt 3; $i++) { $z += $t.W[$j, $i] * $script:X[$i]; $total += 1e3 * $t.W[$j, $i] * $t.W[$j, $i] }
                if ($z -gt 0) { $total += $script:U[$j] * $z }
            }
            $total
        }
        function script:Get-LayerGradient($t, [double] $ScaleW = 1, [double] $ScaleB = 1) {
            $dW = [double[,]]::new(4, 3); $db = [double[]]::new(4)
            for ($j = 0; $j -lt 4; $j++) {
                $z = $t.b[$j]; for ($i = 0; $i -lt 3; $i++) { $z += $t.W[$j, $i] * $script:X[$i] }
                $active = if ($z -gt 0) { 1.0 } else { 0.0 }
                $db[$j] = $ScaleB * $script:U[$j] * $active
                for ($i = 0; $i -lt 3; $i++) { $dW[$j, $i] = $ScaleW * $script:U[$j] * $active * $script:X[$i] + 2e3 * $t.W[$j, $i] }
            }
            [ordered]@{ W = $dW; b = $db }
        }
    }

    It 'reads no kink as noise in a ReLU layer next to its kinks: <Name>' -TestCases @(
        @{ Name = 'the right gradient is Correct'; ScaleW = 1; ScaleB = 1; Verdict = 'Correct'; Blocks = @() }
        @{ Name = 'the ReLU part of dW ×1.01 is Wrong in W only'; ScaleW = 1.01; ScaleB = 1; Verdict = 'Wrong'; Blocks = @('W') }
        @{ Name = 'db ×1.001 is Wrong in b only'; ScaleW = 1; ScaleB = 1.001; Verdict = 'Wrong'; Blocks = @('b') }
        @{ Name = 'db negated is Wrong in b only'; ScaleW = 1; ScaleB = -1; Verdict = 'Wrong'; Blocks = @('b') }
    ) {
        $gradient = [scriptblock]::Create("param(`$t) Get-LayerGradient `$t -ScaleW $ScaleW -ScaleB $ScaleB")
        $result = Test-Gradient -Parameter $script:Layer -Cost $script:LayerCost -Gradient $gradient
        $result.Verdict | Should -Be $Verdict
        @($result.FailedBlocks) | Should -Be $Blocks
        # Only entries the first step could not decide took smaller steps: 12 of 16 sit next to a kink.
        $result.KinkCount | Should -BeLessOrEqual 12
    }

    It 'judges a kink 1e-10 from θ below it: J = 2θ + relu(θ + 1e-10) at 0 has slope <Slope>, <Verdict>' -TestCases @(
        # Right of the kink the slope is 3; the backward differences at h and 2h read 2.001 and 2.0005, which agree
        # to 2.5e-4 and once made the left side look clean.
        @{ Slope = 3.0; Verdict = 'Correct' }
        @{ Slope = 2.0; Verdict = 'Wrong' }
    ) {
        $result = 0.0 | Test-Gradient -Cost { param($t) 2 * $t + [math]::Max(0.0, $t + 1e-10) } -Gradient ([scriptblock]::Create("$Slope"))
        $result.Verdict | Should -Be $Verdict
        $result.Worst[0].Step | Should -BeLessThan 1e-10
        $result.Worst[0].Method | Should -Be 'Centred'
    }

    It 'accepts a slope between the one-sided ones at a kink right at θ, and judges no other: J = 2θ + relu(θ), g = <Slope>' -TestCases @(
        # The one-sided slopes are 2 and 3; relu′(0) taken as 0, ½ or 1 gives 2, 2.5 or 3. Outside them nothing is
        # judged: where several kinks meet at θ, autograd's convention can fall outside the one-sided slopes.
        @{ Slope = 2.0; Verdict = 'Correct' }
        @{ Slope = 2.5; Verdict = 'Correct' }
        @{ Slope = 3.0; Verdict = 'Correct' }
        @{ Slope = 3.1; Verdict = 'Inconclusive' }
        @{ Slope = -3.0; Verdict = 'Inconclusive' }
    ) {
        $result = 0.0 | Test-Gradient -Cost { param($t) 2 * $t + [math]::Max(0.0, $t) } -Gradient ([scriptblock]::Create("$Slope"))
        $result.Verdict | Should -Be $Verdict
        $result.Worst[0].Kink | Should -BeTrue
    }

    It 'judges a kink 1e-10 from θ below it along random directions too: J = 2x + y + relu(x + 1e-10), g = <G>' -TestCases @(
        # At (0, 0.5) the slopes are 3 and 1; a direction v = (±1, ±1) sees g·v against a kink 1e-10 away along it.
        @{ G = '3.0, 1.0'; Verdict = 'Correct' }
        @{ G = '2.0, 1.0'; Verdict = 'Wrong' }
    ) {
        $gradient = [scriptblock]::Create("param(`$t) , @($G)")
        $result = Test-Gradient -Parameter @(0.0, 0.5) -Cost { param($t) 2 * $t[0] + $t[1] + [math]::Max(0.0, $t[0] + 1e-10) } `
            -Gradient $gradient -Directions 4 -Seed 1
        $result.Verdict | Should -Be $Verdict
    }

    It 'tells curvature at θ''s own scale from a kink: c·θ/‖θ‖ at ‖θ‖ ≈ 1e-6, <Name>' -TestCases @(
        # ∂/∂θ (c·θ/‖θ‖) = (c − (c·θ̂)θ̂)/‖θ‖, of order 1e6; at ε = 1e-7 the centred differences at h and 2h differ by 10%.
        @{ Name = 'the right gradient'; Sign = 1; Verdict = 'Correct' }
        @{ Name = 'the gradient negated'; Sign = -1; Verdict = 'Wrong' }
    ) {
        $c = @(0.3, -0.5, 0.8, 0.1)
        $cost = { param($t) $n = [math]::Sqrt(($t | ForEach-Object { $_ * $_ } | Measure-Object -Sum).Sum)
            $s = 0.0; for ($i = 0; $i -lt 4; $i++) { $s += $c[$i] * $t[$i] / $n }; $s }.GetNewClosure()
        $gradient = { param($t) $n = [math]::Sqrt(($t | ForEach-Object { $_ * $_ } | Measure-Object -Sum).Sum)
            $cu = 0.0; for ($i = 0; $i -lt 4; $i++) { $cu += $c[$i] * $t[$i] / $n }
            , [double[]]@(for ($i = 0; $i -lt 4; $i++) { $Sign * ($c[$i] - $cu * $t[$i] / $n) / $n }) }.GetNewClosure()
        $result = Test-Gradient -Parameter @(4e-7, -6e-7, 5e-7, 3e-7) -Cost $cost -Gradient $gradient
        $result.Verdict | Should -Be $Verdict
        $result.InconclusiveCount | Should -Be 0
    }

    It 'never says Correct when nothing could be judged: <Name>' -TestCases @(
        # √|θ| at 0: the one-sided slopes ±1/√s grow without bound as s shrinks; no step gives a derivative.
        @{ Name = 'sqrt(|θ|) at 0'; Theta = 0.0; Cost = { param($t) [math]::Sqrt([math]::Abs($t)) }; Gradient = { 0.0 }; Extra = @() }
        # 1 + 1e-13·θ: a slope of 1e-13 moves J(θ ± 1e-7) by 1e-20, far below one rounding of J (2.2e-16).
        @{ Name = 'a slope below resolution'; Theta = 1.0; Cost = { param($t) 1 + 1e-13 * $t }; Gradient = { 1e-13 }; Extra = @() }
        @{ Name = 'sqrt(|θ|) at 0, along directions'; Theta = 0.0; Cost = { param($t) [math]::Sqrt([math]::Abs($t)) }; Gradient = { 0.0 }
            Extra = @('-Directions', 1, '-Seed', 1) }
    ) {
        $extra = @{}; for ($k = 0; $k -lt $Extra.Count; $k += 2) { $extra[$Extra[$k].TrimStart('-')] = $Extra[$k + 1] }
        $result = $Theta | Test-Gradient -Cost $Cost -Gradient $Gradient @extra
        $result.Verdict | Should -Be 'Inconclusive'
        $result.Passed | Should -BeFalse
        $Theta | Test-Gradient -Cost $Cost -Gradient $Gradient -Quiet @extra | Should -BeFalse
    }

    It 'counts and names the blocks it could not judge, and says what to try' {
        $result = Test-Gradient -Parameter ([ordered]@{ a = 1.0; k = 0.0 }) -Cost { param($t) $t.a * $t.a + [math]::Sqrt([math]::Abs($t.k)) } `
            -Gradient { param($t) [ordered]@{ a = 2 * $t.a; k = 0.0 } }
        $result.Verdict | Should -Be 'Inconclusive'
        $result.InconclusiveCount | Should -Be 1
        ($result.Blocks | Where-Object Name -EQ 'a').Verdict | Should -Be 'Correct'
        ($result.Blocks | Where-Object Name -EQ 'k').Verdict | Should -Be 'Inconclusive'
        $result.Message | Should -Match '\bk\b'
        $result.Message | Should -Match '-Epsilon'
        $result.Message | Should -Match '-Sample'
        $result.Message | Should -Match 'Taylor'
    }

    It 'is Inconclusive when only one Taylor step stands clear of noise' {
        # J = x + 5e-12·x² at 1: the remainder 5e-12·h² exceeds 100 roundings of J (2.2e-14) only at h = 0.1.
        $result = 1.0 | Test-Gradient -Cost { param($t) $t + 5e-12 * $t * $t } -Gradient { param($t) 1 + 1e-11 * $t } -Method Taylor -Seed 1
        $result.Verdict | Should -Be 'Inconclusive'
        $result.Passed | Should -BeFalse
    }
}

Describe 'Costs whose rounding dwarfs a block' {
    # Every gradient here is derived by hand: d sin(x)/dx = cos x, d tanh²(x)/2 / dx = tanh x·(1 − tanh² x).
    It 'finds <Name> in J = <Offset> + Σ sin θ, whose rounding at ε is a fifth of |g|' -TestCases @(
        @{ Name = 'g × 1.01'; Offset = 1e7; Factor = 1.01; Verdict = 'Wrong' }
        @{ Name = 'g × 1.04'; Offset = 1e7; Factor = 1.04; Verdict = 'Wrong' }
        @{ Name = 'g × 1.01'; Offset = 3e6; Factor = 1.01; Verdict = 'Wrong' }
        @{ Name = 'the right g'; Offset = 1e7; Factor = 1.0; Verdict = 'Correct' }
    ) {
        $cost = { param($t) $s = $Offset; foreach ($x in $t) { $s += [Math]::Sin($x) }; $s }.GetNewClosure()
        $gradient = { param($t) , [double[]]@($t | ForEach-Object { [Math]::Cos($_) * $Factor }) }.GetNewClosure()
        $result = Test-Gradient -Parameter ([double[]](0.3, -1.2, 0.7, 2.1)) -Cost $cost -Gradient $gradient
        $result.Verdict | Should -Be $Verdict
    }

    It 'finds a block left out as zeros whose share of J lies below J''s last bit at ε: <Name>' -TestCases @(
        @{ Name = 'db forgotten'; Forgotten = $true; Verdict = 'Wrong'; Failed = @('b') }
        @{ Name = 'db given'; Forgotten = $false; Verdict = 'Correct'; Failed = @() }
    ) {
        # J = 1e6·Σ sin aᵢ + 1e-3·Σ sin(kᵢbᵢ) ≈ 2.6e6: b moves J by 1e-10 at ε = 1e-7, a fifth of J's spacing.
        $k = [double[]](1.5457975677897184, 1.0692229525120245, 0.9831175328190191, 1.232425593205222)
        $theta = [ordered]@{
            a = [double[]](-0.8474085948289408, 1.2318415654122892, 0.5857319115638746, 1.7152691268390476,
                1.0030938194878394)
            b = [double[]](-0.10237026121340073, -0.20003045039326856, 0.0851677199461466, 0.17526095189885732)
        }
        $cost = {
            param($p)
            $sa = 0.0; foreach ($x in $p.a) { $sa += [Math]::Sin($x) }
            $sb = 0.0; for ($i = 0; $i -lt 4; $i++) { $sb += [Math]::Sin($k[$i] * $p.b[$i]) }
            1e6 * $sa + 1e-3 * $sb
        }.GetNewClosure()
        $gradient = {
            param($p)
            $db = [double[]]::new(4)
            if (-not $Forgotten) { for ($i = 0; $i -lt 4; $i++) { $db[$i] = 1e-3 * $k[$i] * [Math]::Cos($k[$i] * $p.b[$i]) } }
            @{ a = [double[]]@($p.a | ForEach-Object { 1e6 * [Math]::Cos($_) }); b = $db }
        }.GetNewClosure()
        $result = Test-Gradient -Parameter $theta -Cost $cost -Gradient $gradient
        $result.Verdict | Should -Be $Verdict
        $result.FailedBlocks | Should -Be $Failed
    }

    It 'reads J = (B + L) − B with B = <B> as rounded to B''s spacing, and <Name>' -TestCases @(
        @{ Name = 'passes the right gradient'; B = 1e6; Bug = $false; Verdict = 'Correct'; Failed = @() }
        @{ Name = 'passes the right gradient'; B = 1e8; Bug = $false; Verdict = 'Correct'; Failed = @() }
        @{ Name = 'names w when one of its entries is 1 % off'; B = 1e6; Bug = $true; Verdict = 'Wrong'; Failed = @('w') }
        @{ Name = 'names w when one of its entries is 1 % off'; B = 1e8; Bug = $true; Verdict = 'Wrong'; Failed = @('w') }
    ) {
        # L = Σᵢⱼ tanh²(wᵢ + cⱼ)/2 ≈ 0.5: every cost is a multiple of B's spacing (2⁻³³ at 1e6, 2⁻²⁶ at 1e8), far
        # above u·|J|; judged against u·|J|, the flat or stepped costs failed every entry of a right gradient.
        $cost = {
            param($p)
            $l = 0.0
            foreach ($x in $p.w) { foreach ($y in $p.c) { $l += [Math]::Tanh($x + $y) * [Math]::Tanh($x + $y) / 2 } }
            ($B + $l) - $B
        }.GetNewClosure()
        $gradient = {
            param($p)
            $gw = [double[]]::new(3); $gc = [double[]]::new(2)
            for ($i = 0; $i -lt 3; $i++) {
                for ($j = 0; $j -lt 2; $j++) {
                    $t = [Math]::Tanh($p.w[$i] + $p.c[$j]); $gw[$i] += $t * (1 - $t * $t); $gc[$j] += $t * (1 - $t * $t)
                }
            }
            if ($Bug) { $gw[2] *= 1.01 }
            @{ w = $gw; c = $gc }
        }.GetNewClosure()
        $theta = [ordered]@{ w = [double[]](0.3, -0.7, 1.1); c = [double[]](0.2, -0.4) }
        $result = Test-Gradient -Parameter $theta -Cost $cost -Gradient $gradient
        $result.Verdict | Should -Be $Verdict
        $result.FailedBlocks | Should -Be $Failed
        $result.CostNoise | Should -BeGreaterOrEqual ([Math]::Pow(2, [Math]::Floor([Math]::Log($B, 2)) - 52))
    }
}

Describe 'Gradients of extreme size' {
    # J = s·θ₀² + s·θ₁ at (1, 2): g = (2s, s) by hand; the wrong gradient says 3s for the second entry.
    It 'fails a wrong gradient at scale <Scale> (<Mode>), where squares overflow or underflow' -TestCases @(
        @{ Scale = 1e200; Mode = 'entries'; Options = @{} }
        @{ Scale = 1e-170; Mode = 'entries'; Options = @{} }
        @{ Scale = 1e-170; Mode = 'the course''s rule'; Options = @{ Criterion = 'Course' } }
        @{ Scale = 1e200; Mode = 'directions'; Options = @{ Directions = 4; Seed = 1 } }
    ) {
        $cost = { param($t) $Scale * $t[0] * $t[0] + $Scale * $t[1] }.GetNewClosure()
        $result = Test-Gradient -Parameter 1.0, 2.0 -Cost $cost -Gradient { param($t) , @((2 * $Scale * $t[0]), (3 * $Scale)) }.GetNewClosure() @Options
        $result.Verdict | Should -Be 'Wrong'
        $result.Difference | Should -BeGreaterThan 0.3
    }

    It 'passes the right gradient at scale <Scale> with a finite difference below 1e-6' -TestCases @(
        @{ Scale = 1e200 }, @{ Scale = 1e155 }, @{ Scale = 1e-170 }
    ) {
        $cost = { param($t) $Scale * $t[0] * $t[0] + $Scale * $t[1] }.GetNewClosure()
        $result = Test-Gradient -Parameter 1.0, 2.0 -Cost $cost -Gradient { param($t) , @((2 * $Scale * $t[0]), $Scale) }.GetNewClosure()
        $result.Verdict | Should -Be 'Correct'
        [double]::IsNaN($result.Difference) | Should -BeFalse
        $result.Difference | Should -BeGreaterThan 0
        $result.Difference | Should -BeLessThan 1e-6
    }

    It 'fails a doubled dW1 under an L2 term of 1e200' {
        $result = New-GradCheckNetwork -LayerSize 4, 3, 1 -L2 1e200 -Fault @{ W1 = 2 } -Seed 1 | Test-Gradient
        $result.Verdict | Should -Be 'Wrong'
        $result.FailedBlocks | Should -Contain 'W1'
    }
}

Describe 'Minima and steps too long for the function' {
    # Rosenbrock's function, its gradient by hand: ∂/∂x = −400x(y − x²) − 2(1 − x), ∂/∂y = 200(y − x²); 0 at (1, 1).
    BeforeAll {
        $script:Rosenbrock = { param($t) $a = $t[1] - $t[0] * $t[0]; $b = 1 - $t[0]; 100 * $a * $a + $b * $b }
        $script:RosenbrockGradient = {
            param($t) $a = $t[1] - $t[0] * $t[0]; , [double[]]((-400 * $t[0] * $a - 2 * (1 - $t[0])), (200 * $a))
        }
    }

    It 'raises no false alarm for g = 0 at a minimum where θ is a power of two: <Name>' -TestCases @(
        @{ Name = '(θ − 1)² at 1'; Theta = @(1.0); Cost = { param($t) ($t[0] - 1) * ($t[0] - 1) }; Gradient = { param($t) , [double[]](2 * ($t[0] - 1)) }; Options = @{} }
        @{ Name = 'Rosenbrock at (1, 1)'; Theta = @(1.0, 1.0); Options = @{} }
        @{ Name = 'Rosenbrock at (1, 1) along 8 directions'; Theta = @(1.0, 1.0); Options = @{ Directions = 8; Seed = 1 } }
    ) {
        # θ ± h fall into binades of different spacing at 1, so the two sides differ by an ulp and the centred
        # difference reads J″·ulp/2 ≈ 1e-16 where J″ ≠ 0; judged against u·|J| ≈ 0 alone that failed g = 0.
        $cost = if ($Cost) { $Cost } else { $script:Rosenbrock }
        $gradient = if ($Gradient) { $Gradient } else { $script:RosenbrockGradient }
        $result = Test-Gradient -Parameter ([double[]]$Theta) -Cost $cost -Gradient $gradient @Options
        $result.Verdict | Should -Not -Be 'Wrong'
    }

    It 'still fails a wrong gradient at the minimum: Rosenbrock at (1, 1) with ∂/∂x reported as 1e-3' {
        $result = Test-Gradient -Parameter ([double[]](1.0, 1.0)) -Cost $script:Rosenbrock -Gradient { , [double[]](1e-3, 0) }
        $result.Verdict | Should -Be 'Wrong'
    }

    It 'does not call a negated gradient Correct when the Taylor steps are too long for the function' {
        # J = Σ sin(θᵢ/sᵢ) + (θᵢ/sᵢ)² with s = (1e-6, 1, 1e6): ∂J/∂θᵢ = (cos(θᵢ/sᵢ) + 2θᵢ/sᵢ)/sᵢ, here negated. The
        # Taylor steps (0.1 down to 1e-6 times max|θᵢ| = 5e5) are far too long for the first coordinate, whose
        # curvature keeps the remainder's slope at 2 whatever the gradient.
        $s = [double[]](1e-6, 1, 1e6)
        $cost = { param($t) $v = 0.0; for ($i = 0; $i -lt 3; $i++) { $u = $t[$i] / $s[$i]; $v += [Math]::Sin($u) + $u * $u }; $v }.GetNewClosure()
        $negated = { param($t) $g = [double[]]::new(3); for ($i = 0; $i -lt 3; $i++) { $u = $t[$i] / $s[$i]; $g[$i] = -([Math]::Cos($u) + 2 * $u) / $s[$i] }; , $g }.GetNewClosure()
        $result = Test-Gradient -Parameter ([double[]](0.3e-6, -0.8, 0.5e6)) -Cost $cost -Gradient $negated -Method Taylor -Seed 1
        $result.Verdict | Should -Not -Be 'Correct'
        $result.Message | Should -Match 'Inconclusive|Wrong'
    }
}

Describe 'A cost whose domain ends next to θ' {
    # −log θ at 3.5e-7: the check's points θ ± 2ε lie inside the domain, but the noise lines (±4 spacings of ε)
    # reach below 0. They are passed over instead of stopping the check. d/dθ (−log θ) = −1/θ by hand.
    It 'judges −log θ at 3.5e-7: <Name>' -TestCases @(
        @{ Name = 'the right gradient'; Factor = 1.0; Verdict = 'Correct' }
        @{ Name = 'a gradient 1 % off'; Factor = 1.01; Verdict = 'Wrong' }
    ) {
        $gradient = { param($x) -$Factor / $x }.GetNewClosure()
        $result = Test-Gradient -Parameter 3.5e-7 -Cost { param($x) -[Math]::Log($x) } -Gradient $gradient
        $result.Verdict | Should -Be $Verdict
    }
}
