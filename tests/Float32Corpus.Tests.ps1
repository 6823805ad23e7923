# The float32 verdict corpus of issue 14 (tests/corpus/float32/): the user-code families computed in single
# precision by C# layers (Float32Layers.cs) whose correct gradient is torch autograd's in float32 and whose buggy
# gradients come from hand-written float32 backward passes (tests/corpus/float32/make_float32_corpus.py). The
# targets: no false alarm with Precision = Single or at the default options, no resolvable bug called Correct at the
# default options, and every resolvable bug of effect ≥ 1e-2 (relative to its block) called Wrong with
# Precision = Single. tests/corpus/float32/REPORT.md (Invoke-Float32CorpusReport.ps1) has the full tallies.
BeforeDiscovery {
    # The lists the corpus must cover; the tests below check that the fixture holds exactly these.
    $script:Families = @(
        'affine', 'relu', 'leaky-relu', 'softmax-ce', 'svm-hinge', 'batch-norm', 'layer-norm', 'conv1d', 'conv2d',
        'max-pool', 'dropout', 'rnn', 'lstm', 'attention'
    ) | ForEach-Object { @{ Name = $_ } }
    $script:Conditions = @('plain', 'theta-100', 'near-kink', 'tiny-gradient', 'J-large', 'saturated', 'small-block')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $dir = Join-Path $PSScriptRoot 'corpus/float32'
    if (-not ('GradCheck.Float32Corpus.Float32Judge' -as [type])) {
        # The Core assembly the module loaded, wherever it lives.
        $core = [GradCheck.GradientChecker].Assembly.Location
        # Every file of the corpus: Float32Layers.cs, Float32Corpus.cs and one file per other type.
        Add-Type -Path (Get-ChildItem $dir -Filter *.cs).FullName -ReferencedAssemblies @(
            $core, 'netstandard', 'System.Linq', 'System.Collections', 'System.Runtime', 'System.IO',
            'System.Runtime.Extensions')
    }
    # Loading throws when a value the fixture calls float32 is not a float32 number.
    $script:Cases = [GradCheck.Float32Corpus.Float32Case]::Load((Join-Path $dir 'fixtures/float32_cases.json'))
    $script:Rows = [GradCheck.Float32Corpus.Float32Judge]::RunAll($script:Cases)
    $script:Judge = [GradCheck.Float32Corpus.Float32Judge]

    function script:Get-Explained([object[]] $Rows, [string] $Rule) {
        # Each row explained with what the rule's check saw, so that a failure says why.
        @($Rows | ForEach-Object { $_.Explain($Rule) })
    }

    function script:Get-Family([string] $Name) { @($script:Rows | Where-Object { $_.Case.Family -eq $Name }) }
}

