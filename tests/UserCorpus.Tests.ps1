# The user-code verdict corpus of issue 9 (tests/corpus/user/): hand-written layers of 14 families, each a scalar
# loss whose correct gradient is torch autograd's and whose buggy gradients come from hand-written backward passes
# with realistic bugs (tests/corpus/user/make_user_corpus.py). Our rule must raise no false alarm, miss no
# resolvable bug, blame no innocent block, and leave at most 2 % of the correct gradients Inconclusive.
BeforeDiscovery {
    # The lists the corpus must cover; the tests below check that the fixture holds exactly these.
    $script:Families = @(
        'affine', 'relu', 'leaky-relu', 'softmax-ce', 'svm-hinge', 'batch-norm', 'layer-norm', 'conv1d', 'conv2d',
        'max-pool', 'dropout', 'rnn', 'lstm', 'attention'
    ) | ForEach-Object { @{ Name = $_ } }
    $script:Conditions = @(
        'plain', 'near-kink', 'exact-tie', 'theta-1e4', 'theta-1e-6', 'J-1e6', 'float32', 'zero-block', 'saturated',
        'tiny-norm', 'small-block'
    )
    $script:BugKinds = @(
        'missing-1/m', 'transposed-weight', 'sign-flip', 'wrong-entry', 'off-by-one', 'missing-product-term',
        'bn-no-mean', 'softmax-no-onehot', 'scale-1.001', 'scale-1.01', 'small-block', 'missing-derivative',
        'wrong-derivative', 'missing-term', 'missing-factor'
    )
    # Families that also go through scriptblocks (Test-Gradient -Cost -Gradient -Parameter).
    $script:ScriptFamilies = @('affine', 'relu', 'svm-hinge') | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $dir = Join-Path $PSScriptRoot 'corpus/user'
    if (-not ('GradCheck.UserCorpus.UserJudge' -as [type])) {
        $core = Join-Path (Split-Path (Get-Module GradCheck).Path) 'GradCheck.Core.dll'
        # Every file of the corpus: UserLayers.cs, UserCorpus.cs and one file per other type.
        Add-Type -Path (Get-ChildItem $dir -Filter *.cs).FullName -ReferencedAssemblies @(
            $core, 'netstandard', 'System.Linq', 'System.Collections', 'System.Runtime', 'System.IO',
            'System.Runtime.Extensions')
    }
    $script:Cases = [GradCheck.UserCorpus.UserCase]::Load((Join-Path $dir 'fixtures/user_cases.json'))
    $script:Rows = [GradCheck.UserCorpus.UserJudge]::RunAll($script:Cases)

    function script:Get-Wrong([object[]] $Rows) {
        # Every row our rule gets wrong, explained with its worst entries.
        @($Rows | Where-Object { -not $_.IsRight('Ours') } | ForEach-Object { $_.Explain('Ours') })
    }

    function script:ConvertTo-Form([GradCheck.UserCorpus.UserCase] $Case, [double[]] $Flat) {
        # The flat vector as an [ordered] dictionary of [double[]] and [double[,]], row-major, as a user writes θ.
        $form = [ordered]@{}
        foreach ($block in $Case.Layout.Blocks) {
            if ($block.Shape.Count -eq 1) {
                $form[$block.Name] = [double[]]$Flat[$block.Offset..($block.Offset + $block.Count - 1)]
            }
            else {
                $rows, $columns = $block.Shape[0], $block.Shape[1]
                $matrix = [double[,]]::new($rows, $columns)
                for ($r = 0; $r -lt $rows; $r++) {
                    for ($c = 0; $c -lt $columns; $c++) { $matrix[$r, $c] = $Flat[$block.Offset + $r * $columns + $c] }
                }
                $form[$block.Name] = $matrix
            }
        }
        $form
    }
}

