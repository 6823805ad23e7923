# -Precision on Test-Gradient and Test-Jacobian: float32 code, as most training code is. The costs here are
# computed in float32 by hand ([float] after every operation); the expected verdicts follow from the planted
# bugs (a gradient 2% off is wrong, the exact derivative right), and the grid properties from float32 itself.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    # J(θ) = Σ ½(θᵢ − cᵢ)² + Σ sin(θᵢ − cᵢ) in float32; ∂J/∂θᵢ = (θᵢ − cᵢ) + cos(θᵢ − cᵢ).
    $script:Centre = [float[]](100, -3, 0.5)
    $script:Cost = {
        param($t)
        $sum = [float]0
        for ($i = 0; $i -lt 3; $i++) {
            $d = [float]([float]$t[$i] - $script:Centre[$i])
            $sum = [float]($sum + [float]([float]0.5 * [float]($d * $d)) + [float][Math]::Sin($d))
        }
        $sum
    }
    function script:New-FloatGradient([double] $Scale) {
        $centre = $script:Centre
        {
            param($t)
            $g = [float[]]::new(3)
            for ($i = 0; $i -lt 3; $i++) {
                $d = [float]([float]$t[$i] - $centre[$i])
                $g[$i] = [float]($d + [float][Math]::Cos($d))
            }
            $g[0] = [float]($g[0] * $Scale)
            , $g
        }.GetNewClosure()
    }
    $script:Right = New-FloatGradient 1
    $script:Wrong = New-FloatGradient 1.02
    # θ of the issue's hard case: near 100, where θ ± 1e-7 rounds back to θ in float32.
    $script:Theta = [double[]](100.75, -2.5, 1.25)
}

