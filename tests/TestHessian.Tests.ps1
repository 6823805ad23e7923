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
