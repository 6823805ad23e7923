# Test-Jacobian against torch: the layers of examples/JacobianLayers.ps1, whose forward and backward reproduce
# torch's (tests/JacobianLayers.Tests.ps1), checked in full, -OutputGradient and -Directions modes; every expected
# Jacobian and VJP comes from tests/reference/make_jacobian_fixtures.py.
BeforeDiscovery {
    $fixture = Get-Content (Join-Path $PSScriptRoot 'reference/fixtures/jacobian_layers.json') -Raw |
        ConvertFrom-Json -AsHashtable
    $layers = @($fixture.cases | Where-Object { $_.Contains('vjp') })
    $script:AllLayers = @($layers | ForEach-Object {
            @{ Name = $_.name; Blocks = (@($_.bug_blocks | ForEach-Object { $_.Substring(1) }) -join ', ') } })
    # The course's convolution takes seconds per call in PowerShell: its full Jacobian (206 columns) is left to
    # the compiled corpus, and it is checked here with -OutputGradient and -Directions.
    $script:FullLayers = @($script:AllLayers | Where-Object Name -NE 'conv')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'JacobianFixture.ps1')

    function script:Get-BuggyBackward([string] $Name) {
        $backward = $script:Layer[$Name].Backward
        { param($x, $dy) & $backward $x $dy -Bug }.GetNewClosure()
    }

    function script:Get-FlatVjp($Case, $Vjp) {
        # The input blocks' gradients flattened and concatenated in the input's order.
        $blocks = foreach ($block in $Case.input_order) { Get-Flat $Vjp["d$block"] }
        , [double[]]@($blocks | ForEach-Object { $_ })
    }

    function script:Get-Inputs($Pairs) {
        # The input block of each pair name "y ← W", sorted.
        @($Pairs | ForEach-Object { ($_ -split ' ← ')[1] } | Sort-Object -Unique) -join ', '
    }
}

