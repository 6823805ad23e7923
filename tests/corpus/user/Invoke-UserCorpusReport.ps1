#Requires -Version 7.2
<#
.SYNOPSIS
    Runs the user-code verdict corpus (UserLayers.cs, UserCorpus.cs) under three rules and reports how each fares.
.DESCRIPTION
    Every variant of every case (its correct gradient, and each buggy one) is checked at ε = 1e-7 with
    GradientChecker's default options (our rule: Verdict; the course's: Difference < 2e-7) and at ε = 1e-6
    (torch.autograd.gradcheck's |a − n| ≤ 1e-5 + 1e-3·|n|). Prints a markdown report and writes it to
    tests/corpus/user/REPORT.md.

    -Corpus Stress runs the stress corpus instead (fixtures/user_stress.json, make_user_corpus.py --stress:
    420 random cases weighted to the hard conditions) and writes tests/corpus/user/STRESS.md. It takes minutes,
    so the Pester suite only sanity-checks its fixture; the report is run by hand to find the verdict's weak spots.
.EXAMPLE
    dotnet pwsh ./build.ps1; dotnet pwsh -NoProfile -File tests/corpus/user/Invoke-UserCorpusReport.ps1
.EXAMPLE
    dotnet pwsh -NoProfile -File tests/corpus/user/Invoke-UserCorpusReport.ps1 -Corpus Stress
#>
[CmdletBinding()]
param(
    [ValidateSet('Main', 'Stress')]
    [string] $Corpus = 'Main',
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../../../out/GradCheck/GradCheck.psd1'),
    [string] $FixturePath = (Join-Path $PSScriptRoot $(if ($Corpus -eq 'Stress') { 'fixtures/user_stress.json' } else { 'fixtures/user_cases.json' })),
    [string] $OutputPath = (Join-Path $PSScriptRoot $(if ($Corpus -eq 'Stress') { 'STRESS.md' } else { 'REPORT.md' }))
)

$ErrorActionPreference = 'Stop'
$clock = [Diagnostics.Stopwatch]::StartNew()
Import-Module $ModuleManifest -Force
if (-not ('GradCheck.UserCorpus.UserJudge' -as [type])) {
    $core = Join-Path (Split-Path (Get-Module GradCheck).Path) 'GradCheck.Core.dll'
    # Every file of the corpus: UserLayers.cs, UserCorpus.cs and one file per other type.
    Add-Type -Path (Get-ChildItem $PSScriptRoot -Filter *.cs).FullName -ReferencedAssemblies @(
        $core, 'netstandard', 'System.Linq', 'System.Collections', 'System.Runtime', 'System.IO', 'System.Runtime.Extensions')
}

$judge = [GradCheck.UserCorpus.UserJudge]
$cases = [GradCheck.UserCorpus.UserCase]::Load($FixturePath)
$rows = $judge::RunAll($cases)
$rules = $judge::Rules
$families = @($cases.Family | Select-Object -Unique)
$conditions = @($cases.Condition | Select-Object -Unique)
$kinds = @($cases | ForEach-Object { $_.Bugs.Kind } | Select-Object -Unique)
$tags = @($cases | ForEach-Object { $_.Tags } | Select-Object -Unique)
$fixture = 'tests/corpus/user/fixtures/' + (Split-Path $FixturePath -Leaf)
$generator = if ($Corpus -eq 'Stress') { 'make_user_corpus.py --stress' } else { 'make_user_corpus.py' }

# Rule titles carry |a−n|: escaped, so that they do not split a markdown table's cells.
function Get-Title($Rule) { $judge::Title($Rule).Replace('|', '\|') }

function Format-Count([int] $Part, [int] $Whole) { if ($Whole -eq 0) { '–' } else { "$Part / $Whole" } }

function Add-RuleTable($Lines, $Rule, [string] $GroupTitle, [string[]] $Groups, [scriptblock] $Select) {
    $Lines.Add("| $GroupTitle | False alarms | Inconclusive (correct) | Missed (resolvable) | Inconclusive (resolvable bug) | Wrongly named | of which innocent blamed | Unresolvable: Correct / Wrong / Inconclusive |")
    $Lines.Add('|---|---:|---:|---:|---:|---:|---:|---:|')
    foreach ($group in @($Groups) + 'all') {
        $of = if ($group -eq 'all') { $rows } else { @($rows | Where-Object { & $Select $_ $group }) }
        $t = $judge::Tally($group, $Rule, [GradCheck.UserCorpus.UserRow[]]@($of))
        $name = if ($group -eq 'all') { '**all**' } else { $group }
        $Lines.Add("| $name | $(Format-Count $t.FalseAlarms $t.Clean) | $(Format-Count $t.CleanInconclusive $t.Clean) | " +
            "$(Format-Count $t.Missed $t.Resolvable) | $(Format-Count $t.BugInconclusive $t.Resolvable) | " +
            "$(Format-Count $t.WronglyNamed $t.Caught) | $($t.InnocentBlamed) | " +
            "$($t.UnresolvableCorrect) / $($t.UnresolvableWrong) / $($t.UnresolvableInconclusive) of $($t.Unresolvable) |")
    }
}

$buggy = @($rows | Where-Object IsBuggy)
$resolvable = @($buggy | Where-Object IsResolvable)
$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add($(if ($Corpus -eq 'Stress') { '# User-code verdict stress corpus report' } else { '# User-code verdict corpus report' }))
$lines.Add('')
$lines.Add("GradCheck $((Get-Module GradCheck).Version); $($cases.Count) cases over $($families.Count) families " +
    "($fixture, from $generator): $($cases.Count) correct gradients " +
    "(torch autograd, float64) and $($buggy.Count) buggy ones (hand-written backward passes), " +
    "$($resolvable.Count) of them resolvable. Each variant is checked at ε = 1e-7 with default options " +
    '(our rule reads `Verdict`, the course''s `Difference < 2e-7`) and at ε = 1e-6 for torch''s rule.')
$lines.Add('')
$lines.Add('**Resolvability.** ν is the rounding of one evaluation of the cost: u·|J| with u = 2⁻⁵², or 2⁻²⁴·|J| for a ' +
    "float32-rounded cost. A bug is resolvable when some entry of a block it changes moves by more than c·ν/ε, c = " +
    "$($judge::ResolutionFactor), ε = 1e-7 (the step of ours and the course's rule). Unresolvable bugs are tallied apart. " +
    'The rule counts rounding only: a bug hidden by truncation (curvature at θ''s own scale) still counts as resolvable, ' +
    'and a verdict that cannot see it should say Inconclusive rather than Correct.')
$lines.Add('')
$lines.Add('**Counting.** False alarm: a correct gradient called Wrong. Missed: a resolvable bug called Correct. Wrongly ' +
    'named: a resolvable bug called Wrong whose failing blocks include one the bug leaves unchanged (innocent blamed), ' +
    'or leave out one it changes by ≥ 1e-3 relative and resolvably. Inconclusive comes only from our rule.')
$lines.Add('')
$lines.Add('## All cases')
$lines.Add('')
$lines.Add('| Rule | False alarms | Inconclusive (correct) | Missed (resolvable) | Inconclusive (resolvable bug) | Wrongly named | of which innocent blamed | Unresolvable: Correct / Wrong / Inconclusive |')
$lines.Add('|---|---:|---:|---:|---:|---:|---:|---:|')
foreach ($rule in $rules) {
    $t = $judge::Tally('all', $rule, $rows)
    $lines.Add("| $((Get-Title $rule)) | $(Format-Count $t.FalseAlarms $t.Clean) | $(Format-Count $t.CleanInconclusive $t.Clean) | " +
        "$(Format-Count $t.Missed $t.Resolvable) | $(Format-Count $t.BugInconclusive $t.Resolvable) | " +
        "$(Format-Count $t.WronglyNamed $t.Caught) | $($t.InnocentBlamed) | " +
        "$($t.UnresolvableCorrect) / $($t.UnresolvableWrong) / $($t.UnresolvableInconclusive) of $($t.Unresolvable) |")
}
foreach ($rule in $rules) {
    $lines.Add('')
    $lines.Add("## Per family: $((Get-Title $rule))")
    $lines.Add('')
    Add-RuleTable $lines $rule 'Family' $families { param($row, $g) $row.Case.Family -eq $g }
}
$lines.Add('')
$lines.Add("## Per condition: $((Get-Title 'Ours'))")
$lines.Add('')
Add-RuleTable $lines 'Ours' 'Condition' $conditions { param($row, $g) $row.Case.Condition -eq $g }
if ($tags.Count -gt 0) {
    # The stress corpus's modifiers cut across the conditions: a case may carry several, or none.
    $lines.Add('')
    $lines.Add("## Per modifier: $((Get-Title 'Ours'))")
    $lines.Add('')
    $lines.Add('A case counts under every modifier it carries (size-tiny/size-large: the layer''s size; rescaled: a ' +
        'block × s and another × 1/s behind the same layer; J-scaled / J-offset: J = offset + scale·L; float32: the ' +
        'cost rounded through float).')
    $lines.Add('')
    Add-RuleTable $lines 'Ours' 'Modifier' $tags { param($row, $g) $row.Case.Tags -contains $g }
}
$lines.Add('')
$lines.Add('## Per bug kind')
$lines.Add('')
$lines.Add('Resolvable bugs called Wrong / resolvable bugs of the kind, per rule; in brackets, of those, named right.')
$lines.Add('')
$lines.Add('| Bug kind | ' + (($rules | ForEach-Object { (Get-Title $_) }) -join ' | ') + ' | unresolvable |')
$lines.Add('|---|' + (($rules | ForEach-Object { '---:' }) -join '|') + '|---:|')
foreach ($kind in $kinds) {
    $of = @($resolvable | Where-Object Kind -EQ $kind)
    $cells = foreach ($rule in $rules) {
        $wrong = @($of | Where-Object { $_.Verdict($rule).Verdict -eq 'Wrong' })
        $right = @($of | Where-Object { $_.OutcomeOf($rule) -eq 'Caught' })
        "$(Format-Count $wrong.Count $of.Count) ($($right.Count))"
    }
    $lines.Add("| $kind | $($cells -join ' | ') | $(@($buggy | Where-Object { $_.Kind -eq $kind -and -not $_.IsResolvable }).Count) |")
}
$lines.Add('')
$lines.Add('## Cases our rule gets wrong')
$lines.Add('')
$wrong = @($rows | Where-Object { -not $_.IsRight('Ours') })
if ($wrong.Count -eq 0) {
    $lines.Add('None.')
}
else {
    $lines.Add('Noise is the checker''s measured σ_J (ECnoise) over ν. "truth" is torch autograd''s gradient; "reference" the ' +
        'estimate the entry was judged against, with its method and step.')
    $lines.Add('')
    $lines.Add('| Variant | Condition | Outcome | Verdict (failing blocks) | Bug changes | Resolvability | Noise / ν | Kinks |')
    $lines.Add('|---|---|---|---|---|---:|---:|---:|')
    foreach ($row in $wrong) {
        $changes = if ($row.IsBuggy) { ($row.Bug.Changed -join ',') } else { '–' }
        $lines.Add(('| {0} | {1} | {2} | {3} | {4} | {5:G3} | {6:G3} | {7} |' -f $row.Name, $row.Case.Condition,
                $row.OutcomeOf('Ours'), $row.Ours, $changes, $row.Resolvability, $row.NoiseRatio, $row.Check.KinkCount))
    }
    $lines.Add('')
    $lines.Add('```')
    foreach ($row in $wrong) { $lines.Add($row.Explain('Ours').TrimEnd()); $lines.Add('') }
    $lines.Add('```')
}

$text = $lines -join [Environment]::NewLine
$text
Set-Content -Path $OutputPath -Value $text -Encoding utf8NoBOM
Write-Host ("Wrote {0} ({1} variants of {2} cases, {3:N1} s)." -f (Resolve-Path $OutputPath), $rows.Count, $cases.Count,
    $clock.Elapsed.TotalSeconds)
