#Requires -Version 7.2
<#
.SYNOPSIS
    Runs the verdict corpus (Corpus.cs) under three rules and reports how each one fares.
.DESCRIPTION
    Every case is checked at ε = 1e-7 with GradientChecker's default options (our rule and the course's
    difference < 2e-7) and at ε = 1e-6 (torch.autograd.gradcheck's |a − n| ≤ 1e-5 + 1e-3·|n|). Prints a
    markdown report and writes the same to tests/corpus/REPORT.md.
.EXAMPLE
    dotnet pwsh ./build.ps1; dotnet pwsh -NoProfile -File tests/corpus/Invoke-VerdictReport.ps1
#>
[CmdletBinding()]
param(
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../../out/GradCheck/GradCheck.psd1'),
    [uint32] $Seed = 4,
    [int] $Count = 240,
    [string] $OutputPath = (Join-Path $PSScriptRoot 'REPORT.md')
)

$ErrorActionPreference = 'Stop'
$clock = [Diagnostics.Stopwatch]::StartNew()
Import-Module $ModuleManifest -Force
if (-not ('GradCheck.Corpus.CorpusGenerator' -as [type])) {
    $core = Join-Path (Split-Path (Get-Module GradCheck).Path) 'GradCheck.Core.dll'
    # Every file of the corpus: Corpus.cs and one file per other type.
    Add-Type -Path (Get-ChildItem $PSScriptRoot -Filter *.cs).FullName -ReferencedAssemblies @(
        $core, 'netstandard', 'System.Linq', 'System.Collections', 'System.Collections.Specialized')
}

$cases = [GradCheck.Corpus.CorpusGenerator]::Generate($Seed, $Count)
$rows = [GradCheck.Corpus.VerdictCorpus]::RunAll($cases)
$tallies = [GradCheck.Corpus.VerdictCorpus]::Tally($rows)
$byKind = [GradCheck.Corpus.VerdictCorpus]::ByKind($rows)
$rules = [GradCheck.Corpus.Rules]::All

function Format-Count([int] $Part, [int] $Whole) { if ($Whole -eq 0) { '–' } else { "$Part / $Whole" } }

$buggy = @($cases | Where-Object IsBuggy)
$small = @($buggy | Where-Object { $_.Effect -lt [GradCheck.Corpus.VerdictCorpus]::SmallEffect })
$near = @($cases | Where-Object NearKink)
$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add('# Verdict corpus report')
$lines.Add('')
$lines.Add("GradCheck $((Get-Module GradCheck).Version); corpus seed ${Seed}: $($cases.Count) cases, $($near.Count) with a hidden ReLU/LeakyReLU " +
    "pre-activation within 1e-9..1e-7 of its kink, $($buggy.Count) with one bug ($($buggy.Count - $small.Count) of block-relative effect ≥ 1e-3, $($small.Count) below).")
$largest = @($cases | ForEach-Object { ($_.CleanGradient | ForEach-Object { [math]::Abs($_) } | Measure-Object -Maximum).Maximum } | Where-Object { $_ -gt 0 } | Sort-Object)
$lines.Add(('The largest |gradient entry| of a case ranges from {0:G2} to {1:G2} (median {2:G2}); checks at ε = 1e-7 with default options, and at ε = 1e-6 for torch''s rule.' -f
        $largest[0], $largest[-1], $largest[[int][math]::Floor($largest.Count / 2)]))
$lines.Add('')
$lines.Add('| Rule | False alarms | Missed bugs (effect ≥ 1e-3, resolvable) | Missed, below resolution | Missed bugs (effect < 1e-3) | Wrongly named blocks | Cases |')
$lines.Add('|---|---:|---:|---:|---:|---:|---:|')
foreach ($t in $tallies) {
    $lines.Add("| $($t.Title) | $(Format-Count $t.FalseAlarms $t.CleanCases) | $(Format-Count $t.Missed ($t.LargeBugs - $t.UnresolvableBugs)) | " +
        "$(Format-Count $t.BelowResolution $t.UnresolvableBugs) | $(Format-Count $t.MissedSmall $t.SmallBugs) | $(Format-Count $t.WronglyNamed $t.Caught) | $($t.Cases) |")
}
$lines.Add('')
$lines.Add('Below resolution: in every block the bug changes by ≥ 1e-3 it moves a centred difference at ε = 1e-7 by less than one rounding unit of J (u·|J|/ε), ' +
    'so that no finite difference at that step can see it. Wrongly named: a caught bug whose named blocks include one the bug leaves unchanged, or leave out one ' +
    'it changes by ≥ 1e-3 and that is resolvable.')
$lines.Add('')
$lines.Add('False alarms by where the case sits:')
$lines.Add('')
$lines.Add('| Rule | Next to a kink | Away from kinks |')
$lines.Add('|---|---:|---:|')
$cleanNear = @($rows | Where-Object { -not $_.IsBuggy -and $_.NearKink })
$cleanAway = @($rows | Where-Object { -not $_.IsBuggy -and -not $_.NearKink })
foreach ($rule in $rules) {
    $a = @($cleanNear | Where-Object { -not $_.Verdict($rule).Passed }).Count
    $b = @($cleanAway | Where-Object { -not $_.Verdict($rule).Passed }).Count
    $lines.Add("| $([GradCheck.Corpus.Rules]::Title($rule)) | $(Format-Count $a $cleanNear.Count) | $(Format-Count $b $cleanAway.Count) |")
}
$lines.Add('')
$lines.Add('## By bug kind')
$lines.Add('')
$lines.Add('Caught / total per rule; in brackets, how many of those caught named the blocks right. For None, passed / total.')
$lines.Add('')
$lines.Add('| Bug kind | ' + (($rules | ForEach-Object { [GradCheck.Corpus.Rules]::Title($_) }) -join ' | ') + ' |')
$lines.Add('|---|' + (($rules | ForEach-Object { '---:' }) -join '|') + '|')
foreach ($kind in [Enum]::GetValues([GradCheck.Corpus.BugKind])) {
    $cells = foreach ($rule in $rules) {
        $k = $byKind | Where-Object { $_.Kind -eq $kind -and $_.Rule -eq $rule }
        if ($kind -eq 'None') { Format-Count $k.Passed $k.Total } else { "$(Format-Count $k.Caught $k.Total) ($($k.NamedRight))" }
    }
    $lines.Add("| $kind | $($cells -join ' | ') |")
}
$lines.Add('')
$lines.Add('## Cases GradCheck''s default rule gets wrong')
$lines.Add('')
$wrong = @($rows | Where-Object { -not $_.IsRight('GradCheck') -and $_.OutcomeOf('GradCheck') -notin 'MissedSmall', 'BelowResolution' })
if ($wrong.Count -eq 0) {
    $lines.Add('None.')
}
else {
    $lines.Add('Resolvability is max |g_bug − g| over u·|J|/ε, the change one rounding unit of J makes in a centred difference: ' +
        'below about 1 no finite difference at ε = 1e-7 can see the bug. Noise is the cost''s measured noise (ECnoise) in units of u·|J|. ' +
        '"exact" is the bug-free gradient; "numerical" the centred difference.')
    $lines.Add('')
    $lines.Add('| Case | Bug kind | Outcome | Effect | Next to a kink | Blocks at fault: change, resolvability | Noise / u·\|J\| |')
    $lines.Add('|---:|---|---|---:|---|---|---:|')
    foreach ($row in $wrong) {
        # At fault: the blocks the bug changes that the rule does not name, and the ones it names that the bug leaves alone.
        $named = @($row.GradCheck.Named)
        $fault = for ($b = 0; $b -lt $row.Case.Layout.Blocks.Count; $b++) {
            $name = $row.Case.Layout.Blocks[$b].Name
            $change = $row.Case.BlockChange[$b]
            if (($change -gt 0) -ne ($name -in $named)) { '{0} {1:G3}, {2:G3}' -f $name, $change, $row.BlockResolvability($b) }
        }
        $lines.Add(('| {0} | {1} | {2} | {3:G3} | {4} | {5} | {6:G3} |' -f $row.Id, $row.Kind, $row.OutcomeOf('GradCheck'), $row.Effect,
                $(if ($row.NearKink) { $row.Case.KinkAt } else { 'no' }), ($fault -join '; '), $row.NoiseRatio))
    }
    $lines.Add('')
    $lines.Add('```')
    foreach ($row in $wrong) {
        $lines.Add($row.Explain('GradCheck').TrimEnd())
        # The entries judged one-sided at a kink, where the result says so.
        $kinks = @($row.Check.Worst | Where-Object { $_.PSObject.Properties['Kink'] -and $_.Kink })
        if ($kinks) { $lines.Add('    kink entries: ' + (($kinks | ForEach-Object { '{0} {1} reference {2:G4}' -f $_.Name, $_.Method, $_.Reference }) -join '; ')) }
        $lines.Add('')
    }
    $lines.Add('```')
}

$text = $lines -join [Environment]::NewLine
$text
Set-Content -Path $OutputPath -Value $text -Encoding utf8NoBOM
Write-Host ("Wrote {0} ({1} cases, {2:N1} s)." -f (Resolve-Path $OutputPath), $cases.Count, $clock.Elapsed.TotalSeconds)
