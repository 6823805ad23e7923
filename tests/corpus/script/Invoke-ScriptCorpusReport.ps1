#Requires -Version 7.2
<#
.SYNOPSIS
    Runs the scriptblock verdict corpus (ScriptLayers.ps1 over fixtures/script_cases.json) under three rules and
    reports how each fares.
.DESCRIPTION
    Every variant of every case (its correct gradient, and each buggy one) goes through Test-Gradient as a user
    calls it: -Parameter an [ordered] dictionary, -Cost and -Gradient scriptblocks. At ε = 1e-7 with default options
    for our rule (Verdict, FailedBlocks) and the course's (Difference < 2e-7, blocks with Difference ≥ 2e-7; rerun
    in double when ours switched to single); at ε = 1e-6 in double for torch.autograd.gradcheck's (an entry fails
    when |a − n| > 1e-5 + 1e-3·|n|). The cases are split over -Jobs child processes. Prints a markdown report and
    writes it to tests/corpus/script/REPORT.md.
.EXAMPLE
    dotnet pwsh ./build.ps1; dotnet pwsh -NoProfile -File tests/corpus/script/Invoke-ScriptCorpusReport.ps1
#>
[CmdletBinding()]
param(
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../../../out/GradCheck/GradCheck.psd1'),
    [string] $FixturePath = (Join-Path $PSScriptRoot 'fixtures/script_cases.json'),
    [string] $OutputPath = (Join-Path $PSScriptRoot 'REPORT.md'),
    [ValidateRange(1, 16)] [int] $Jobs = 2
)

$ErrorActionPreference = 'Stop'
$clock = [Diagnostics.Stopwatch]::StartNew()
$ModuleManifest = (Resolve-Path $ModuleManifest).Path
$FixturePath = (Resolve-Path $FixturePath).Path
Import-Module $ModuleManifest -Force
. (Join-Path $PSScriptRoot 'ScriptLayers.ps1')
. (Join-Path $PSScriptRoot 'ScriptJudge.ps1')
$cases = @(Read-ScriptCorpus $FixturePath)

# Each job takes every Jobs-th case and checks all its variants.
$workers = foreach ($k in 0..($Jobs - 1)) {
    Start-Job -ArgumentList $PSScriptRoot, $ModuleManifest, $FixturePath, $k, $Jobs -ScriptBlock {
        param($Root, $Manifest, $Fixture, $K, $Of)
        $ErrorActionPreference = 'Stop'
        Import-Module $Manifest
        . (Join-Path $Root 'ScriptLayers.ps1')
        . (Join-Path $Root 'ScriptJudge.ps1')
        $all = @(Read-ScriptCorpus $Fixture)
        for ($c = $K; $c -lt $all.Count; $c += $Of) {
            for ($v = -1; $v -lt @($all[$c].bugs).Count; $v++) { Invoke-ScriptVariant -Case $all[$c] -Variant $v }
        }
    }
}
$results = @($workers | Receive-Job -Wait -AutoRemoveJob)
$checked = $clock.Elapsed.TotalSeconds

$byCase = @{}
foreach ($case in $cases) { $byCase[$case.id] = $case }
$rows = foreach ($r in $results | Sort-Object { [array]::IndexOf($cases.id, $_.Id) }, Variant) {
    $case = $byCase[$r.Id]
    $truth = Get-ScriptTruth $case $r.Variant
    $out = [ordered]@{ Case = $case; Truth = $truth; Result = $r }
    foreach ($rule in $ScriptRules) { $out[$rule] = Get-ScriptOutcome $truth $r.$rule }
    [pscustomobject]$out
}
$families = @($cases.family | Select-Object -Unique)

function Get-Title([string] $Rule) { $ScriptRuleTitles[$Rule].Replace('|', '\|') }
function Format-Count([int] $Part, [int] $Whole) { if ($Whole -eq 0) { '–' } else { "$Part / $Whole" } }
function Format-Number([double] $Value) { $Value.ToString('G4', [Globalization.CultureInfo]::InvariantCulture) }