Describe 'Test-Jacobian checks the full Jacobian of torch''s layers' {
    It '<Name>: a right backward is Correct, and its J is torch''s' -TestCases $FullLayers {
        $case = $script:Case[$Name]
        $r = Test-Jacobian -Parameter (Get-CaseInput $Name) -Function $script:Layer[$Name].Forward `
            -Backward $script:Layer[$Name].Backward
        $r | Should -PassJacobianCheck
        $r.Mode | Should -Be 'Full'
        $r.OutputCount | Should -Be $case.jacobian.Count
        Get-RelativeError $r.AnalyticJacobian $case.jacobian | Should -BeLessOrEqual 1e-12
        # The centred differences at ε = 1e-7 carry about 1e-8 of rounding and truncation.
        Get-RelativeError $r.NumericalJacobian $case.jacobian | Should -BeLessOrEqual 1e-6
        $r.ZeroUpstreamGivesZero | Should -BeTrue
        $r.BackwardDeterministic | Should -BeTrue
    }

    It '<Name>: the planted bug is Wrong, in the pairs of <Blocks> only' -TestCases $FullLayers {
        $r = Test-Jacobian -Parameter (Get-CaseInput $Name) -Function $script:Layer[$Name].Forward `
            -Backward (Get-BuggyBackward $Name)
        $r | Should -Not -PassJacobianCheck
        Get-Inputs $r.FailedBlocks | Should -Be $Blocks
        $r.Worst[0].Verdict | Should -Be 'Wrong'
    }

    It 'names each (output, input) pair of an LSTM step with a dictionary output' {
        $r = Test-Jacobian -Parameter (Get-CaseInput lstm) -Function $script:Layer.lstm.Forward `
            -Backward (Get-BuggyBackward lstm)
        $r.Blocks.Count | Should -Be (2 * 11)
        $r.Blocks[0].Name | Should -Be 'a_next ← xt'
        # The bug drops ft on the path through a_next: c_next ← c_prev is still right.
        $r.FailedBlocks | Should -Be @('a_next ← c_prev')
    }
}

Describe 'Test-Jacobian -OutputGradient judges one vector-Jacobian product' {
    It '<Name>: the VJP for torch''s dout is torch''s, and Correct' -TestCases $AllLayers {
        $case = $script:Case[$Name]
        $r = Test-Jacobian -Parameter (Get-CaseInput $Name) -Function $script:Layer[$Name].Forward `
            -Backward $script:Layer[$Name].Backward -OutputGradient (Get-CaseUpstream $Name)
        $r.Mode | Should -Be 'OutputGradient'
        $r | Should -PassJacobianCheck
        Get-RelativeError $r.ProjectedCheck.Analytic (Get-FlatVjp $case $case.vjp) | Should -BeLessOrEqual 1e-12
        Get-RelativeError $r.ProjectedCheck.Numerical (Get-FlatVjp $case $case.vjp) | Should -BeLessOrEqual 1e-6
    }

    It '<Name>: the planted bug is Wrong in <Blocks>' -TestCases $AllLayers {
        $r = Test-Jacobian -Parameter (Get-CaseInput $Name) -Function $script:Layer[$Name].Forward `
            -Backward (Get-BuggyBackward $Name) -OutputGradient (Get-CaseUpstream $Name)
        $r | Should -Not -PassJacobianCheck
        Get-Inputs $r.FailedBlocks | Should -Be $Blocks
        $r.FailedBlocks[0] | Should -BeLike '⟨dy, y⟩ ← *'
    }
}

Describe 'Test-Jacobian -Directions compares random uᵀJv' {
    It 'catches the course''s convolution''s db bug with 2 projections and names it' {
        $r = Test-Jacobian -Parameter (Get-CaseInput conv) -Function $script:Layer.conv.Forward `
            -Backward (Get-BuggyBackward conv) -Directions 2 -Seed 7
        $r.Mode | Should -Be 'Directional'
        $r.Verdict | Should -Be 'Wrong'
        $r.FailedBlocks | Should -Be @('Z ← b')
    }

    It 'passes the right affine layer and repeats with its seed' {
        $a = Test-Jacobian -Parameter (Get-CaseInput affine) -Function $script:Layer.affine.Forward `
            -Backward $script:Layer.affine.Backward -Directions 3 -Seed 11
        $b = Test-Jacobian -Parameter (Get-CaseInput affine) -Function $script:Layer.affine.Forward `
            -Backward $script:Layer.affine.Backward -Directions 3 -Seed 11
        $a | Should -PassJacobianCheck
        $a.Seed | Should -Be 11
        @($a.Directions.Numerical) | Should -Be @($b.Directions.Numerical)
    }
}

