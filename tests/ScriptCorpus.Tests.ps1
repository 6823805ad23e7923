# The scriptblock verdict corpus (tests/corpus/script/): user code of 24 families written as PowerShell scriptblocks
# (ScriptLayers.ps1) and checked through Test-Gradient -Parameter -Cost -Gradient, with torch autograd's gradient as
# the truth and realistic buggy gradients (make_script_corpus.py). The whole corpus (943 variants under three rules)
# is Invoke-ScriptCorpusReport.ps1's job; here a fixed subset runs, every correct gradient and the first four
# resolvable bugs of every family (about 15 s), and our rule must raise no false alarm, miss no resolvable bug, blame no innocent
# block and leave out no block a resolvable bug changes by 1e-3 or more. What is a bug, and which are resolvable,
# comes from the fixture and the resolvability rule (ScriptJudge.ps1), never from what GradCheck printed.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'corpus/script/ScriptLayers.ps1')
    . (Join-Path $PSScriptRoot 'corpus/script/ScriptJudge.ps1')
    $script:Listed = @(
        'gelu-silu', 'softplus-bce', 'elu-selu', 'tanh-sigmoid', 'huber-smoothl1', 'l1-penalty', 'hardtanh-clamp',
        'lse-ce', 'J-scale-offset', 'maxout', 'group-norm', 'embedding', 'tied-weights', 'cosine', 'smooth-odd-scale',
        'float32-cost', 'noisy-cost', 'piecewise-const', 'offset-1e6..1e7', 'cancellation', 'groupnorm-onepass',
        'dropout-state', 'block-scale-mismatch', 'l1-subgradient'
    )
    $script:Families = $script:Listed | ForEach-Object { @{ Name = $_ } }
    $all = @(Read-ScriptCorpus (Join-Path $PSScriptRoot 'corpus/script/fixtures/script_cases.json'))
    # The subset. A case the fixture marks with a `limitation` (a known weakness of the verdict, with its reason;
    # none at present) would be left out here, so that the suite states what GradCheck gets right today while the
    # report (REPORT.md) keeps listing it; a limitation has to be written into the fixture by its generator, with
    # its reason, not decided from a failing run.
    $script:Subset = foreach ($family in $script:Listed) {
        $of = @($all | Where-Object { $_.family -eq $family -and -not $_.limitation })
        foreach ($case in $of) { @{ Name = "$($case.id)/correct"; Id = $case.id; Variant = -1 } }
        $bugs = foreach ($case in $of) {
            for ($v = 0; $v -lt @($case.bugs).Count; $v++) {
                $truth = Get-ScriptTruth $case $v
                if ($truth.IsResolvable) { @{ Name = $truth.Name; Id = $case.id; Variant = $v } }
            }
        }
        @($bugs) | Select-Object -First 4
    }
    # A dropout mask redrawn on every call makes the cost no function of θ: Inconclusive, for every variant.
    $script:FreshMask = foreach ($case in @($all | Where-Object condition -EQ 'fresh-mask')) {
        for ($v = -1; $v -lt [Math]::Min(2, @($case.bugs).Count); $v++) {
            @{ Name = (Get-ScriptTruth $case $v).Name; Id = $case.id; Variant = $v }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'corpus/script/ScriptLayers.ps1')
    . (Join-Path $PSScriptRoot 'corpus/script/ScriptJudge.ps1')
    $script:Cases = @(Read-ScriptCorpus (Join-Path $PSScriptRoot 'corpus/script/fixtures/script_cases.json'))
    $script:ById = @{}
    foreach ($case in $script:Cases) { $script:ById[$case.id] = $case }

    function script:Get-Explained($Case, [int] $Variant, $Row) {
        # Why a variant failed: what the fixture says it is, and what our check saw.
        $truth = Get-ScriptTruth $Case $Variant
        "$($truth.Name) [$($truth.Condition)] changes {$($truth.Changed -join ',')} resolvability $($truth.Resolvability): " +
        "$($Row.Ours.Verdict) {$(@($Row.Ours.Named) -join ',')} $($Row.Message)"
    }
}

