# The verdict corpus of issue 4 (tests/corpus/Corpus.cs): every case goes through New-GradCheckNetwork |
# Test-Gradient with a gradient from an independent, deliberately buggy backprop, and our default rule must
# raise no false alarm, miss no bug of block-relative effect ≥ 1e-3, and name exactly the blocks the bug changes.
BeforeDiscovery {
    # The bug kinds of GradCheck.Corpus.BugKind (None excluded); 'plants every kind of bug' keeps this list honest.
    $script:BugKinds = @(
        'BlockScale', 'SignFlip', 'SingleEntry', 'MissingDerivative', 'TransposedWeight', 'MissingOneOverM',
        'DerivativeAtA', 'PreActivationInDW'
    ) | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    if (-not ('GradCheck.Corpus.CorpusGenerator' -as [type])) {
        $core = Join-Path (Split-Path (Get-Module GradCheck).Path) 'GradCheck.Core.dll'
        # Every file of the corpus: Corpus.cs and one file per other type.
        Add-Type -Path (Get-ChildItem (Join-Path $PSScriptRoot 'corpus') -Filter *.cs).FullName -ReferencedAssemblies @(
            $core, 'netstandard', 'System.Linq', 'System.Collections', 'System.Collections.Specialized')
    }

    $script:Cases = [GradCheck.Corpus.CorpusGenerator]::Generate()
    # The PowerShell path: a network from its matrices, checked at ε = 1e-7 (ours and the course's rule) and at
    # ε = 1e-6 (torch's rule) in one Test-Gradient call.
    $script:Rows = foreach ($case in $script:Cases) {
        $results = @(New-GradCheckNetwork -LayerSize $case.LayerSize -Activation $case.ActivationNames -Loss $case.LossName `
                -Input $case.InputMatrix() -Label $case.LabelMatrix() -Parameter $case.ParameterDictionary() |
                Test-Gradient -Gradient $case.GradientVector() -Epsilon 1e-7, 1e-6)
        [GradCheck.Corpus.VerdictCorpus]::Judge($case, $results[0], $results[1])
    }

    function script:Get-Wrong([object[]] $Rows) {
        # Every row our rule gets wrong, explained with its worst entries.
        @($Rows | Where-Object { -not $_.IsRight('GradCheck') } | ForEach-Object {
                $row = $_
                $text = $row.Explain('GradCheck')
                # Entries judged one-sided at a kink show their reference, where the result carries one.
                $kinks = @($row.Check.Worst | Where-Object { $_.PSObject.Properties['Kink'] -and $_.Kink })
                if ($kinks) { $text += '    kink entries: ' + (($kinks | ForEach-Object { '{0} {1} ref {2:G4}' -f $_.Name, $_.Method, $_.Reference }) -join '; ') }
                $text
            })
    }
}

Describe 'The verdict corpus' {
    It 'has at least 200 cases' {
        $script:Cases.Count | Should -BeGreaterOrEqual 200
        $script:Rows.Count | Should -Be $script:Cases.Count
    }

    It 'puts at least 30 % of its cases next to a ReLU or LeakyReLU kink (|z| within 1e-9..1e-7)' {
        $near = @($script:Cases | Where-Object NearKink)
        $near.Count | Should -BeGreaterOrEqual (0.3 * $script:Cases.Count)
        foreach ($case in $near) {
            [math]::Abs($case.KinkZ) | Should -BeGreaterOrEqual 1e-9
            [math]::Abs($case.KinkZ) | Should -BeLessOrEqual 1e-7
            $case.NearestKink | Should -BeLessOrEqual 1e-7
        }
    }

    It 'plants a bug in half of its cases, each changing the gradient' {
        $buggy = @($script:Cases | Where-Object IsBuggy)
        $buggy.Count | Should -Be ($script:Cases.Count / 2)
        @($buggy | Where-Object { -not ($_.Effect -gt 0) -or $_.AffectedBlocks.Count -eq 0 }).Count | Should -Be 0
        @($script:Cases | Where-Object { -not $_.IsBuggy -and $_.AffectedBlocks.Count -gt 0 }).Count | Should -Be 0
    }

    It 'plants every kind of bug' -ForEach @{ Listed = @($script:BugKinds.Name) } {
        $kinds = [GradCheck.Corpus.CorpusGenerator]::BugKinds | ForEach-Object ToString
        $Listed | Should -Be @($kinds)
        foreach ($kind in $kinds) { @($script:Cases | Where-Object { $_.Kind -eq $kind }).Count | Should -BeGreaterOrEqual 10 -Because $kind }
    }

    It 'draws the same corpus from the same seed' {
        $again = [GradCheck.Corpus.CorpusGenerator]::Case([GradCheck.Corpus.CorpusGenerator]::DefaultSeed, 137)
        $again.Gradient | Should -Be $script:Cases[137].Gradient
        $again.ThetaVector().Values | Should -Be $script:Cases[137].ThetaVector().Values
    }

    It 'has a backprop that, without its bug, agrees with the network''s own' {
        $disagree = foreach ($case in $script:Cases) {
            $network = $case.CreateNetwork()
            $theirs = $network.CreateObjective().Gradient($network.ToParameterVector().Values)
            $scale = ($theirs | ForEach-Object { [math]::Abs($_) } | Measure-Object -Maximum).Maximum
            for ($i = 0; $i -lt $theirs.Count; $i++) {
                if ([math]::Abs($theirs[$i] - $case.CleanGradient[$i]) -gt 1e-12 * $scale) { "case $($case.Id) entry $i"; break }
            }
        }
        $disagree | Should -BeNullOrEmpty
    }

    It 'gives the same verdicts through Test-Gradient as through GradientChecker' {
        $differ = for ($id = 0; $id -lt $script:Cases.Count; $id += 12) {
            $direct = [GradCheck.Corpus.VerdictCorpus]::Run($script:Cases[$id])
            $piped = $script:Rows[$id]
            foreach ($rule in 'GradCheck', 'Course', 'Torch') {
                if ($direct.Verdict($rule).ToString() -ne $piped.Verdict($rule).ToString()) { "case $id $rule" }
            }
        }
        $differ | Should -BeNullOrEmpty
    }
}

Describe 'GradCheck''s default rule on the corpus' {
    It 'raises no false alarm on a correct gradient away from kinks' {
        Get-Wrong @($script:Rows | Where-Object { -not $_.IsBuggy -and -not $_.NearKink }) | Should -BeNullOrEmpty
    }

    It 'raises no false alarm on a correct gradient next to a kink' {
        Get-Wrong @($script:Rows | Where-Object { -not $_.IsBuggy -and $_.NearKink }) | Should -BeNullOrEmpty
    }

    It 'catches every resolvable <Name> bug of effect ≥ 1e-3 and names the blocks it changes' -TestCases $script:BugKinds {
        $rows = @($script:Rows | Where-Object { $_.Kind -eq $Name })
        $rows.Count | Should -BeGreaterThan 0
        # Bugs below 1e-3, or below one rounding unit of J at ε, may pass (they are tallied apart), but when caught
        # they too must be named right.
        $rows = @($rows | Where-Object { $_.OutcomeOf('GradCheck') -notin 'MissedSmall', 'BelowResolution' })
        Get-Wrong $rows | Should -BeNullOrEmpty
    }

    It 'leaves few bugs below resolution, and those truly invisible to a finite difference' {
        $below = @($script:Rows | Where-Object { $_.IsBuggy -and $_.Effect -ge [GradCheck.Corpus.VerdictCorpus]::SmallEffect -and $_.IsBelowResolution })
        $below.Count | Should -BeLessOrEqual 5
        # The physics, not our verdict: the bug moves J(θ ± ε) by about one rounding unit of J at most.
        foreach ($row in $below) { $row.Resolvability | Should -BeLessThan 2 }
    }
}