Describe 'The user-code verdict corpus' {
    It 'has at least 60 cases over all 14 families, and at least 200 buggy variants' -ForEach @{ Listed = @($script:Families.Name) } {
        $script:Cases.Count | Should -BeGreaterOrEqual 60
        $Listed.Count | Should -Be 14
        @($script:Cases.Family | Sort-Object -Unique) | Should -Be @($Listed | Sort-Object)
        @($script:Rows | Where-Object IsBuggy).Count | Should -BeGreaterOrEqual 200
    }

    It 'has several cases of <Name>, each with buggy variants' -TestCases $script:Families {
        $of = @($script:Cases | Where-Object Family -EQ $Name)
        $of.Count | Should -BeGreaterOrEqual 4
        foreach ($case in $of) { $case.Bugs.Count | Should -BeGreaterOrEqual 2 -Because $case.Id }
    }

    It 'covers exactly the listed hard conditions' -ForEach @{ Listed = $script:Conditions } {
        @($script:Cases.Condition | Sort-Object -Unique) | Should -Be @($Listed | Sort-Object)
        foreach ($condition in $Listed) {
            @($script:Cases | Where-Object Condition -EQ $condition).Count | Should -BeGreaterOrEqual 2 -Because $condition
        }
        # Near kinks lie 1e-10..1e-8 from the kink (the note carries the value); float32 cases are marked so.
        @($script:Cases | Where-Object { ($_.Condition -eq 'float32') -ne $_.Float32 }).Count | Should -Be 0
    }

    It 'plants exactly the listed kinds of bug' -ForEach @{ Listed = $script:BugKinds } {
        $kinds = @($script:Cases | ForEach-Object { $_.Bugs.Kind } | Sort-Object -Unique)
        $kinds | Should -Be @($Listed | Sort-Object)
        foreach ($kind in $Listed) {
            @($script:Rows | Where-Object Kind -EQ $kind).Count | Should -BeGreaterOrEqual 3 -Because $kind
        }
    }

    It 'has bugs that change the blocks they say, and only those' {
        $bad = foreach ($case in $script:Cases) {
            foreach ($bug in $case.Bugs) {
                $changed = foreach ($block in $case.Layout.Blocks) {
                    # Against the truth, a block moves when it differs by more than the hand backward's 1e-10 of
                    # the block's largest entry (make_user_corpus.py asserts that much for the correct backward).
                    $moved = $false
                    $scale = 0.0
                    for ($i = $block.Offset; $i -lt $block.Offset + $block.Count; $i++) {
                        $scale = [math]::Max($scale, [math]::Abs($case.Truth[$i]))
                    }
                    for ($i = $block.Offset; $i -lt $block.Offset + $block.Count; $i++) {
                        if ([math]::Abs($bug.Gradient[$i] - $case.Truth[$i]) -gt 1e-9 * $scale) { $moved = $true }
                    }
                    if ($moved) { $block.Name }
                }
                foreach ($name in @($changed)) { if ($name -notin $bug.Changed) { "$($case.Id)/$($bug.Kind): $name" } }
                if ($bug.Changed.Count -eq 0) { "$($case.Id)/$($bug.Kind): changes nothing" }
            }
        }
        $bad | Should -BeNullOrEmpty
    }

    It 'computes torch''s J in C# for every <Name> case, to 1e-12 relative' -TestCases $script:Families {
        $off = foreach ($case in @($script:Cases | Where-Object Family -EQ $Name)) {
            $layer = [GradCheck.UserCorpus.UserLayer]::Create($case)
            $loss = $layer.Loss($case.Theta)
            $cost = $layer.Exact($case.Theta)
            if ([math]::Abs($loss - $case.Loss) -gt 1e-12 * [math]::Abs($case.Loss)) { "$($case.Id): L $loss vs $($case.Loss)" }
            if ([math]::Abs($cost - $case.J) -gt 1e-12 * [math]::Abs($case.J)) { "$($case.Id): J $cost vs $($case.J)" }
            if ($case.Float32 -and $layer.Cost($case.Theta) -ne [double][single]$cost) { "$($case.Id): not rounded through float" }
        }
        $off | Should -BeNullOrEmpty
    }

    It 'gives the same verdicts through scriptblocks as through C# for <Name>' -TestCases $script:ScriptFamilies {
        $differ = foreach ($case in @($script:Cases | Where-Object Family -EQ $Name)) {
            for ($b = -1; $b -lt $case.Bugs.Count; $b++) {
                $gradient = if ($b -lt 0) { $case.Truth } else { $case.Bugs[$b].Gradient }
                $layer = [GradCheck.UserCorpus.UserLayer]::Create($case, $gradient)
                $form = ConvertTo-Form $case $gradient
                # The user's cost block: θ arrives as the dictionary it was given, flattened row-major here.
                $cost = { param($t) $layer.Cost([double[]]@(foreach ($v in $t.Values) { foreach ($e in $v) { $e } })) }.GetNewClosure()
                $grad = { param($t) $form }.GetNewClosure()
                $parameter = ConvertTo-Form $case $case.Theta
                $near = Test-Gradient -Cost $cost -Gradient $grad -Parameter $parameter -Epsilon 1e-7
                $far = Test-Gradient -Cost $cost -Gradient $grad -Parameter $parameter -Epsilon 1e-6 -Precision Double
                $course = if ($near.SwitchedToSingle) {
                    Test-Gradient -Cost $cost -Gradient $grad -Parameter $parameter -Epsilon 1e-7 -Precision Double
                } else { $near }
                $piped = [GradCheck.UserCorpus.UserJudge]::Judge($case, $b, $near, $far, $course)
                $direct = $script:Rows | Where-Object { $_.Case -eq $case -and $_.BugIndex -eq $b }
                foreach ($rule in 'Ours', 'Course', 'Torch') {
                    if ($piped.Verdict($rule).ToString() -ne $direct.Verdict($rule).ToString()) {
                        "$($direct.Name) $rule scriptblock $($piped.Verdict($rule)) C# $($direct.Verdict($rule))"
                    }
                }
            }
        }
        $differ | Should -BeNullOrEmpty
    }
}

