#Requires -Version 7.2
<#
.SYNOPSIS
    Runs the Jacobian verdict corpus (JacobianLayers.cs, JacobianCorpus.cs) under four rules and reports how each
    fares.
.DESCRIPTION
    Every variant of every case (its correct backward pass, and each buggy one) is checked by JacobianChecker at
    ε = 1e-7 with default options, in full mode and in VJP mode (OutputGradient = the case's dout), and judged
    beside torch.autograd.gradcheck's rule (the full Jacobian by centred differences at ε = 1e-6, every entry
    |a − n| ≤ 1e-5 + 1e-3·|n|) and the course's (‖A − N‖ / (‖A‖ + ‖N‖) < 2e-7 at ε = 1e-7), both computed here.
    Prints a markdown report and writes it to tests/corpus/jacobian/REPORT.md.
.EXAMPLE
    dotnet pwsh ./build.ps1; dotnet pwsh -NoProfile -File tests/corpus/jacobian/Invoke-JacobianCorpusReport.ps1
#>
[CmdletBinding()]
param(
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../../../out/GradCheck/GradCheck.psd1'),
    [string] $FixturePath = (Join-Path $PSScriptRoot 'fixtures/jacobian_cases.json'),
    [string] $OutputPath = (Join-Path $PSScriptRoot 'REPORT.md')
)