Describe 'The scriptblock verdict corpus fixture' {
    It 'has exactly the 24 listed families, with at least 900 variants' -ForEach @{ Listed = $script:Listed } {
        @($script:Cases.family | Sort-Object -Unique) | Should -Be @($Listed | Sort-Object -Unique)
        ($script:Cases | ForEach-Object { 1 + @($_.bugs).Count } | Measure-Object -Sum).Sum | Should -BeGreaterOrEqual 900
        @($script:Cases.id | Sort-Object -Unique).Count | Should -Be $script:Cases.Count
    }

    It 'has <Name> with correct gradients and resolvable bugs' -TestCases $script:Families {
        # float32-cost is the exception: a cost rounded through float has ν = 2⁻²⁴·|J|, so at ε = 1e-7 a bug must
        # move an entry by 6·|J| to be resolvable, and none of its 28 does (they are tallied as unresolvable).
        $of = @($script:Cases | Where-Object family -EQ $Name)
        $of.Count | Should -BeGreaterOrEqual 3
        $resolvable = 0
        foreach ($case in $of) {
            @($case.bugs).Count | Should -BeGreaterOrEqual 1 -Because $case.id
            for ($v = 0; $v -lt @($case.bugs).Count; $v++) { if ((Get-ScriptTruth $case $v).IsResolvable) { $resolvable++ } }
        }
        $resolvable | Should -BeGreaterOrEqual $(if ($Name -eq 'float32-cost') { 0 } else { 4 })
    }

    It 'has <Name> bugs that change the blocks they say, and only those' -TestCases $script:Families {
        $bad = foreach ($case in @($script:Cases | Where-Object family -EQ $Name)) {
            foreach ($p in $case.params.PSObject.Properties) {
                $size = 1; foreach ($n in @($p.Value.shape)) { $size *= $n }
                if (@($case.truth.($p.Name)).Count -ne $size -or @($p.Value.data).Count -ne $size) { "$($case.id): $($p.Name) size" }
            }
            foreach ($bug in $case.bugs) {
                if (@($bug.changed).Count -eq 0) { "$($case.id)/$($bug.kind): changes nothing" }
                foreach ($name in @($bug.changed)) {
                    $g = @($bug.grad.$name); $t = @($case.truth.$name)
                    $max = 0.0
                    for ($i = 0; $i -lt $t.Count; $i++) { $max = [Math]::Max($max, [Math]::Abs($g[$i] - $t[$i])) }
                    if ($g.Count -ne $t.Count -or $max -eq 0 -or $max -ne [double]$bug.maxabs.$name) { "$($case.id)/$($bug.kind): $name" }
                }
                foreach ($name in $bug.grad.PSObject.Properties.Name) { if ($name -notin @($bug.changed)) { "$($case.id)/$($bug.kind): $name listed" } }
            }
        }
        $bad | Should -BeNullOrEmpty
    }

    It 'computes torch''s J in PowerShell for every <Name> case' -TestCases $script:Families {
        # The same formulas in another summation order: within 1e-8 relative plus 100 ν (the float32 cost, the
        # noisy, rounded and cancelling ones differ from torch's unrounded J by their own ν). A redrawn mask is skipped.
        $off = foreach ($case in @($script:Cases | Where-Object { $_.family -eq $Name -and $null -ne $_.nu })) {
            $in = Get-ScriptCheckInput -Case $case
            $J = & $in.Cost $in.Parameter
            if (-not ([Math]::Abs($J - $case.J) -le 1e-8 * [Math]::Abs($case.J) + 100 * $case.nu)) { "$($case.id): J $J vs $($case.J)" }
        }
        $off | Should -BeNullOrEmpty
    }
}

Describe 'GradCheck''s verdict on user scriptblocks' {
    It 'judges <Name>: no false alarm, no missed bug, no innocent or unnamed block' -TestCases $script:Subset {
        $case = $script:ById[$Id]
        $row = Invoke-ScriptVariant -Case $case -Variant $Variant -OursOnly
        $truth = Get-ScriptTruth $case $Variant
        $judged = Get-ScriptOutcome $truth $row.Ours
        $why = Get-Explained $case $Variant $row
        $judged.Outcome | Should -Not -BeIn 'FalseAlarm', 'Missed' -Because $why
        if ($row.Ours.Verdict -eq 'Wrong') {
            $judged.Innocent | Should -BeNullOrEmpty -Because $why
            $judged.Unnamed | Should -BeNullOrEmpty -Because $why
        }
    }

    It 'calls <Name> Inconclusive: its dropout mask is redrawn on every call' -TestCases $script:FreshMask {
        $row = Invoke-ScriptVariant -Case $script:ById[$Id] -Variant $Variant -OursOnly
        $row.Ours.Verdict | Should -Be 'Inconclusive' -Because $row.Message
    }
}
