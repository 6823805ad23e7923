# Test-Hessian against torch: Rosenbrock's function of examples/JacobianLayers.ps1, whose gradient and Hessian
# reproduce torch's (tests/JacobianLayers.Tests.ps1), with the fixture's two planted Hessian bugs.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'JacobianFixture.ps1')
    $script:Rosenbrock = $script:Case.rosenbrock
    $script:Theta = [double[]]$script:Rosenbrock.theta
    $script:CostBlock = { param($t) Get-RosenbrockCost $t }
    $script:GradientBlock = { param($t) , (Get-RosenbrockGradient $t) }
    $script:HessianBlock = { param($t) , (Get-RosenbrockHessian $t) }
    $script:VectorBlock = { param($t, $v) , (Get-RosenbrockHessianVectorProduct $t $v) }
}

Describe 'Test-Hessian checks Rosenbrock''s Hessian' {
    It 'passes the right Hessian, given whole, after checking the gradient; H is torch''s' {
        $r = Test-Hessian -Parameter $script:Theta -Cost $script:CostBlock -Gradient $script:GradientBlock `
            -Hessian $script:HessianBlock
        $r | Should -PassJacobianCheck
        $r.GradientCheck.Verdict | Should -Be 'Correct'
        $r.Symmetric | Should -BeTrue
        $r.Blocks.Name | Should -Be '∇theta ← theta'
        Get-RelativeError $r.AnalyticJacobian $script:Rosenbrock.hessian | Should -BeLessOrEqual 1e-12
        Get-RelativeError $r.NumericalJacobian $script:Rosenbrock.hessian | Should -BeLessOrEqual 1e-6
    }

    It 'passes the right Hessian-vector products, and says the gradient went unchecked' {
        $r = Test-Hessian -Parameter $script:Theta -Gradient $script:GradientBlock -HessianVector $script:VectorBlock
        $r | Should -PassJacobianCheck
        $r.GradientCheck | Should -BeNullOrEmpty
        $r.Message | Should -Match '-Cost'
    }

    It 'fails one wrong off-diagonal entry, names it, and finds H not symmetric' {
        $r = Test-Hessian -Parameter $script:Theta -Gradient $script:GradientBlock `
            -Hessian { param($t) , (Get-RosenbrockHessian $t -BugAsymmetric) }
        $r | Should -Not -PassJacobianCheck
        $r.Worst[0].Name | Should -Be '∇theta[0] ← theta[1]'
        $r.FailedCount | Should -Be 1
        $r.Symmetric | Should -BeFalse
        $r.Message | Should -Match 'not symmetric'
    }

    It 'fails a symmetric bug in H[1,2] and H[2,1] while H stays symmetric' {
        $r = Test-Hessian -Parameter $script:Theta -Gradient $script:GradientBlock `
            -HessianVector { param($t, $v) , (Get-RosenbrockHessianVectorProduct $t $v -BugSymmetric) }
        $r.Verdict | Should -Be 'Wrong'
        $r.Symmetric | Should -BeTrue
        @($r.Worst | Where-Object Verdict -EQ 'Wrong' | ForEach-Object Name | Sort-Object) |
            Should -Be @('∇theta[1] ← theta[2]', '∇theta[2] ← theta[1]')
    }

    It 'is Inconclusive when the gradient itself is wrong' {
        $wrongGradient = { param($t) $g = Get-RosenbrockGradient $t; $g[3] *= 2; , $g }
        $r = Test-Hessian -Parameter $script:Theta -Cost $script:CostBlock -Gradient $wrongGradient `
            -Hessian $script:HessianBlock
        $r.Verdict | Should -Be 'Inconclusive'
        $r.GradientCheck.Verdict | Should -Be 'Wrong'
        $r.Message | Should -Match 'gradient'
    }

    It 'checks random vᵀHw with -Directions' {
        $r = Test-Hessian -Parameter $script:Theta -Gradient $script:GradientBlock -Directions 4 -Seed 3 `
            -HessianVector { param($t, $v) , (Get-RosenbrockHessianVectorProduct $t $v -BugSymmetric) }
        $r.Mode | Should -Be 'Directional'
        $r.Verdict | Should -Be 'Wrong'
    }
}

Describe 'Every bad Hessian gets an ErrorRecord with a stable ErrorId' {
    It '<Id>: <Name>' -TestCases @(
        @{ Id = 'HessianNotSquare'; Name = '-Hessian returns 4 × 3'; Run = { Test-Hessian -Parameter $script:Theta -Gradient $script:GradientBlock -Hessian { , [double[,]]::new(4, 3) } } }
        @{ Id = 'HessianSizeMismatch'; Name = '-Hessian returns 3 × 3 for 4 parameters'; Run = { Test-Hessian -Parameter $script:Theta -Gradient $script:GradientBlock -Hessian { , [double[,]]::new(3, 3) } } }
        @{ Id = 'BackwardThrew'; Name = '-HessianVector throws'; Run = { Test-Hessian -Parameter $script:Theta -Gradient $script:GradientBlock -HessianVector { throw 'no' } } }
        @{ Id = 'GradientThrew'; Name = '-Gradient throws'; Run = { Test-Hessian -Parameter $script:Theta -Gradient { throw 'no' } -HessianVector $script:VectorBlock } }
        @{ Id = 'GradientLengthMismatch'; Name = '-HessianVector returns 3 numbers'; Run = { Test-Hessian -Parameter $script:Theta -Gradient $script:GradientBlock -HessianVector { , [double[]](1, 2, 3) } } }
    ) {
        Get-ErrorId $Run | Should -Be $Id
    }
}

Describe 'Test-Hessian on what a review found (issue 11)' {
    It 'calls a Hessian whose entries differ by a rounding of 0.1 + 0.2 − 0.3 symmetric and Correct' {
        $r = Test-Hessian -Parameter ([double[]](1, 2)) -Gradient { param($t) , [double[]]((2 * $t[0]), (2 * $t[1])) } `
            -Hessian { $h = [double[,]]::new(2, 2); $h[0, 0] = 2; $h[1, 1] = 2; $h[0, 1] = 0.1 + 0.2 - 0.3; , $h }
        $r.Symmetric | Should -BeTrue
        $r.Verdict | Should -Be 'Correct'
    }

    It 'stays Wrong for an asymmetric H even when the gradient fails its own check, and says Wrong first' {
        $g = { param($t) , [double[]]((4 * $t[0] * $t[0] * $t[0] + $t[1]), $t[0]) }
        $h = { param($t) $m = [double[,]]::new(2, 2); $m[0, 0] = 12 * $t[0] * $t[0]; $m[0, 1] = 5; $m[1, 0] = 1; , $m }
        $r = Test-Hessian -Parameter ([double[]](0.5, -1)) -Gradient $g -Cost { param($t) [Math]::Pow($t[0], 4) } -Hessian $h
        $r.Verdict | Should -Be 'Wrong'
        $r.Symmetric | Should -BeFalse
        $r.Message | Should -Match 'not symmetric'
    }

    It 'gives BackwardThrew, not a raw exception, when H·v throws in the symmetry pairs, and -Quiet answers $false' {
        $core = Join-Path (Split-Path $script:ModuleManifest) 'GradCheck.Core.dll'
        if (-not ('FlakyHessian' -as [type])) {
            Add-Type -ReferencedAssemblies $core, netstandard -TypeDefinition @'
public class FlakyHessian : GradCheck.IHessianObjective
{
    private int _calls;
    public GradCheck.ParameterLayout Layout { get; } = GradCheck.ParameterLayout.Single("t", 2);
    public double[] Gradient(double[] t) => new[] { 4 * t[0] * t[0] * t[0] + t[1], t[0] };
    public double[] HessianVector(double[] t, double[] v)
    {
        if (++_calls > 4) throw new System.ArgumentException("scratch buffer exhausted");
        return new[] { 12 * t[0] * t[0] * v[0] + v[1], v[0] };
    }
}
'@
        }
        Get-ErrorId { Test-Hessian -Parameter @(0.5, -1) -Objective ([FlakyHessian]::new()) -Directions 1 -Seed 1 } |
            Should -Be 'BackwardThrew'
        # The error names the product that threw: H·w of the first random pair.
        $Error[0].TargetObject | Should -Be 'w'
        $answers = [double[]](0.5, -1), [double[]](1, 1) | ForEach-Object {
            Test-Hessian -Parameter $_ -Objective ([FlakyHessian]::new()) -Directions 1 -Seed 1 -Quiet -ErrorAction SilentlyContinue }
        @($answers) | Should -Be @($false, $false)
    }
}