$ErrorActionPreference = 'Stop'
$clock = [Diagnostics.Stopwatch]::StartNew()
Import-Module $ModuleManifest -Force
if (-not ('GradCheck.JacobianCorpus.JacobianJudge' -as [type])) {
    $core = Join-Path (Split-Path (Get-Module GradCheck).Path) 'GradCheck.Core.dll'
    # Every file of the corpus: JacobianLayers.cs, JacobianCorpus.cs and one file per other type.
    Add-Type -Path (Get-ChildItem $PSScriptRoot -Filter *.cs).FullName `
        -ReferencedAssemblies @($core, 'netstandard', 'System.Linq', 'System.Collections', 'System.Runtime',
            'System.IO', 'System.Runtime.Extensions')
}

$judge = [GradCheck.JacobianCorpus.JacobianJudge]
$fidelity = [GradCheck.JacobianCorpus.JacobianFidelity]
$cases = [GradCheck.JacobianCorpus.JacobianCase]::Load($FixturePath)
$rows = $judge::RunAll($cases)
$rules = $judge::Rules
$families = @($cases.Family | Select-Object -Unique)

# Rule titles carry |a−n|: escaped, so that they do not split a markdown table's cells.
function Get-Title($Rule) { $judge::Title($Rule).Replace('|', '\|') }

function Format-Count([int] $Part, [int] $Whole) { if ($Whole -eq 0) { '–' } else { "$Part / $Whole" } }

function Get-Tally([string] $Group, $Rule, [object[]] $Of) {
    $judge::Tally($Group, $Rule, [GradCheck.JacobianCorpus.JacobianRow[]]@($Of))
}

function Format-TallyCells($T) {
    "$(Format-Count $T.FalseAlarms $T.Clean) | $(Format-Count $T.CleanInconclusive $T.Clean) | " +
    "$(Format-Count $T.Missed $T.Resolvable) | $(Format-Count $T.BugInconclusive $T.Resolvable) | " +
    "$(Format-Count $T.WronglyNamed $T.Caught) | $($T.InnocentBlamed) | " +
    "$($T.UnresolvableCorrect) / $($T.UnresolvableWrong) / $($T.UnresolvableInconclusive) of $($T.Unresolvable) | " +
    "$($T.KinkOnlyCorrect) / $($T.KinkOnlyWrong) / $($T.KinkOnlyInconclusive) of $($T.KinkOnly) |"
}

$header = '| False alarms | Inconclusive (correct) | Missed (resolvable) | Inconclusive (resolvable bug) | ' +
    'Wrongly named | of which innocent blamed | Unresolvable: Correct / Wrong / Inconclusive | ' +
    'Kink-only: Correct / Wrong / Inconclusive |'

function Add-RuleTable($Lines, $Rule) {
    $Lines.Add("| Family $header")
    $Lines.Add('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
    foreach ($group in @($families) + 'all') {
        $of = if ($group -eq 'all') { $rows } else { @($rows | Where-Object { $_.Case.Family -eq $group }) }
        $name = if ($group -eq 'all') { '**all**' } else { $group }
        $Lines.Add("| $name | $(Format-TallyCells (Get-Tally $group $Rule $of))")
    }
}

# Fidelity: how closely the C# layers reproduce torch and the numpy bugs (the Pester file holds them to it).
$forward = ($cases | ForEach-Object { $fidelity::ForwardError($_) } | Measure-Object -Maximum).Maximum
$vjp = ($cases | ForEach-Object { $fidelity::VjpError($_, $null) } | Measure-Object -Maximum).Maximum
$jacobian = ($cases | ForEach-Object { $fidelity::JacobianError($_, $null) } | Measure-Object -Maximum).Maximum
$bugged = ($cases | ForEach-Object { $c = $_; $c.Bugs | ForEach-Object {
            [math]::Max($fidelity::JacobianError($c, $_.Kind), $fidelity::VjpError($c, $_.Kind)) } } |
    Measure-Object -Maximum).Maximum

$buggy = @($rows | Where-Object IsBuggy)
$kinkOnly = @($buggy | Where-Object { $_.Bug.KinkOnly })
$resolvable = @($buggy | Where-Object { -not $_.Bug.KinkOnly -and $_.IsResolvable('Ours') })
$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add('# Jacobian verdict corpus report')
$lines.Add('')
$lines.Add("GradCheck $((Get-Module GradCheck).Version); $($cases.Count) cases over $($families.Count) families of " +
    'layers written as vector functions y = f(x) (tests/corpus/jacobian/fixtures/jacobian_cases.json, from ' +
    "make_jacobian_corpus.py): $($cases.Count) correct backward passes (matching torch autograd, float64) and " +
    "$($buggy.Count) buggy ones (hand-written, with bugs people write), $($resolvable.Count) of them resolvable in " +
    "full mode, $($kinkOnly.Count) kink-only. Each variant is checked by JacobianChecker at ε = 1e-7 with default " +
    'options in full mode and in VJP mode (`OutputGradient` = the case''s random dout); torch''s rule ' +
    '(torch.autograd.gradcheck''s defaults: the full Jacobian by centred differences at ε = 1e-6, every entry ' +
    '|a − n| ≤ 1e-5 + 1e-3·|n|) and the course''s (‖A − N‖ / (‖A‖ + ‖N‖) < 2e-7 at ε = 1e-7, per pair to name ' +
    'pairs) are computed in C# from the same layer, A from Backward with unit upstreams.')
$lines.Add('')
$fidelityLine = ('**Fidelity.** C# forward against torch''s y: worst {0:G2} relative per entry (goal 1e-12). Correct ' +
    'backward against torch: vjp of dout worst {1:G2}, Jacobian worst {2:G2} (relative to the largest entry of ' +
    'the input block or pair; goal 1e-10). Buggy backward against the numpy bug''s Jacobian and vjp: worst ' +
    '{3:G2}.') -f $forward, $vjp, $jacobian, $bugged
$lines.Add($fidelityLine)
$lines.Add('')
$lines.Add('**Resolvability.** ν_i = u·yscale_i is the rounding of output i, u = 2⁻⁵², yscale_i = max(|y_i|, ' +
    'Σ_j |J_ij x_j|). A bug is resolvable in full mode when some entry of a pair it changes moves by more than ' +
    "c·ν_i/ε, c = $($judge::ResolutionFactor), ε = 1e-7 (the change measured against the correct numpy " +
    'backward); in VJP mode when some entry of uᵀJ moves by more than c·ν/ε, ν = u·Σ_i |dout_i|·yscale_i. ' +
    'Unresolvable bugs are tallied apart. **Kink-only** bugs change J only in the columns of inputs that sit ' +
    'exactly on a kink (ReLU inputs exactly 0, where torch takes the left derivative; tied max-pool maxima, where ' +
    'torch routes to the first): every such column of theirs is one of torch''s one-sided columns there, so no ' +
    'finite difference can tell them from the truth; they are tallied apart too, whatever the verdict.')
$lines.Add('')
$lines.Add('**Counting.** False alarm: a correct backward called Wrong. Missed: a resolvable bug called Correct. ' +
    'Wrongly named: a resolvable bug called Wrong whose failing pairs (VJP mode: input blocks) include one the bug ' +
    'leaves unchanged (innocent blamed), or leave out one it changes by ≥ 1e-3 relative and resolvably. ' +
    'Inconclusive comes only from our rule.')
$lines.Add('')
$lines.Add('## All cases')
$lines.Add('')
$lines.Add("| Rule $header")
$lines.Add('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
foreach ($rule in $rules) {
    $lines.Add("| $((Get-Title $rule)) | $(Format-TallyCells (Get-Tally 'all' $rule $rows))")
}
$lines.Add('')
$lines.Add('## Per family, the rules side by side')
$lines.Add('')
$lines.Add('Each cell: false alarms / misses / Inconclusive (correct and resolvable bug) / wrongly named, out of ' +
    'the family''s correct and resolvable buggy variants.')
$lines.Add('')
$titles = ($rules | ForEach-Object { Get-Title $_ }) -join ' | '
$lines.Add("| Family | Cases | Correct | Resolvable bugs | $titles |")
$lines.Add('|---|---:|---:|---:|' + (($rules | ForEach-Object { '---:' }) -join '|') + '|')
foreach ($group in @($families) + 'all') {
    $of = if ($group -eq 'all') { $rows } else { @($rows | Where-Object { $_.Case.Family -eq $group }) }
    $name = if ($group -eq 'all') { '**all**' } else { $group }
    $count = @($cases | Where-Object { $group -eq 'all' -or $_.Family -eq $group }).Count
    $ours = Get-Tally $group 'Ours' $of
    $cells = foreach ($rule in $rules) {
        $t = Get-Tally $group $rule $of
        "$($t.FalseAlarms) / $($t.Missed) / $($t.CleanInconclusive + $t.BugInconclusive) / $($t.WronglyNamed)"
    }
    $lines.Add("| $name | $count | $($ours.Clean) | $($ours.Resolvable) | $($cells -join ' | ') |")
}
foreach ($rule in $rules) {
    $lines.Add('')
    $lines.Add("## Per family: $((Get-Title $rule))")
    $lines.Add('')
    Add-RuleTable $lines $rule
}
$lines.Add('')
$lines.Add('## Per bug kind')
$lines.Add('')
$lines.Add('Resolvable bugs called Wrong / resolvable bugs of the kind, per rule; in brackets, of those, named right.')
$lines.Add('')
$lines.Add('| Family | Bug kind | ' + (($rules | ForEach-Object { Get-Title $_ }) -join ' | ') + ' | apart |')
$lines.Add('|---|---|' + (($rules | ForEach-Object { '---:' }) -join '|') + '|---:|')
foreach ($family in $families) {
    $kinds = @($cases | Where-Object Family -EQ $family | ForEach-Object { $_.Bugs.Kind } | Select-Object -Unique)
    foreach ($kind in $kinds) {
        $of = @($buggy | Where-Object { $_.Case.Family -eq $family -and $_.Kind -eq $kind })
        $cells = foreach ($rule in $rules) {
            $res = @($of | Where-Object { -not $_.Bug.KinkOnly -and $_.IsResolvable($rule) })
            $wrong = @($res | Where-Object { $_.Verdict($rule).Verdict -eq 'Wrong' })
            $right = @($res | Where-Object { $_.OutcomeOf($rule) -eq 'Caught' })
            "$(Format-Count $wrong.Count $res.Count) ($($right.Count))"
        }
        $apart = @($of | Where-Object { $_.Bug.KinkOnly -or -not $_.IsResolvable('Ours') }).Count
        $lines.Add("| $family | $kind | $($cells -join ' | ') | $apart |")
    }
}
$lines.Add('')
$lines.Add('## Bugs tallied apart')
$lines.Add('')
$apart = @($buggy | Where-Object {
        $_.Bug.KinkOnly -or -not $_.IsResolvable('Ours') -or -not $_.IsResolvable('OursVjp') })
if ($apart.Count -eq 0) { $lines.Add('None.') }
else {
    $lines.Add("| Variant | Why | Resolvability full / VJP | $titles |")
    $lines.Add('|---|---|---:|' + (($rules | ForEach-Object { '---' }) -join '|') + '|')
    foreach ($row in $apart) {
        $why = if ($row.Bug.KinkOnly) { "kink-only$(if ($row.Bug.OneSided) { ', one-sided' })" } else { 'unresolvable' }
        $cells = foreach ($rule in $rules) { "$($row.Verdict($rule))" }
        $lines.Add(('| {0} | {1} | {2:G3} / {3:G3} | {4} |' -f $row.Name, $why, $row.Resolvability('Ours'),
                $row.Resolvability('OursVjp'), ($cells -join ' | ')))
    }
    $lines.Add('')
    foreach ($row in $apart) { $lines.Add("- $($row.Name): $($row.Bug.Description). $($row.Case.Note).") }
}
$lines.Add('')
$lines.Add('## Cases our rule gets wrong')
$lines.Add('')
$wrong = @(foreach ($rule in 'Ours', 'OursVjp') {
        foreach ($row in $rows) { if (-not $row.IsRight($rule)) { [pscustomobject]@{ Rule = $rule; Row = $row } } }
    })
if ($wrong.Count -eq 0) {
    $lines.Add('None.')
}
else {
    $lines.Add('Anything other than a correct backward called Correct, a resolvable bug caught and named right, or a ' +
        'bug tallied apart. "truth" is torch autograd''s; "reference" the estimate the entry was judged against.')
    $lines.Add('')
    $lines.Add('| Variant | Mode | Condition | Outcome | Verdict (failing pairs or blocks) | Bug changes | ' +
        'Resolvability |')
    $lines.Add('|---|---|---|---|---|---|---:|')
    foreach ($w in $wrong) {
        $row = $w.Row
        $changes = if ($row.IsBuggy) { ($row.Bug.Changed -join ', ') } else { '–' }
        $mode = if ($w.Rule -eq 'Ours') { 'full' } else { 'VJP' }
        $lines.Add(('| {0} | {1} | {2} | {3} | {4} | {5} | {6:G3} |' -f $row.Name, $mode, $row.Case.Condition,
                $row.OutcomeOf($w.Rule), $row.Verdict($w.Rule), $changes, $row.Resolvability($w.Rule)))
    }
    $lines.Add('')
    $lines.Add('```')
    foreach ($w in $wrong) { $lines.Add($w.Row.Explain($w.Rule).TrimEnd()); $lines.Add('') }
    $lines.Add('```')
}

$text = $lines -join [Environment]::NewLine
$text
Set-Content -Path $OutputPath -Value $text -Encoding utf8NoBOM
Write-Host ("Wrote {0} ({1} variants of {2} cases, {3:N1} s)." -f (Resolve-Path $OutputPath), $rows.Count,
    $cases.Count, $clock.Elapsed.TotalSeconds)