Describe 'Test-Gradient -Precision Single on float32 code' {
    It 'calls the <Name> gradient <Verdict>' -TestCases @(
        @{ Name = 'right'; Scale = 1; Verdict = 'Correct' }
        @{ Name = '2% wrong'; Scale = 1.02; Verdict = 'Wrong' }
    ) {
        $r = Test-Gradient -Parameter $script:Theta -Cost $script:Cost -Gradient (New-FloatGradient $Scale) `
            -Precision Single
        $r.Verdict | Should -Be $Verdict
        $r.Precision | Should -Be 'Single'
        $r.SwitchedToSingle | Should -BeFalse
        if ($Verdict -eq 'Wrong') { $r.Worst[0].Name | Should -Be 'theta[0]' }
    }

    It 'steps every entry by whole float32 spacings (θ ± step are float32 numbers)' {
        $r = Test-Gradient -Parameter $script:Theta -Cost $script:Cost -Gradient $script:Wrong -Precision Single -Top 3
        foreach ($entry in $r.Worst) {
            $theta = $script:Theta[$entry.Position]
            [double][float]($theta + $entry.Step) | Should -Be ($theta + $entry.Step)
            [double][float]($theta - $entry.Step) | Should -Be ($theta - $entry.Step)
        }
    }

    It 'starts at the default step 1e-6·max(1, |θᵢ|), scaled to each entry' {
        # A linear cost, whose one-sided slopes agree at any step, so that no entry is looked at again smaller.
        $cost = { param($t) [float]([float]([float]$t[0] + [float]([float]2 * [float]$t[1])) + [float]$t[2]) }
        $gradient = { param($t) , [float[]](1, 2, 1) }
        $r = Test-Gradient -Parameter $script:Theta -Cost $cost -Gradient $gradient -Precision Single -Top 3
        $r.Epsilon | Should -Be 1e-6
        $r.Verdict | Should -Be 'Correct'
        $first = $r.Worst | Where-Object Position -EQ 0
        # Entry 0 starts at 1e-6 × 100.75 on the float32 grid; a linear cost leaves it unresolved there only while
        # rounding dominates, so it ends at that step times a power of 10 (CoarserStepFactor), at most 10⁴.
        $ratio = [Math]::Log10($first.Step / (1e-6 * 100.75))
        $ratio | Should -BeGreaterOrEqual -0.05
        $ratio | Should -BeLessOrEqual 4.05
        [Math]::Abs($ratio - [Math]::Round($ratio)) | Should -BeLessThan 0.05
    }

    It 'checks directions with the best float32 step 5.6e-3·max(1, max|θᵢ|): <Name> is <Verdict>' -TestCases @(
        @{ Name = 'right'; Scale = 1; Verdict = 'Correct' }
        @{ Name = '20% wrong'; Scale = 1.2; Verdict = 'Wrong' }
    ) {
        # J = Σ θᵢ³/3 in float32, ∂J/∂θᵢ = θᵢ²; the wrong gradient is 20% too large in entry 0.
        $cost = {
            param($t)
            $sum = [float]0
            foreach ($v in $t) { $sum = [float]($sum + [float]([float]([float]$v * [float]$v) * [float]$v) / [float]3) }
            $sum
        }
        $gradient = {
            param($t)
            $g = [float[]]@(foreach ($v in $t) { [float]([float]$v * [float]$v) })
            $g[0] = [float]($g[0] * $Scale)
            , $g
        }.GetNewClosure()
        $r = Test-Gradient -Parameter ([double[]](0.75, -2.5, 1.25)) -Cost $cost -Gradient $gradient -Precision Single `
            -Directions 4 -Seed 1
        $r.Verdict | Should -Be $Verdict
        $r.Epsilon | Should -Be (5.6e-3 * 2.5)
    }

    It 'divides the course''s Numerical by the step float32 code really moved' {
        # J = ½θ₀² in float32 at θ₀ = 100.75. The first step, 1e-6·100.75, lands on the float32 grid 13 spacings
        # away on each side; Numerical is the centred difference over that distance, not over the nominal step.
        $cost = { param($t) [float]([float]([float]$t[0] * [float]$t[0]) * [float]0.5) }
        $gradient = { param($t) , [float[]]@([float]$t[0]) }
        $r = Test-Gradient -Parameter 100.75 -Cost $cost -Gradient $gradient -Precision Single
        $h = 1e-6 * 100.75
        $up = [double][float](100.75 + $h) - 100.75
        $down = 100.75 - [double][float](100.75 - $h)
        $plus = [double](& $cost (100.75 + $up))
        $minus = [double](& $cost (100.75 - $down))
        $r.Numerical[0] | Should -Be (($plus - $minus) / ($up + $down))
    }

    It 'refuses a given ε that θ ± ε rounds away in float32, naming the entry' {
        $id = Get-ErrorId {
            Test-Gradient -Parameter $script:Theta -Cost $script:Cost -Gradient $script:Right -Precision Single `
                -Epsilon 1e-7
        }
        $id | Should -Be 'EpsilonTooSmall'
        $Error[0].TargetObject | Should -Be 1e-7
        $Error[0].Exception.Message | Should -Match 'entry 0 '
    }
}

Describe 'Test-Gradient without -Precision on float32 code' {
    It 'switches to single precision for the <Name> gradient and says so under -Verbose' -TestCases @(
        @{ Name = 'right'; Scale = 1; Verdict = 'Correct' }
        @{ Name = '2% wrong'; Scale = 1.02; Verdict = 'Wrong' }
    ) {
        $verbose = $null
        $r = Test-Gradient -Parameter $script:Theta -Cost $script:Cost -Gradient (New-FloatGradient $Scale) `
            -Verbose 4>&1 | Tee-Object -Variable verbose | Where-Object { $_ -is [GradCheck.GradientCheckResult] }
        $r.Verdict | Should -Be $Verdict
        $r.SwitchedToSingle | Should -BeTrue
        $r.Precision | Should -Be 'Single'
        $r.Message | Should -Match 'Precision Single'
        @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and
                $_.Message -match 'float32 rounding' }).Count | Should -Be 1
    }

    It 'switches a directional check too' {
        $r = Test-Gradient -Parameter $script:Theta -Cost $script:Cost -Gradient $script:Right -Directions 4 -Seed 1
        $r.SwitchedToSingle | Should -BeTrue
        $r.Precision | Should -Be 'Single'
    }

    It 'leaves double-precision code in double' {
        $cost = { param($t) $t[0] * $t[0] + [Math]::Sin($t[1]) }
        $gradient = { param($t) , [double[]]((2 * $t[0]), [Math]::Cos($t[1])) }
        $r = Test-Gradient -Parameter ([double[]](100.75, -2.5)) -Cost $cost -Gradient $gradient
        $r.Precision | Should -Be 'Double'
        $r.SwitchedToSingle | Should -BeFalse
        $r.Epsilon | Should -Be 1e-7
    }

    It 'keeps the course''s rule in double (-Criterion Course never switches)' {
        $r = Test-Gradient -Parameter $script:Theta -Cost $script:Cost -Gradient $script:Right -Criterion Course
        $r.SwitchedToSingle | Should -BeFalse
        $r.Epsilon | Should -Be 1e-7
    }
}