Describe 'The float32 verdict corpus' {
    It 'has at least 28 cases over all 14 families, and at least 3 bugs in nearly every case' -ForEach @{
        Listed = @($script:Families.Name)
    } {
        $script:Cases.Count | Should -BeGreaterOrEqual 28
        @($script:Cases.Family | Sort-Object -Unique) | Should -Be @($Listed | Sort-Object)
        foreach ($case in $script:Cases) { $case.Bugs.Count | Should -BeGreaterOrEqual 2 -Because $case.Id }
        @($script:Cases | Where-Object { $_.Bugs.Count -ge 3 }).Count |
            Should -BeGreaterOrEqual (0.9 * $script:Cases.Count)
    }

    It 'covers exactly the listed conditions, each as it says' -ForEach @{ Listed = $script:Conditions } {
        @($script:Cases.Condition | Sort-Object -Unique) | Should -Be @($Listed | Sort-Object)
        $bad = foreach ($case in $script:Cases) {
            switch ($case.Condition) {
                'theta-100' {
                    # Most of some block of θ where θ ± 1e-7 rounds back to θ in float32 (|θ| ≥ 2), the bulk at ~100.
                    $stuck = @($case.Theta | Where-Object { [single]([double]$_ + 1e-7) -eq $_ })
                    $hundred = @($case.Theta | Where-Object { [math]::Abs($_) -ge 64 })
                    if ($stuck.Count -lt 0.3 * $case.Theta.Count -or $hundred.Count -lt 5) { "$($case.Id): θ not ~100" }
                }
                'tiny-gradient' {
                    $top = ($case.Truth | ForEach-Object { [math]::Abs($_) } | Measure-Object -Maximum).Maximum
                    if ($top -gt 1e-3) { "$($case.Id): gradient up to $top" }
                }
                'J-large' { if ([math]::Abs($case.J) -lt 500) { "$($case.Id): J = $($case.J)" } }
                'near-kink' { if ($case.Note -notmatch '^(kinks|near-ties) ') { "$($case.Id): no kink noted" } }
                default { }
            }
        }
        $bad | Should -BeNullOrEmpty
    }

    It 'has bugs of effect ≥ 1e-2 and between 1e-3 and 1e-2, resolvable and not' {
        $buggy = @($script:Rows | Where-Object IsBuggy)
        @($buggy | Where-Object { $_.EffectSize -eq 'Large' -and $_.IsResolvable }).Count | Should -BeGreaterOrEqual 60
        @($buggy | Where-Object { $_.EffectSize -eq 'Small' -and $_.IsResolvable }).Count | Should -BeGreaterOrEqual 5
        @($buggy | Where-Object { -not $_.IsResolvable }).Count | Should -BeGreaterOrEqual 1
    }

    It 'has resolvable bugs of effect ≥ 1e-2 in <Name>, so that the targets below can fail there' -TestCases (
        $script:Families) {
        @(Get-Family $Name | Where-Object { $_.IsResolvable -and $_.EffectSize -eq 'Large' }).Count |
            Should -BeGreaterOrEqual 3
    }

    It 'has bugs that change the blocks they say, and only those' {
        $bad = foreach ($case in $script:Cases) {
            foreach ($bug in $case.Bugs) {
                foreach ($block in $case.Layout.Blocks) {
                    # In float64 the hand backward matches autograd to 1e-10 of the block's largest entry
                    # (make_float32_corpus.py asserts it), so a move beyond 1e-9 of it is the bug's.
                    $scale = 0.0
                    $moved = $false
                    for ($i = $block.Offset; $i -lt $block.Offset + $block.Count; $i++) {
                        $scale = [math]::Max($scale, [math]::Abs($case.Truth[$i]))
                    }
                    for ($i = $block.Offset; $i -lt $block.Offset + $block.Count; $i++) {
                        if ([math]::Abs($bug.Gradient64[$i] - $case.Truth[$i]) -gt 1e-9 * $scale) { $moved = $true }
                    }
                    if ($moved -and $block.Name -notin $bug.Changed) { "$($case.Id)/$($bug.Kind): $($block.Name)" }
                }
                if ($bug.Changed.Count -eq 0) { "$($case.Id)/$($bug.Kind): changes nothing" }
            }
        }
        $bad | Should -BeNullOrEmpty
    }

    It 'computes torch''s float32 J in C# for every <Name> case, to a few float32 roundings' -TestCases (
        $script:Families) {
        # At θ and the probes: |J_C# − J_torch| ≤ 6·max(ulp(J), σ_torch), σ_torch the RMS of torch's own
        # float32 − float64 error at the probes (more than an ulp where the forward cancels).
        $off = foreach ($row in @(Get-Family $Name | Where-Object { -not $_.IsBuggy })) {
            $n = $row.Numerics
            if (-not ($n.Fidelity -le $script:Judge::FidelityFactor)) {
                '{0}: {1:G3} ulps, {2:G3} × max(ulp, σ_torch)' -f $row.Case.Id, $n.FidelityUlps, $n.Fidelity
            }
        }
        $off | Should -BeNullOrEmpty
    }

    It 'emulates torch.autograd.gradcheck''s rule as torch applies it, and JAX''s nearly so' {
        # The fixture holds gradcheck's own verdicts on torch's forward; ours run on the C# one, a few ulps away.
        $differ = @($script:Rows | Where-Object { ($_.Verdict('Torch').Verdict -eq 'Correct') -ne $_.TorchGradcheck })
        $differ.Name | Should -BeNullOrEmpty
        $jax = @($script:Rows | Where-Object { ($_.Verdict('Jax').Verdict -eq 'Correct') -ne $_.JaxPassedOnTorch })
        $jax.Count | Should -BeLessOrEqual ([math]::Floor(0.05 * $script:Rows.Count)) -Because ($jax.Name -join ', ')
    }
}

Describe 'GradCheck''s verdict on float32 code' {
    It 'raises no false alarm with Precision = Single on <Name>' -TestCases $script:Families {
        Get-Explained @(Get-Family $Name | Where-Object { $_.OutcomeOf('OursSingle') -eq 'FalseAlarm' }) 'OursSingle' |
            Should -BeNullOrEmpty
    }

    It 'raises no false alarm at the default options on <Name>' -TestCases $script:Families {
        $alarms = @(Get-Family $Name | Where-Object { $_.OutcomeOf('OursDefault') -eq 'FalseAlarm' })
        Get-Explained $alarms 'OursDefault' | Should -BeNullOrEmpty
    }

    It 'calls no resolvable bug Correct at the default options on <Name>' -TestCases $script:Families {
        Get-Explained @(Get-Family $Name | Where-Object { $_.OutcomeOf('OursDefault') -eq 'Missed' }) 'OursDefault' |
            Should -BeNullOrEmpty
    }

    It 'calls every resolvable bug of effect ≥ 1e-2 Wrong with Precision = Single on <Name>' -TestCases (
        $script:Families) {
        Get-Explained @(Get-Family $Name | Where-Object {
                $_.IsResolvable -and $_.EffectSize -eq 'Large' -and $_.Verdict('OursSingle').Verdict -ne 'Wrong'
            }) 'OursSingle' | Should -BeNullOrEmpty
    }
}