Describe 'Test-Jacobian''s other inputs' {
    It 'takes the whole analytic Jacobian from -Jacobian (softmax, ∂yᵢ/∂zⱼ = yᵢ(δᵢⱼ − yⱼ))' {
        $softmax = { param($z) $e = @($z | ForEach-Object { [Math]::Exp($_) }); $s = ($e | Measure-Object -Sum).Sum
            , [double[]]@($e | ForEach-Object { $_ / $s }) }
        $jacobian = { param($z) $y = & $softmax $z; $jac = [double[,]]::new(3, 3)
            for ($i = 0; $i -lt 3; $i++) { for ($k = 0; $k -lt 3; $k++) { $jac[$i, $k] = $y[$i] * ([double]($i -eq $k) - $y[$k]) } }
            , $jac }
        $wrong = { param($z) $jac = & $jacobian $z; $jac[2, 0] = -$jac[2, 0]; , $jac }
        $z = [double[]](0.3, -1.2, 0.8)
        Test-Jacobian -Parameter $z -Function $softmax -Jacobian $jacobian | Should -PassJacobianCheck
        $r = Test-Jacobian -Parameter $z -Function $softmax -Jacobian $wrong
        $r.Verdict | Should -Be 'Wrong'
        $r.Worst[0].Name | Should -Be 'y[2] ← theta[0]'
    }

    It 'checks -Forward (J·v) too, and fails a wrong one' {
        # y = (x₀x₁, sin x₀): J = [[x₁, x₀], [cos x₀, 0]].
        $f = { param($x) , [double[]](($x[0] * $x[1]), [Math]::Sin($x[0])) }
        $back = { param($x, $dy) , [double[]](($dy[0] * $x[1] + $dy[1] * [Math]::Cos($x[0])), ($dy[0] * $x[0])) }
        $right = { param($x, $v) , [double[]](($x[1] * $v[0] + $x[0] * $v[1]), ([Math]::Cos($x[0]) * $v[0])) }
        $wrong = { param($x, $v) , [double[]](($x[1] * $v[0] + $x[0] * $v[1]), ([Math]::Cos($x[0]) * $v[1])) }
        $x = [double[]](0.7, -1.3)
        $ok = Test-Jacobian -Parameter $x -Function $f -Backward $back -Forward $right
        $ok.ForwardVerdict | Should -Be 'Correct'
        $ok | Should -PassJacobianCheck
        $bad = Test-Jacobian -Parameter $x -Function $f -Backward $back -Forward $wrong
        $bad.ForwardVerdict | Should -Be 'Wrong'
        $bad.Verdict | Should -Be 'Wrong'
        $bad.Message | Should -Match 'Forward'
        (Test-Jacobian -Parameter $x -Function $f -Backward $back -Forward $wrong -Directions 4 -Seed 2).ForwardVerdict |
            Should -Be 'Wrong'
    }

    It 'fails a backward that is not 0 for a zero upstream gradient, and a nondeterministic one' {
        $f = { param($x) , [double[]](($x[0] * 2), ($x[1] * 3)) }
        $offset = { param($x, $dy) , [double[]]((2 * $dy[0] + 1e-3), (3 * $dy[1])) }
        $r = Test-Jacobian -Parameter ([double[]](1, 2)) -Function $f -Backward $offset -OutputGradient @(1, 1)
        $r.ZeroUpstreamGivesZero | Should -BeFalse
        $r.Verdict | Should -Be 'Wrong'
        $script:calls = 0
        $noisy = { param($x, $dy) $script:calls++; , [double[]]((2 * $dy[0] * (1 + 1e-15 * $script:calls)), (3 * $dy[1])) }
        $strict = Test-Jacobian -Parameter ([double[]](1, 2)) -Function $f -Backward $noisy
        $strict.BackwardDeterministic | Should -BeFalse
        $strict.Verdict | Should -Be 'Wrong'
        $lenient = Test-Jacobian -Parameter ([double[]](1, 2)) -Function $f -Backward $noisy -NondeterministicTolerance 1e-9
        $lenient.BackwardDeterministic | Should -BeTrue
        $lenient | Should -PassJacobianCheck
    }

    It 'sweeps -Epsilon and marks the best, and answers -Quiet with one boolean' {
        $f = { param($x) , [double[]](([Math]::Exp($x[0]) * $x[1]), ($x[1] * $x[1])) }
        $back = { param($x, $dy) , [double[]](($dy[0] * [Math]::Exp($x[0]) * $x[1]), ($dy[0] * [Math]::Exp($x[0]) + 2 * $dy[1] * $x[1])) }
        $results = Test-Jacobian -Parameter ([double[]](0.4, 1.5)) -Function $f -Backward $back -Epsilon 1e-3, 1e-5, 1e-7
        $results.Count | Should -Be 3
        @($results | Where-Object BestEpsilon).Count | Should -Be 1
        Test-Jacobian -Parameter ([double[]](0.4, 1.5)) -Function $f -Backward $back -Quiet | Should -BeExactly $true
    }

    It 'checks a stratified sample of input entries with -Sample, repeatably with -Seed' {
        $a = Test-Jacobian -Parameter (Get-CaseInput affine) -Function $script:Layer.affine.Forward `
            -Backward (Get-BuggyBackward affine) -Sample 6 -Seed 4
        $b = Test-Jacobian -Parameter (Get-CaseInput affine) -Function $script:Layer.affine.Forward `
            -Backward (Get-BuggyBackward affine) -Sample 6 -Seed 4
        $a.Seed | Should -Be 4
        # 6 of the 22 input entries, for each of the 6 outputs; the columns left out are NaN.
        $a.CheckedCount | Should -Be 36
        @($a.NumericalJacobian | Where-Object { [double]::IsNaN($_) }).Count | Should -Be (6 * 16)
        (@($a.NumericalJacobian) -join ",") | Should -Be (@($b.NumericalJacobian) -join ",")   # NaN -ne NaN
        $a.Verdict | Should -Be 'Wrong'
    }

    It 'applies the course''s rule with -Criterion Course, to the whole Jacobian and to each pair' {
        $right = Test-Jacobian -Parameter (Get-CaseInput affine) -Function $script:Layer.affine.Forward `
            -Backward $script:Layer.affine.Backward -Criterion Course
        $wrong = Test-Jacobian -Parameter (Get-CaseInput affine) -Function $script:Layer.affine.Forward `
            -Backward (Get-BuggyBackward affine) -Criterion Course
        $right.Verdict | Should -Be 'Correct'
        $right.Difference | Should -BeLessThan 2e-7
        $wrong.Verdict | Should -Be 'Wrong'
        $wrong.FailedBlocks | Should -Be @('Z ← W')
        $wrong.Message | Should -Match "course's rule"
    }

    It 'writes a table that fits 80 columns, and CSV and JSON that read' {
        $r = Test-Jacobian -Parameter (Get-CaseInput affine) -Function $script:Layer.affine.Forward `
            -Backward (Get-BuggyBackward affine)
        $lines = ($r | Out-String -Width 80) -split "`n"
        @($lines | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'Wrong'
        $csv = $r | ConvertTo-Csv | ConvertFrom-Csv
        $csv.Verdict | Should -Be 'Wrong'
        $csv.FailedBlocks | Should -Be 'Z ← W'
        $csv.AnalyticJacobian | Should -Match '^6 × 22: '
        ($r | ConvertTo-Json -Depth 4 -EnumsAsStrings | ConvertFrom-Json).Verdict | Should -Be 'Wrong'
    }
}

Describe 'Every bad input to Test-Jacobian gets an ErrorRecord with a stable ErrorId' {
    BeforeAll {
        $script:Pair = { param($x) , [double[]](($x[0] + $x[1]), ($x[0] * $x[1])) }
        $script:PairBack = { param($x, $dy) , [double[]](($dy[0] + $dy[1] * $x[1]), ($dy[0] + $dy[1] * $x[0])) }
        $script:Two = [double[]](1.5, -0.5)
        $script:Blocks = [ordered]@{ a = 1.0; W = [double[,]]::new(2, 3) }
        $script:BlocksF = { param($x) , [double[]]($x.a, $x.W[0, 0]) }
        $core = Join-Path (Split-Path $script:ModuleManifest) 'GradCheck.Core.dll'
        if (-not ('ShortBackwardLayer' -as [type])) {
            Add-Type -ReferencedAssemblies $core, netstandard -TypeDefinition @'
public sealed class ShortBackwardLayer : GradCheck.IVectorFunction
{
    public GradCheck.ParameterLayout InputLayout { get; } = GradCheck.ParameterLayout.Single("x", 3);
    public GradCheck.ParameterLayout OutputLayout { get; } = GradCheck.ParameterLayout.Single("y", 1);
    public double[] Evaluate(double[] x) => new[] { x[0] + x[1] + x[2] };
    public double[] Backward(double[] x, double[] u) => new[] { u[0], u[0] };
}
'@
        }
        if (-not ('NoOutputLayer' -as [type])) {
            Add-Type -ReferencedAssemblies $core, netstandard -TypeDefinition @'
public sealed class NoOutputLayer : GradCheck.IVectorFunction
{
    public GradCheck.ParameterLayout InputLayout { get; } = GradCheck.ParameterLayout.Single("x", 2);
    public GradCheck.ParameterLayout OutputLayout { get; } = GradCheck.ParameterLayout.Single("y", 0);
    public double[] Evaluate(double[] x) => new double[0];
    public double[] Backward(double[] x, double[] u) => new double[2];
}
'@
        }
    }

    It '<Id>: <Name>' -TestCases @(
        @{ Id = 'FunctionThrew'; Name = '-Function throws'; Run = { Test-Jacobian -Parameter $script:Two -Function { throw 'boom' } -Backward $script:PairBack } }
        @{ Id = 'FunctionReturnedNothing'; Name = '-Function returns nothing'; Run = { Test-Jacobian -Parameter $script:Two -Function { } -Backward $script:PairBack } }
        @{ Id = 'FunctionNotNumeric'; Name = '-Function returns a string'; Run = { Test-Jacobian -Parameter $script:Two -Function { 'abc' } -Backward $script:PairBack } }
        @{ Id = 'FunctionNotFinite'; Name = '-Function returns NaN'; Run = { Test-Jacobian -Parameter $script:Two -Function { , [double[]]([double]::NaN, 1) } -Backward $script:PairBack } }
        @{ Id = 'OutputShapeChanged'; Name = 'the output changes shape once x moves'; Run = { Test-Jacobian -Parameter 2.0 -Function { param($x) if ($x -eq 2) { , [double[]](1, 2) } else { , [double[]](1, 2, 3) } } -Backward { 0 } } }
        @{ Id = 'OutputGradientShapeMismatch'; Name = '-OutputGradient has three numbers for two outputs'; Run = { Test-Jacobian -Parameter $script:Two -Function $script:Pair -Backward $script:PairBack -OutputGradient @(1, 2, 3) } }
        @{ Id = 'OutputGradientNotFinite'; Name = '-OutputGradient holds NaN'; Run = { Test-Jacobian -Parameter $script:Two -Function $script:Pair -Backward $script:PairBack -OutputGradient @(1, [double]::NaN) } }
        @{ Id = 'BackwardThrew'; Name = '-Backward throws'; Run = { Test-Jacobian -Parameter $script:Two -Function $script:Pair -Backward { throw 'no' } } }
        @{ Id = 'BackwardReturnedNothing'; Name = '-Backward returns nothing'; Run = { Test-Jacobian -Parameter $script:Two -Function $script:Pair -Backward { } } }
        @{ Id = 'BackwardNotFinite'; Name = '-Backward returns NaN'; Run = { Test-Jacobian -Parameter $script:Two -Function $script:Pair -Backward { , [double[]]([double]::NaN, 0) } } }
        @{ Id = 'BackwardLengthMismatch'; Name = 'a compiled Backward returns two numbers for three inputs'; Run = { Test-Jacobian -Parameter ([double[]](1, 2, 3)) -Objective ([ShortBackwardLayer]::new()) } }
        @{ Id = 'VectorLayoutMismatch'; Name = 'a compiled layer declares an output block of no entries'; Run = { Test-Jacobian -Parameter $script:Two -Objective ([NoOutputLayer]::new()) } }
        @{ Id = 'GradientShapeMismatch'; Name = '-Backward returns dW of the wrong shape'; Run = { Test-Jacobian -Parameter $script:Blocks -Function $script:BlocksF -Backward { @{ da = 1.0; dW = [double[,]]::new(3, 2) } } } }
        @{ Id = 'GradientMissingKey'; Name = '-Backward leaves out dW'; Run = { Test-Jacobian -Parameter $script:Blocks -Function $script:BlocksF -Backward { @{ da = 1.0 } } } }
        @{ Id = 'GradientExtraKey'; Name = '-Backward adds dq'; Run = { Test-Jacobian -Parameter $script:Blocks -Function $script:BlocksF -Backward { @{ da = 1.0; dW = [double[,]]::new(2, 3); dq = 0 } } } }
        @{ Id = 'JacobianShapeMismatch'; Name = '-Jacobian returns 3 × 3 for 2 outputs and 2 inputs'; Run = { Test-Jacobian -Parameter $script:Two -Function $script:Pair -Jacobian { , [double[,]]::new(3, 3) } } }
        @{ Id = 'JacobianShapeMismatch'; Name = '-Jacobian returns a vector'; Run = { Test-Jacobian -Parameter $script:Two -Function $script:Pair -Jacobian { , [double[]](1, 2) } } }
        @{ Id = 'NondeterministicToleranceInvalid'; Name = 'a negative -NondeterministicTolerance'; Run = { Test-Jacobian -Parameter $script:Two -Function $script:Pair -Backward $script:PairBack -NondeterministicTolerance -1 } }
        @{ Id = 'EpsilonTooSmall'; Name = 'ε lost next to x'; Run = { Test-Jacobian -Parameter $script:Two -Function $script:Pair -Backward $script:PairBack -Epsilon 1e-300 } }
    ) {
        Get-ErrorId $Run | Should -Be $Id
    }

    It 'names the culprit as the error''s target, with a category' {
        $Error.Clear()
        Test-Jacobian -Parameter $script:Blocks -Function $script:BlocksF -Backward { @{ da = 1.0 } } -ErrorAction SilentlyContinue
        $record = $Error[0]
        $record.TargetObject | Should -Be 'W'
        $record.CategoryInfo.Category | Should -Be 'InvalidResult'
        $record.Exception.Message | Should -Match 'W'
    }

    It 'writes the error per input and goes on, and -Quiet answers $false for it' {
        $answers = @($script:Two, 'abc') | ForEach-Object {
            Test-Jacobian -Parameter $_ -Function $script:Pair -Backward $script:PairBack -Quiet -ErrorAction SilentlyContinue }
        $answers | Should -Be @($true, $false)
    }
}

Describe 'Test-Jacobian on what a review found (issue 11)' {
    BeforeAll {
        $script:Sq = { param($v) , [double[]]@($v | ForEach-Object { $_ * $_ }) }
        $script:Tw = { param($v, $dy) , [double[]]@(for ($i = 0; $i -lt $v.Length; $i++) { 2 * $v[$i] * $dy[$i] }) }
    }

    It 'checks -Forward with -OutputGradient too' {
        $bad = { param($v, $t) , [double[]]@(for ($i = 0; $i -lt 3; $i++) { 2 * $v[$i] * $t[$i] + $(if ($i -eq 2) { $t[0] } else { 0 }) }) }
        $r = Test-Jacobian -Parameter ([double[]](1, 2, 3)) -Function $script:Sq -Backward $script:Tw -Forward $bad `
            -OutputGradient @(1, 1, 1) -Seed 1
        $r.ForwardVerdict | Should -Be 'Wrong'
        $r.Verdict | Should -Be 'Wrong'
        $r.Message | Should -Match '^Wrong'
    }

    It 'marks no best ε in a sweep of random projections' {
        $r = Test-Jacobian -Parameter ([double[]](1, 2, 3)) -Function $script:Sq -Backward $script:Tw -Directions 4 `
            -Epsilon 1e-1, 1e-5
        @($r | Where-Object BestEpsilon).Count | Should -Be 0
        # One seed for the whole sweep: both ε follow the same directions.
        $r[0].Seed | Should -Be $r[1].Seed
    }

    It 'keeps blocks that were not localised at the overall verdict under -Criterion Course -Directions' {
        $r = Test-Jacobian -Parameter ([double[]](1, 2, 3)) -Function $script:Sq -Backward $script:Tw -Directions 3 `
            -Seed 1 -Criterion Course
        $r.Verdict | Should -Be 'Correct'
        $r.FailedBlocks | Should -BeNullOrEmpty
    }

    It 'is Inconclusive for an -OutputGradient of zeros, which agrees with any backward' {
        $wrong = { param($v, $dy) , [double[]]((2 * $v[0] * $dy[0]), (2 * $v[1] * $dy[1]), (3 * $v[2] * $dy[2])) }
        $r = Test-Jacobian -Parameter ([double[]](1, 2, 3)) -Function $script:Sq -Backward $wrong -OutputGradient @(0, 0, 0)
        $r.Verdict | Should -Be 'Inconclusive'
        $r.Message | Should -Match 'OutputGradient'
    }
}