Describe 'A compiled float32 objective' {
    BeforeAll {
        $core = [GradCheck.GradientChecker].Assembly.Location
        if (-not ('PrecisionTests.Quadratic32' -as [type])) {
            Add-Type -ReferencedAssemblies $core, netstandard -TypeDefinition @'
namespace PrecisionTests
{
    using System.Collections.Generic;
    using GradCheck;

    // J = Σ ½·wᵢ·θᵢ² in float32; the gradient wᵢ·θᵢ, times Scale on entry 0.
    public sealed class Quadratic32 : ISingleGradientObjective
    {
        private readonly float _scale;
        public Quadratic32(float scale) { _scale = scale; }
        public ParameterLayout Layout =>
            ParameterLayout.Create(new[] { new KeyValuePair<string, int[]>("w", new[] { 3 }) });
        public float Cost(float[] t)
        {
            float sum = 0;
            for (int i = 0; i < t.Length; i++) sum += 0.5f * (i + 1) * t[i] * t[i];
            return sum;
        }
        public float[] Gradient(float[] t)
        {
            var g = new float[t.Length];
            for (int i = 0; i < t.Length; i++) g[i] = (i + 1) * t[i];
            g[0] *= _scale;
            return g;
        }
    }
}
'@
        }
    }

    It 'declares single precision through SinglePrecisionObjective: the <Name> gradient is <Verdict>' -TestCases @(
        @{ Name = 'right'; Scale = 1; Verdict = 'Correct' }
        @{ Name = '2% wrong'; Scale = 1.02; Verdict = 'Wrong' }
    ) {
        $objective = [GradCheck.SinglePrecisionObjective]::Wrap([PrecisionTests.Quadratic32]::new($Scale))
        $r = Test-Gradient -Parameter ([double[]](250.5, -0.75, 3)) -Objective $objective
        $r.Verdict | Should -Be $Verdict
        $r.Precision | Should -Be 'Single'
        $r.SwitchedToSingle | Should -BeFalse
    }
}

Describe 'Test-Jacobian -Precision Single' {
    BeforeAll {
        # y = 2·sin(x) in float32, and its backward pass uᵢ·2·cos(xᵢ), the 3% wrong one times 1.03.
        $script:Layer = {
            param($x)
            , [float[]]@(foreach ($v in $x) { [float]([float]2 * [float][Math]::Sin([float]$v)) })
        }
        function script:New-Backward([double] $Scale) {
            {
                param($x, $u)
                , [float[]]@(for ($i = 0; $i -lt $x.Count; $i++) {
                        [float]([float]$u[$i] * [float]([float]2 * [float][Math]::Cos([float]$x[$i])) * $Scale)
                    })
            }.GetNewClosure()
        }
    }

    It 'calls the <Name> backward pass <Verdict>' -TestCases @(
        @{ Name = 'right'; Scale = 1; Verdict = 'Correct' }
        @{ Name = '3% wrong'; Scale = 1.03; Verdict = 'Wrong' }
    ) {
        $r = Test-Jacobian -Parameter ([double[]](40.25, -1.5, 0.125)) -Function $script:Layer `
            -Backward (New-Backward $Scale) -Precision Single
        $r.Verdict | Should -Be $Verdict
        $r.Precision | Should -Be 'Single'
        $r.Epsilon | Should -Be 1e-6
    }
}

Describe 'Test-Jacobian without -Precision on a float32 layer' {
    It 'checks every output in single precision by itself, and says so in Precision' {
        $layer = {
            param($x)
            , [float[]]@(foreach ($v in $x) { [float]([float]2 * [float][Math]::Sin([float]$v)) })
        }
        $backward = {
            param($x, $u)
            , [float[]]@(for ($i = 0; $i -lt $x.Count; $i++) {
                    [float]([float]$u[$i] * [float]([float]2 * [float][Math]::Cos([float]$x[$i])))
                })
        }
        $r = Test-Jacobian -Parameter ([double[]](40.25, -1.5, 0.125)) -Function $layer -Backward $backward
        $r.Verdict | Should -Be 'Correct'
        $r.Precision | Should -Be 'Single'
        $product = { param($x) , [double[]]@($x[0] * $x[1]) }
        $productBackward = { param($x, $u) , [double[]]@(($u[0] * $x[1]), ($u[0] * $x[0])) }
        $double = Test-Jacobian -Parameter ([double[]](0.25, -1.5)) -Function $product -Backward $productBackward
        $double.Precision | Should -Be 'Double'
    }
}

Describe 'Test-Hessian -Precision Single' {
    BeforeAll {
        # J = Σ θᵢ⁴/4 in float32: ∇J = θ³ and H = diag(3θ²); the wrong H·v is 3.1θ² instead of 3θ².
        $script:Cube = {
            param($t)
            , [float[]]@(foreach ($v in $t) { [float]([float]([float]$v * [float]$v) * [float]$v) })
        }
        function script:New-HessianVector([double] $Factor) {
            {
                param($t, $v)
                , [float[]]@(for ($i = 0; $i -lt $t.Count; $i++) {
                        [float]([float]$Factor * [float]([float]$t[$i] * [float]$t[$i]) * [float]$v[$i])
                    })
            }.GetNewClosure()
        }
    }

    It 'calls the <Name> Hessian <Verdict>' -TestCases @(
        @{ Name = 'right'; Factor = 3; Verdict = 'Correct' }
        @{ Name = '3% wrong'; Factor = 3.1; Verdict = 'Wrong' }
    ) {
        $r = Test-Hessian -Parameter ([double[]](1.5, -0.75, 2.25)) -Gradient $script:Cube `
            -HessianVector (New-HessianVector $Factor) -Precision Single
        $r.Verdict | Should -Be $Verdict
    }
}
