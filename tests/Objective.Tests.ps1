BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $core = Join-Path (Split-Path $script:ModuleManifest) 'GradCheck.Core.dll'
    if (-not ('RosenbrockObjective' -as [type])) {
        # Rosenbrock's function, its gradient derived by hand: ∂/∂x = −400x(y − x²) − 2(1 − x), ∂/∂y = 200(y − x²).
        Add-Type -ReferencedAssemblies $core, netstandard -TypeDefinition @'
public sealed class RosenbrockObjective : GradCheck.IGradientObjective, GradCheck.IThreadSafeObjective
{
    private readonly double _bugInY;
    public RosenbrockObjective(double bugInY) { _bugInY = bugInY; }
    public GradCheck.ParameterLayout Layout { get; } = GradCheck.ParameterLayout.Single("p", 2);
    public double Cost(double[] p) => 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]) + (1 - p[0]) * (1 - p[0]);
    public double[] Gradient(double[] p) =>
        new[] { -400 * p[0] * (p[1] - p[0] * p[0]) - 2 * (1 - p[0]), _bugInY * 200 * (p[1] - p[0] * p[0]) };
}
public sealed class ThrowingObjective : GradCheck.IGradientObjective
{
    public GradCheck.ParameterLayout Layout { get; } = GradCheck.ParameterLayout.Single("p", 1);
    public double Cost(double[] p) { if (p[0] != 1) throw new System.InvalidOperationException("no"); return 1; }
    public double[] Gradient(double[] p) => new[] { 0.0 };
}
public sealed class BiasFirstObjective : GradCheck.IGradientObjective
{
    // Blocks b (2) then W (2 × 2): J = b₀ + 2·b₁ + Σ W², so ∇J = (1, 2, 2W).
    public GradCheck.ParameterLayout Layout { get; } = GradCheck.ParameterLayout.Create(new[] {
        new System.Collections.Generic.KeyValuePair<string, int[]>("b", new[] { 2 }),
        new System.Collections.Generic.KeyValuePair<string, int[]>("W", new[] { 2, 2 }) });
    public double Cost(double[] p) => p[0] + 2 * p[1] + p[2] * p[2] + p[3] * p[3] + p[4] * p[4] + p[5] * p[5];
    public double[] Gradient(double[] p) => new[] { 1.0, 2.0, 2 * p[2], 2 * p[3], 2 * p[4], 2 * p[5] };
}
public sealed class ThrowingAtThetaObjective : GradCheck.IGradientObjective
{
    public GradCheck.ParameterLayout Layout { get; } = GradCheck.ParameterLayout.Single("p", 1);
    public double Cost(double[] p) { throw new System.InvalidOperationException("no"); }
    public double[] Gradient(double[] p) => new[] { 0.0 };
}
'@
    }
}

Describe 'Test-Gradient -Objective: C# code checked at compiled speed' {
    It 'passes the right gradient of Rosenbrock''s function at (-1.2, 1)' {
        $result = Test-Gradient -Objective ([RosenbrockObjective]::new(1)) -Parameter @(-1.2, 1)
        $result.Passed | Should -BeTrue
        # ∂J/∂x at (−1.2, 1) = −400·(−1.2)·(1 − 1.44) − 2·2.2 = −215.6; ∂J/∂y = 200·(1 − 1.44) = −88.
        [math]::Abs($result.Analytic[0] + 215.6) | Should -BeLessThan 1e-9
        [math]::Abs($result.Analytic[1] + 88) | Should -BeLessThan 1e-9
    }

    It 'fails a 0.1% error in one entry and names it' {
        $result = Test-Gradient -Objective ([RosenbrockObjective]::new(1.001)) -Parameter @(-1.2, 1)
        $result.Passed | Should -BeFalse
        $result.Worst[0].Name | Should -Be 'p[1]'
    }

    It 'refuses a parameter vector of the wrong length' {
        Get-ErrorId { Test-Gradient -Objective ([RosenbrockObjective]::new(1)) -Parameter @(1, 2, 3) } | Should -Be 'VectorLayoutMismatch'
    }

    It 'turns an exception in the C# cost into CostThrew' {
        Get-ErrorId { Test-Gradient -Objective ([ThrowingObjective]::new()) -Parameter 1 } | Should -Be 'CostThrew'
    }

    It 'matches a dictionary -Parameter to the objective''s blocks by name, whatever its order: <Name>' -TestCases @(
        @{ Name = 'W before b'; Order = 'W', 'b' }, @{ Name = 'b before W'; Order = 'b', 'W' }
    ) {
        $w = [double[,]]::new(2, 2); $w[0, 0] = 1; $w[0, 1] = 2; $w[1, 0] = 3; $w[1, 1] = 4
        $blocks = @{ W = $w; b = [double[]](5, 6) }
        $theta = [ordered]@{}; foreach ($name in $Order) { $theta[$name] = $blocks[$name] }
        $result = Test-Gradient -Objective ([BiasFirstObjective]::new()) -Parameter $theta
        # J at the θ given: 5 + 2·6 + (1 + 4 + 9 + 16) = 47; read in the wrong order it would be 91.
        $result.Cost | Should -Be 47
        $result.Verdict | Should -Be 'Correct'
    }

    It 'refuses a dictionary -Parameter whose blocks are not the objective''s' {
        Get-ErrorId { Test-Gradient -Objective ([BiasFirstObjective]::new()) -Parameter ([ordered]@{ q = [double[]](1, 2); W = [double[,]]::new(2, 2) }) } |
            Should -Be 'VectorLayoutMismatch'
    }

    It 'names where the C# cost threw: J(θ) at θ itself, the entry when one was moved' {
        $errors = @()
        $null = Test-Gradient -Objective ([ThrowingAtThetaObjective]::new()) -Parameter 1 -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].TargetObject | Should -Be 'J(θ)'
        $null = Test-Gradient -Objective ([ThrowingObjective]::new()) -Parameter 1 -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].TargetObject | Should -Be 0
    }
}
