# examples/JacobianLayers.ps1 against torch: tests/reference/make_jacobian_fixtures.py wrote the fixture (see
# tests/reference/README.md). Every expected number comes from torch or numpy. The GradCheck module is not needed.
BeforeDiscovery {
    $path = Join-Path $PSScriptRoot 'reference/fixtures/jacobian_layers.json'
    $fixture = Get-Content $path -Raw | ConvertFrom-Json -AsHashtable
    $script:LayerCases = @(foreach ($case in $fixture.cases) {
            if (-not $case.Contains('vjp')) { continue }
            $rows = $case.jacobian.Count
            $step = [int][math]::Max(1, [math]::Ceiling($rows / 16))
            $checked = if ($step -eq 1) { "all $rows rows" } else { "every ${step}th of $rows rows" }
            @{ Name = $case.name; Blocks = $case.bug_blocks -join ', '; Rows = $rows; Step = $step; Checked = $checked }
        })
    $rosenbrock = $fixture.cases | Where-Object name -EQ 'rosenbrock'
    $script:HessianBugs = @(foreach ($name in $rosenbrock.bugs.Keys) {
            @{ Name = $name; Switch = 'Bug' + [cultureinfo]::InvariantCulture.TextInfo.ToTitleCase($name)
               Entries = (@($rosenbrock.bugs[$name].entries | ForEach-Object { "H[$($_ -join ',')]" }) -join ' and ') }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'JacobianFixture.ps1')
}

Describe 'examples/JacobianLayers.ps1: the layers against torch (tests/reference/fixtures/jacobian_layers.json)' {
    It '<Name>: the forward gives torch''s outputs to 1e-12, in their shapes' -TestCases $LayerCases {
        $case = $script:Case[$Name]
        $outputs = & $script:Layer[$Name].Forward (Get-CaseInput $Name)
        @($outputs.Keys) | Should -Be @($case.output_order)
        foreach ($key in $case.output_order) {
            Get-Shape $outputs[$key] | Should -Be ($case.output_shapes[$key] -join ', ') -Because "the shape of $key"
            Get-RelativeError $outputs[$key] $case.outputs[$key] | Should -BeLessOrEqual $script:Tolerance -Because $key
        }
    }

    It '<Name>: the backward gives torch''s VJP for dout to 1e-12, in the inputs'' shapes' -TestCases $LayerCases {
        $case = $script:Case[$Name]
        $grads = & $script:Layer[$Name].Backward (Get-CaseInput $Name) (Get-CaseUpstream $Name)
        $expectedKeys = @($case.input_order | ForEach-Object { "d$_" })
        @($grads.Keys) | Should -Be $expectedKeys
        foreach ($block in $case.input_order) {
            $key = "d$block"
            Get-Shape $grads[$key] | Should -Be ($case.input_shapes[$block] -join ', ') -Because "the shape of $key"
            Get-RelativeError $grads[$key] $case.vjp[$key] | Should -BeLessOrEqual $script:Tolerance -Because $key
        }
    }

    It '<Name>: unit upstream gradients give the rows of torch''s Jacobian (<Checked>)' -TestCases $LayerCases {
        $case = $script:Case[$Name]
        $inputs = Get-CaseInput $Name
        for ($row = 0; $row -lt $Rows; $row += $Step) {
            # The unit vector e_row in the outputs' shapes: the outputs flattened row-major and concatenated.
            $unit = [double[]]::new($Rows); $unit[$row] = 1
            $upstream = [ordered]@{}; $offset = 0
            foreach ($key in $case.output_order) {
                $size = 1; foreach ($length in $case.output_shapes[$key]) { $size *= $length }
                $upstream[$key] = ConvertTo-DoubleArray $unit[$offset..($offset + $size - 1)] $case.output_shapes[$key]
                $offset += $size
            }
            $grads = & $script:Layer[$Name].Backward $inputs $upstream
            $vjp = @(foreach ($block in $case.input_order) { Get-Flat $grads["d$block"] })
            Get-RelativeError $vjp $case.jacobian[$row] | Should -BeLessOrEqual $script:Tolerance -Because "row $row"
        }
    }

    It '<Name>: the backward with -Bug gives the stored values, wrong in <Blocks> only' -TestCases $LayerCases {
        $case = $script:Case[$Name]
        $case.bug | Should -Not -BeNullOrEmpty
        $grads = & $script:Layer[$Name].Backward (Get-CaseInput $Name) (Get-CaseUpstream $Name) -Bug
        foreach ($block in $case.input_order) {
            $key = "d$block"
            $fromNumpy = Get-RelativeError $grads[$key] $case.vjp_bug[$key]
            $fromNumpy | Should -BeLessOrEqual $script:Tolerance -Because "numpy's buggy $key"
            $fromTorch = Get-RelativeError $grads[$key] $case.vjp[$key]
            if ($key -in $case.bug_blocks) {
                $fromTorch | Should -BeGreaterThan 1e-3 -Because "$key is the planted bug"
            }
            else { $fromTorch | Should -BeLessOrEqual $script:Tolerance -Because "$key is right" }
        }
    }
}

Describe 'examples/JacobianLayers.ps1: the Rosenbrock function against torch' {
    BeforeAll {
        $script:Rosenbrock = $script:Case.rosenbrock
        $script:Theta = [double[]]$script:Rosenbrock.theta
        $script:Vector = [double[]]$script:Rosenbrock.v
    }

    It 'gives torch''s cost and gradient to 1e-12' {
        $cost = Get-RosenbrockCost $script:Theta
        Get-RelativeError $cost $script:Rosenbrock.cost | Should -BeLessOrEqual $script:Tolerance
        $gradient = Get-RosenbrockGradient $script:Theta
        $gradient.GetType() | Should -Be ([double[]])
        Get-RelativeError $gradient $script:Rosenbrock.gradient | Should -BeLessOrEqual $script:Tolerance
    }

    It 'gives torch''s Hessian to 1e-12, symmetric' {
        $hessian = Get-RosenbrockHessian $script:Theta
        Get-Shape $hessian | Should -Be '4, 4'
        Get-RelativeError $hessian $script:Rosenbrock.hessian | Should -BeLessOrEqual $script:Tolerance
        for ($i = 0; $i -lt 4; $i++) { for ($j = 0; $j -lt 4; $j++) { $hessian[$i, $j] | Should -Be $hessian[$j, $i] } }
    }

    It 'gives torch''s Hessian-vector product H·v to 1e-12, and the Hessian''s columns for unit vectors' {
        Get-RelativeError (Get-RosenbrockHessianVectorProduct $script:Theta $script:Vector) $script:Rosenbrock.hvp |
            Should -BeLessOrEqual $script:Tolerance
        for ($j = 0; $j -lt 4; $j++) {
            $unit = [double[]]::new(4); $unit[$j] = 1
            $column = @(foreach ($row in $script:Rosenbrock.hessian) { $row[$j] })
            Get-RelativeError (Get-RosenbrockHessianVectorProduct $script:Theta $unit) $column |
                Should -BeLessOrEqual $script:Tolerance -Because "column $j"
        }
    }

    It 'with -<Switch>, gives the stored buggy Hessian, wrong in <Entries> only' -TestCases $HessianBugs {
        $bug = $script:Rosenbrock.bugs[$Name]
        $options = @{ $Switch = $true }
        $hessian = Get-RosenbrockHessian $script:Theta @options
        Get-RelativeError $hessian $bug.hessian | Should -BeLessOrEqual $script:Tolerance
        $wrong = @(for ($i = 0; $i -lt 4; $i++) {
                for ($j = 0; $j -lt 4; $j++) {
                    $torch = $script:Rosenbrock.hessian[$i][$j]
                    if ([math]::Abs($hessian[$i, $j] - $torch) -gt 1e-9 * [math]::Abs($torch) + 1e-9) { "H[$i,$j]" }
                }
            })
        $wrong -join ' and ' | Should -Be $Entries
        $symmetric = $true
        for ($i = 0; $i -lt 4; $i++) {
            for ($j = 0; $j -lt 4; $j++) { if ($hessian[$i, $j] -ne $hessian[$j, $i]) { $symmetric = $false } }
        }
        $symmetric | Should -Be ($Name -eq 'symmetric')
    }

    It 'with -<Switch>, gives numpy''s H_bug·v as the Hessian-vector product' -TestCases $HessianBugs {
        $bug = $script:Rosenbrock.bugs[$Name]
        $options = @{ $Switch = $true }
        $product = Get-RosenbrockHessianVectorProduct $script:Theta $script:Vector @options
        Get-RelativeError $product $bug.hvp | Should -BeLessOrEqual $script:Tolerance
        Get-RelativeError $product $script:Rosenbrock.hvp | Should -BeGreaterThan 1e-3
    }
}