Describe 'GradCheck''s verdict on user code' {
    It 'raises no false alarm on a correct gradient' {
        Get-Wrong @($script:Rows | Where-Object { -not $_.IsBuggy -and $_.OutcomeOf('Ours') -eq 'FalseAlarm' }) |
            Should -BeNullOrEmpty
    }

    It 'misses no resolvable bug' {
        Get-Wrong @($script:Rows | Where-Object { $_.OutcomeOf('Ours') -eq 'Missed' }) | Should -BeNullOrEmpty
    }

    It 'blames no innocent block' {
        Get-Wrong @($script:Rows | Where-Object { $_.IsBuggy -and $_.Ours.Verdict -eq 'Wrong' -and $_.Innocent('Ours').Count -gt 0 }) |
            Should -BeNullOrEmpty
    }

    It 'names every block a resolvable bug changes by 1e-3 or more' {
        Get-Wrong @($script:Rows | Where-Object { $_.OutcomeOf('Ours') -eq 'WronglyNamed' -and $_.Unnamed('Ours').Count -gt 0 }) |
            Should -BeNullOrEmpty
    }

    It 'leaves at most 2 % of the correct gradients Inconclusive' {
        $clean = @($script:Rows | Where-Object { -not $_.IsBuggy })
        $inconclusive = @($clean | Where-Object { $_.Ours.Verdict -eq 'Inconclusive' })
        $inconclusive.Count | Should -BeLessOrEqual ([math]::Floor(0.02 * $clean.Count)) -Because ($inconclusive.Name -join ', ')
    }

    It 'calls no buggy case Correct while Inconclusive blocks exist' {
        @($script:Rows | Where-Object {
                $_.IsBuggy -and $_.Ours.Verdict -eq 'Correct' -and @($_.Check.Blocks | Where-Object Verdict -NE 'Correct').Count -gt 0
            } | ForEach-Object Name) | Should -BeNullOrEmpty
    }
}

# The stress corpus (fixtures/user_stress.json, make_user_corpus.py --stress) sets no goal here: its report runs
# for minutes (Invoke-UserCorpusReport.ps1 -Corpus Stress, by hand). Only its fixture is checked, cheaply, so that
# a regenerated fixture cannot silently disagree with the C# forward passes the report runs.
Describe 'The user-code stress corpus fixture' {
    BeforeAll {
        $script:Stress = [GradCheck.UserCorpus.UserCase]::Load((Join-Path $PSScriptRoot 'corpus/user/fixtures/user_stress.json'))
    }

    It 'loads, with at least 400 cases over all 14 families, each with buggy variants' -ForEach @{ Listed = @($script:Families.Name) } {
        $script:Stress.Count | Should -BeGreaterOrEqual 400
        @($script:Stress.Family | Sort-Object -Unique) | Should -Be @($Listed | Sort-Object)
        @($script:Stress | ForEach-Object { $_.Bugs }).Count | Should -BeGreaterOrEqual 1000
        @($script:Stress | Where-Object { $_.Truth.Count -ne $_.Theta.Count -or $_.Theta.Count -ne $_.Layout.Count } |
            ForEach-Object Id) | Should -BeNullOrEmpty
    }

    It 'computes torch''s J in C# for every case, to 1e-12 relative' {
        $off = foreach ($case in $script:Stress) {
            $layer = [GradCheck.UserCorpus.UserLayer]::Create($case)
            $cost = $layer.Exact($case.Theta)
            if (-not ([math]::Abs($cost - $case.J) -le 1e-12 * [math]::Abs($case.J))) { "$($case.Id): J $cost vs $($case.J)" }
            if ($case.Float32 -and $layer.Cost($case.Theta) -ne [double][single]$cost) { "$($case.Id): not rounded through float" }
        }
        $off | Should -BeNullOrEmpty
    }
}