function Get-TallyCells([object[]] $Of, [string] $Rule) {
    # The columns of tests/corpus/user/REPORT.md for one rule over a set of rows.
    $count = { param($o) @($Of | Where-Object { $_.$Rule.Outcome -eq $o }).Count }
    $clean = @($Of | Where-Object { -not $_.Truth.IsBuggy }).Count
    $resolvable = @($Of | Where-Object { $_.Truth.IsResolvable }).Count
    $named = & $count 'WronglyNamed'
    $caught = (& $count 'Caught') + $named
    $innocent = @($Of | Where-Object { $_.$Rule.Outcome -eq 'WronglyNamed' -and $_.$Rule.Innocent.Count -gt 0 }).Count
    $un = @($Of | Where-Object { $_.$Rule.Outcome -eq 'Unresolvable' })
    $uv = { param($v) @($un | Where-Object { $_.Result.$Rule.Verdict -eq $v }).Count }
    "$(Format-Count (& $count 'FalseAlarm') $clean) | $(Format-Count (& $count 'CleanInconclusive') $clean) | " +
    "$(Format-Count (& $count 'Missed') $resolvable) | $(Format-Count (& $count 'BugInconclusive') $resolvable) | " +
    "$(Format-Count $named $caught) | $innocent | $(& $uv 'Correct') / $(& $uv 'Wrong') / $(& $uv 'Inconclusive') of $($un.Count)"
}

$header = '| False alarms | Inconclusive (correct) | Missed (resolvable) | Inconclusive (resolvable bug) | Wrongly named | of which innocent blamed | Unresolvable: Correct / Wrong / Inconclusive |'
$rule8 = '|---|---:|---:|---:|---:|---:|---:|---:|'
$buggy = @($rows | Where-Object { $_.Truth.IsBuggy })
$resolvable = @($buggy | Where-Object { $_.Truth.IsResolvable })
$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add('# Scriptblock verdict corpus report')
$lines.Add('')
$lines.Add("GradCheck $((Get-Module GradCheck).Version); $($cases.Count) cases over $($families.Count) families " +
    '(tests/corpus/script/fixtures/script_cases.json, from make_script_corpus.py), each a cost a user writes as a ' +
    'PowerShell scriptblock (ScriptLayers.ps1) over an `[ordered]` dictionary of blocks, checked by `Test-Gradient ' +
    '-Parameter -Cost -Gradient`: ' + "$($cases.Count) correct gradients (torch autograd, float64) and $($buggy.Count) " +
    "buggy ones, $($resolvable.Count) of them resolvable. Each variant is checked at ε = 1e-7 with default options " +
    '(our rule reads `Verdict` and `FailedBlocks`, the course''s `Difference < 2e-7` and names the blocks whose ' +
    '`Difference` is ≥ 2e-7) and at ε = 1e-6 in double for torch''s rule (a block is named when one of its entries ' +
    'has |a − n| > 1e-5 + 1e-3·|n|, from the result''s `Analytic` and `Numerical`).')
$lines.Add('')
$lines.Add('**Resolvability.** ν is the rounding of one evaluation of the cost: u·|J| with u = 2⁻⁵², or 2⁻²⁴·|J| for ' +
    'the float32 cost, raised where the scriptblock adds its own error: to noise·|J| for a cost with relative noise, to ' +
    'half the quantum for a J rounded with [Math]::Round, to c·2⁻⁵³ for J = (c + L) − c, to u·max h² for group ' +
    'norm''s one-pass variance E[h²] − E[h]², and infinite for a dropout mask redrawn on every call. A bug is resolvable when some block it changes moves by more than c·ν/ε, c = ' +
    "$($ScriptRule.ResolutionFactor), ε = 1e-7, unless every entry it changes sits at an exact kink and takes " +
    'another of its one-sided derivatives there (`at_kink`: sign(0) = +1 for an L1 penalty at a zero weight). ' +
    'Unresolvable bugs are tallied apart. The rule counts rounding only: a bug hidden by truncation still counts as ' +
    'resolvable, and a verdict that cannot see it should say Inconclusive rather than Correct.')
$lines.Add('')
$lines.Add('**Counting.** False alarm: a correct gradient called Wrong. Missed: a resolvable bug called Correct. Wrongly ' +
    'named: a resolvable bug called Wrong whose failing blocks include one the bug leaves unchanged (innocent blamed), ' +
    'or leave out one it changes by ≥ 1e-3 relative and resolvably. Inconclusive comes only from our rule. The two ' +
    'fresh-mask cases'' correct gradients (of the fixed mask) count as correct gradients: Inconclusive is the right ' +
    'answer for a cost that is not a function.')