Describe 'Test-Hessian names what its blocks returned' {
    # J = θ₀² + 3θ₁ at (1, 2): ∇J = (2θ₀, 3) and H = [[2, 0], [0, 0]] by hand.
    BeforeAll {
        $script:Pair = [double[]](1, 2)
        $script:PairGradient = { param($t) , [double[]]((2 * $t[0]), 3) }
    }

    It 'says the Hessian itself holds <Name>, as BackwardNotFinite' -TestCases @(
        @{ Name = 'NaN'; Value = [double]::NaN }, @{ Name = 'an infinity'; Value = [double]::PositiveInfinity }
    ) {
        $hessian = { $h = [double[,]]::new(2, 2); $h[0, 0] = 2; $h[1, 0] = $Value; , $h }.GetNewClosure()
        $errors = @()
        $null = Test-Hessian -Parameter $script:Pair -Gradient $script:PairGradient -Hessian $hessian -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'BackwardNotFinite,*'
        $errors[0].Exception.Message | Should -BeLike "The Hessian's entry ∂²J/∂theta``[1]∂theta``[0]*"
    }

    It 'says -HessianVector returned NaN, not a backward pass' {
        $errors = @()
        $null = Test-Hessian -Parameter $script:Pair -Gradient $script:PairGradient -HessianVector { param($t, $v) , [double[]]((2 * $v[0]), [double]::NaN) } -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'BackwardNotFinite,*'
        $errors[0].Exception.Message | Should -BeLike 'HessianVector returned NaN*'
    }

    It 'says the gradient holds NaN as GradientNotFinite' {
        $errors = @()
        $null = Test-Hessian -Parameter $script:Pair -Gradient { param($t) , [double[]]((2 * $t[0]), [double]::NaN) } -HessianVector { param($t, $v) , [double[]]((2 * $v[0]), 0) } -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'GradientNotFinite,*'
    }

    It 'takes one number as the 1 × 1 Hessian of one parameter: J = θ², H = 2' {
        $r = Test-Hessian -Parameter 1.5 -Gradient { param($t) 2 * $t } -Hessian { 2 }
        $r.Verdict | Should -Be 'Correct'
    }
}