$lines.Add('')
$lines.Add('## All cases')
$lines.Add('')
$lines.Add("| Rule $header")
$lines.Add($rule8)
foreach ($rule in $ScriptRules) { $lines.Add("| $(Get-Title $rule) | $(Get-TallyCells $rows $rule) |") }
foreach ($rule in $ScriptRules) {
    $lines.Add('')
    $lines.Add("## Per family: $(Get-Title $rule)")
    $lines.Add('')
    $lines.Add("| Family $header")
    $lines.Add($rule8)
    foreach ($family in $families) {
        $lines.Add("| $family | $(Get-TallyCells @($rows | Where-Object { $_.Case.family -eq $family }) $rule) |")
    }
    $lines.Add("| **all** | $(Get-TallyCells $rows $rule) |")
}
$lines.Add('')
$lines.Add('## Per bug kind')
$lines.Add('')
$lines.Add('Resolvable bugs called Wrong / resolvable bugs of the kind, per rule; in brackets, of those, named right.')
$lines.Add('')
$lines.Add('| Bug kind | ' + (($ScriptRules | ForEach-Object { Get-Title $_ }) -join ' | ') + ' | unresolvable |')
$lines.Add('|---|---:|---:|---:|---:|')
foreach ($kind in @($buggy.Truth.Kind | Select-Object -Unique)) {
    $of = @($resolvable | Where-Object { $_.Truth.Kind -eq $kind })
    $cells = foreach ($rule in $ScriptRules) {
        $wrong = @($of | Where-Object { $_.Result.$rule.Verdict -eq 'Wrong' }).Count
        "$(Format-Count $wrong $of.Count) ($(@($of | Where-Object { $_.$rule.Outcome -eq 'Caught' }).Count))"
    }
    $lines.Add("| $kind | $($cells -join ' | ') | $(@($buggy | Where-Object { $_.Truth.Kind -eq $kind -and -not $_.Truth.IsResolvable }).Count) |")
}
$lines.Add('')
$lines.Add('## Cases our rule gets wrong')
$lines.Add('')
$wrong = @($rows | Where-Object { -not $_.Ours.IsRight })
if ($wrong.Count -eq 0) { $lines.Add('None.') }
else {
    $lines.Add('Noise is the checker''s measured σ_J over ν. "truth" is torch autograd''s gradient; "reference" the ' +
        'estimate the entry was judged against, with its method and step. A case the fixture marks as a known ' +
        'limitation says why.')
    $lines.Add('')
    $lines.Add('| Variant | Condition | Outcome | Verdict (failing blocks) | Bug changes | Resolvability | Noise / ν | Kinks |')
    $lines.Add('|---|---|---|---|---|---:|---:|---:|')
    foreach ($row in $wrong) {
        $r = $row.Result; $t = $row.Truth
        $noise = if ($row.Case.nu) { Format-Number ($r.CostNoise / $row.Case.nu) } else { '–' }
        $verdict = $r.Ours.Verdict + $(if (@($r.Ours.Named).Count) { ' {' + (@($r.Ours.Named) -join ',') + '}' })
        $lines.Add("| $($t.Name) | $($t.Condition) | $($row.Ours.Outcome) | $verdict | " +
            "$(if ($t.IsBuggy) { $t.Changed -join ',' } else { '–' }) | $(Format-Number $t.Resolvability) | $noise | $($r.KinkCount) |")
    }
    $lines.Add('')
    $lines.Add('```')
    foreach ($row in $wrong) {
        $r = $row.Result; $t = $row.Truth; $case = $row.Case
        $flat = [double[]]@(foreach ($p in $case.truth.PSObject.Properties) { $p.Value })
        $bug = if ($t.IsBuggy) { $case.bugs[$r.Variant] } else { $null }
        $lines.Add("$($t.Name) [$($t.Condition)]" + $(if ($bug) {
                    " bug: $($bug.description); changes {$($t.Changed -join ',')}, resolvability $(Format-Number $t.Resolvability)" }))
        if ($t.Limitation) { $lines.Add("  known limitation: $($t.Limitation)") }
        $lines.Add("  Ours: $($row.Ours.Outcome); J = $(Format-Number $r.Cost), noise $(Format-Number $r.CostNoise), " +
            "difference $(Format-Number $r.Difference), kinks $($r.KinkCount), unresolved $($r.UnresolvedCount); blocks $($r.Blocks)")
        $lines.Add("  $($r.Message)")
        foreach ($e in $r.Worst) {
            $lines.Add("    $($e.Name): analytic $(Format-Number $e.Analytic), numerical $(Format-Number $e.Numerical), " +
                "reference $(Format-Number $e.Reference) ($($e.Method), step $(Format-Number $e.Step)$(if ($e.Kink) { ', kink' })), " +
                "tolerance $(Format-Number $e.Tolerance), truth $(Format-Number $flat[$e.Position])")
        }
        $lines.Add('')
    }
    $lines.Add('```')
}

$text = $lines -join [Environment]::NewLine
$text
Set-Content -Path $OutputPath -Value $text -Encoding utf8NoBOM
$busy = ($results | Measure-Object Seconds -Sum).Sum
Write-Host ("Wrote {0}: {1} variants of {2} cases in {3:N1} s ({4:N1} s checking in {5} jobs, {6:N1} s of checks)." -f
    (Resolve-Path $OutputPath), $rows.Count, $cases.Count, $clock.Elapsed.TotalSeconds, $checked, $Jobs, $busy)
