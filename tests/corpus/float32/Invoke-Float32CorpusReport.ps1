#Requires -Version 7.2
<#
.SYNOPSIS
    Runs the float32 verdict corpus (Float32Layers.cs, Float32Corpus.cs) under five rules and reports how each fares.
.DESCRIPTION
    Every variant of every case (its correct float32 gradient, and each buggy one) is checked by GradientChecker on
    the float32 layer wrapped by SinglePrecisionObjective.Wrap, with CheckOptions.Precision = Single and with the
    default options, and at the default options behind a double interface that does not declare float32. torch's
    gradcheck rule and JAX's check_grads rule are applied in float32 to the same C# forward. Prints a markdown report
    and writes it to tests/corpus/float32/REPORT.md.
.EXAMPLE
    dotnet pwsh ./build.ps1; dotnet pwsh -NoProfile -File tests/corpus/float32/Invoke-Float32CorpusReport.ps1
#>
[CmdletBinding()]
param(
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../../../out/GradCheck/GradCheck.psd1'),
    [string] $FixturePath = (Join-Path $PSScriptRoot 'fixtures/float32_cases.json'),
    [string] $OutputPath = (Join-Path $PSScriptRoot 'REPORT.md')
)

$ErrorActionPreference = 'Stop'
$clock = [Diagnostics.Stopwatch]::StartNew()
Import-Module $ModuleManifest -Force
if (-not ('GradCheck.Float32Corpus.Float32Judge' -as [type])) {
    # The Core assembly the module loaded, wherever it lives.
    $core = [GradCheck.GradientChecker].Assembly.Location
    # Every file of the corpus: Float32Layers.cs, Float32Corpus.cs and one file per other type.
    Add-Type -Path (Get-ChildItem $PSScriptRoot -Filter *.cs).FullName `
        -ReferencedAssemblies @($core, 'netstandard', 'System.Linq', 'System.Collections', 'System.Runtime',
        'System.IO', 'System.Runtime.Extensions')
}

$judge = [GradCheck.Float32Corpus.Float32Judge]
$cases = [GradCheck.Float32Corpus.Float32Case]::Load($FixturePath)
$rows = $judge::RunAll($cases)
$rules = $judge::Rules
$families = @($cases.Family | Select-Object -Unique)
$conditions = @($cases.Condition | Select-Object -Unique)
$kinds = @($cases | ForEach-Object { $_.Bugs.Kind } | Select-Object -Unique)
$sizes = [GradCheck.Float32Corpus.EffectSize].GetEnumNames()
$buggy = @($rows | Where-Object IsBuggy)
$resolvable = @($buggy | Where-Object IsResolvable)
$clean = @($rows | Where-Object { -not $_.IsBuggy })
# Which sources the module was built from, as far as git can tell: the last commit that touched src/ (the module is
# assumed to be built from the worktree it is run in).
$commit = try { (git -C $PSScriptRoot log -1 --format=%h -- ../../../src 2>$null) } catch { $null }
if (-not $commit) { $commit = 'unknown' }

# Rule titles carry |a−n|: escaped, so that they do not split a markdown table's cells.
function Get-Title($Rule) { $judge::Title($Rule).Replace('|', '\|') }

function Format-Count([int] $Part, [int] $Whole) { if ($Whole -eq 0) { '–' } else { "$Part / $Whole" } }

function Format-Number([double] $Value) { $Value.ToString('G3', [Globalization.CultureInfo]::InvariantCulture) }

function Get-TallyCells($Rule, $Rows) {
    $t = $judge::Tally('', $Rule, [GradCheck.Float32Corpus.Float32Row[]]@($Rows))
    # JAX names no block: its wrongly-named column would always read 0.
    $named = if ("$Rule" -eq 'Jax') { 'n/a | n/a' }
    else { "$(Format-Count $t.WronglyNamed $t.Caught) | $($t.InnocentBlamed)" }
    "$(Format-Count $t.FalseAlarms $t.Clean) | $(Format-Count $t.CleanInconclusive $t.Clean) | " +
    "$(Format-Count $t.Missed $t.Resolvable) | $(Format-Count $t.BugInconclusive $t.Resolvable) | $named | " +
    "$($t.UnresolvableCorrect) / $($t.UnresolvableWrong) / $($t.UnresolvableInconclusive) of $($t.Unresolvable)"
}

$header = '| False alarms | Inconclusive (correct) | Missed (resolvable) | Inconclusive (resolvable bug) | ' +
'Wrongly named | of which innocent blamed | Unresolvable: Correct / Wrong / Inconclusive |'
$rule7 = '|---|---:|---:|---:|---:|---:|---:|---:|'

function Add-RuleTable($Lines, $Rule, [string] $GroupTitle, [string[]] $Groups, [scriptblock] $Select) {
    $Lines.Add("| $GroupTitle $header")
    $Lines.Add($rule7)
    foreach ($group in @($Groups) + 'all') {
        $of = if ($group -eq 'all') { $rows } else { @($rows | Where-Object { & $Select $_ $group }) }
        $name = if ($group -eq 'all') { '**all**' } else { $group }
        $Lines.Add("| $name | $(Get-TallyCells $Rule $of) |")
    }
}

$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add('# Float32 verdict corpus report')
$lines.Add('')
$lines.Add("GradCheck $((Get-Module GradCheck).Version), built from src/ as of commit $commit; $($cases.Count) cases over " +
    "$($families.Count) families (tests/corpus/float32/fixtures/float32_cases.json, from make_float32_corpus.py): " +
    "$($clean.Count) correct float32 gradients (torch autograd on torch's float32 forward) and $($buggy.Count) " +
    "buggy ones (hand-written backward passes run in float32), $($resolvable.Count) of them resolvable in float32. " +
    'Every cost is computed in float32 by the C# layers of tests/corpus/float32/ (Float32Layer and one file per ' +
    'family; float arithmetic, MathF).')
$lines.Add('')
$lines.Add('**Rules.** *Ours* is `GradientCheckResult.Verdict` and `FailedBlocks`, three ways: the layer wrapped by ' +
    '`SinglePrecisionObjective.Wrap` (which declares single precision) and checked with `CheckOptions.Precision = ' +
    'Precision.Single`; the same at the default options (Precision and ε left unset); and at the default options ' +
    'behind a plain `IGradientObjective` that rounds θ to float and says nothing of its precision (undeclared: the ' +
    'checker must find out from the costs). *torch* is torch.autograd.gradcheck''s default rule on a float32 input ' +
    '(eps = 1e-6, atol = 1e-5, rtol = 1e-3; each θᵢ ± eps rounded to float32, the difference and the division by ' +
    '2·eps in float32; an entry fails when |a − n| > atol + rtol·|n|). *JAX* is `jax.test_util.check_grads(f, (θ,), ' +
    'order=1, modes=["rev"])` in float32 (jax/_src/public_test_util.py: EPS = 1e-4, default_gradient_tolerance' +
    '[float32] = 2e-3 as both atol and rtol, scaled by the size of the compared value, 1 here): one tangent v and ' +
    'one cotangent ct from np.random.RandomState(0).randn, ip = ⟨v, ct·g⟩ against ip_num = ct·(J(θ+εv) − ' +
    'J(θ−εv))·0.5/ε, all float32, failing when |ip − ip_num| > 2e-3 + 2e-3·|ip_num| (numpy''s assert_allclose). ' +
    'It names no block. modes=["rev"] because a hand-written gradient is a custom VJP, which JAX cannot ' +
    'differentiate forward. Both torch''s and JAX''s rules are emulated in C# on the C# forward; the fixture holds ' +
    'what torch.autograd.gradcheck itself and the same JAX emulation in numpy said on torch''s float32 forward ' +
    '(agreement below).')
$lines.Add('')
$lines.Add('**Resolvability.** ν is the rounding of one float32 cost: max(2⁻²⁴·|J|, σ), with σ the RMS of ' +
    "J_C#,float32 − J_torch,float64 over the case's $($cases[0].Probes.Count) probe points near θ (where the forward " +
    'cancels, its rounding is many times 2⁻²⁴·|J|). hᵢ = h*·max(1, |θᵢ|), h* = (3u)^⅓ = ' +
    "$('{0:G3}' -f [GradCheck.Float32Corpus.Float32Row]::BestStep) (u = 2⁻²⁴), the centred step with the least truncation plus rounding, whatever steps the checker takes. A bug is resolvable when some entry i of a block it " +
    "changes moves (float64 buggy backward − float64 truth) by more than c·ν/hᵢ, c = $($judge::ResolutionFactor). " +
    'Unresolvable bugs are tallied apart. The rule counts rounding only: a bug hidden by truncation still counts as ' +
    'resolvable, and a verdict that cannot see it should say Inconclusive rather than Correct.')
$lines.Add('')
$lines.Add('**Counting.** False alarm: a correct gradient called Wrong. Missed: a resolvable bug called Correct. ' +
    'Wrongly named: a resolvable bug called Wrong whose failing blocks include one the bug leaves unchanged ' +
    '(innocent blamed), or leave out one it changes by ≥ 1e-3 relative and resolvably. Effect: the largest ' +
    '‖g_bug − g‖₂ / ‖g‖₂ over the blocks the bug changes (float64); Large ≥ 1e-2, Small in [1e-3, 1e-2), ' +
    'Tiny < 1e-3.')
$lines.Add('')

# ---------------------------------------------------------------- targets
$falseSingle = @($clean | Where-Object { $_.OutcomeOf('OursSingle') -eq 'FalseAlarm' })
$falseDefault = @($clean | Where-Object { $_.OutcomeOf('OursDefault') -eq 'FalseAlarm' })
$missedDefault = @($resolvable | Where-Object { $_.Verdict('OursDefault').Verdict -eq 'Correct' })
$anyCorrectDefault = @($buggy | Where-Object { $_.Verdict('OursDefault').Verdict -eq 'Correct' })
$large = @($resolvable | Where-Object { $_.EffectSize -eq 'Large' })
$largeCaught = @($large | Where-Object { $_.Verdict('OursSingle').Verdict -eq 'Wrong' })
$largeUnresolvable = @($buggy | Where-Object { $_.EffectSize -eq 'Large' -and -not $_.IsResolvable })
$lines.Add('## Targets')
$lines.Add('')
$lines.Add('| Target | This run |')
$lines.Add('|---|---|')
$lines.Add("| 0 false alarms, Precision = Single | $($falseSingle.Count) of $($clean.Count) |")
$lines.Add("| 0 false alarms, default options | $($falseDefault.Count) of $($clean.Count) |")
$lines.Add("| no resolvable bug called Correct at the default options | $($missedDefault.Count) of " +
    "$($resolvable.Count) called Correct |")
$lines.Add("| (and of all bugs, resolvable or not, called Correct at the default options) | " +
    "$($anyCorrectDefault.Count) of $($buggy.Count) |")
$lines.Add("| every resolvable bug of effect ≥ 1e-2 called Wrong, Precision = Single | $($largeCaught.Count) of " +
    "$($large.Count) (and $($largeUnresolvable.Count) bugs of effect ≥ 1e-2 float32 cannot resolve) |")
$lines.Add('')

$lines.Add('## All cases')
$lines.Add('')
$lines.Add("| Rule $header")
$lines.Add($rule7)
foreach ($rule in $rules) { $lines.Add("| $(Get-Title $rule) | $(Get-TallyCells $rule $rows) |") }
$lines.Add('')

$lines.Add('## By effect size')
$lines.Add('')
$lines.Add('Resolvable bugs called Wrong / resolvable bugs of the size; then the bugs of that size float32 cannot ' +
    'resolve, and how many of those each rule calls Correct.')
$lines.Add('')
$lines.Add('| Effect | ' + (($rules | ForEach-Object { Get-Title $_ }) -join ' | ') + ' | unresolvable | ' +
    'unresolvable called Correct (' + (($rules | ForEach-Object { "$_" }) -join ', ') + ') |')
$lines.Add('|---|' + (($rules | ForEach-Object { '---:' }) -join '|') + '|---:|---:|')
foreach ($size in $sizes) {
    $of = @($resolvable | Where-Object { "$($_.EffectSize)" -eq $size })
    $cells = foreach ($rule in $rules) {
        Format-Count @($of | Where-Object { $_.Verdict($rule).Verdict -eq 'Wrong' }).Count $of.Count
    }
    $hidden = @($buggy | Where-Object { "$($_.EffectSize)" -eq $size -and -not $_.IsResolvable })
    $quiet = foreach ($rule in $rules) { @($hidden | Where-Object { $_.Verdict($rule).Verdict -eq 'Correct' }).Count }
    $label = switch ($size) {
        'Large' { '≥ 1e-2' }
        'Small' { '1e-3 … 1e-2' }
        'Tiny' { '< 1e-3' }
        default { throw "No such effect size: $size" }
    }
    $lines.Add("| $label | $($cells -join ' | ') | $($hidden.Count) | $($quiet -join ' / ') |")
}
$lines.Add('')

foreach ($rule in $rules) {
    $lines.Add("## Per family: $(Get-Title $rule)")
    $lines.Add('')
    Add-RuleTable $lines $rule 'Family' $families { param($row, $g) $row.Case.Family -eq $g }
    $lines.Add('')
}
foreach ($rule in 'OursSingle', 'OursDefault') {
    $lines.Add("## Per condition: $(Get-Title $rule)")
    $lines.Add('')
    Add-RuleTable $lines $rule 'Condition' $conditions { param($row, $g) $row.Case.Condition -eq $g }
    $lines.Add('')
}

$lines.Add('## Per bug kind')
$lines.Add('')
$lines.Add('Resolvable bugs called Wrong / resolvable bugs of the kind, per rule; in brackets, of those, named right ' +
    '(JAX names no block).')
$lines.Add('')
$lines.Add('| Bug kind | ' + (($rules | ForEach-Object { Get-Title $_ }) -join ' | ') + ' | unresolvable |')
$lines.Add('|---|' + (($rules | ForEach-Object { '---:' }) -join '|') + '|---:|')
foreach ($kind in $kinds) {
    $of = @($resolvable | Where-Object Kind -EQ $kind)
    $cells = foreach ($rule in $rules) {
        $wrong = @($of | Where-Object { $_.Verdict($rule).Verdict -eq 'Wrong' })
        $right = @($of | Where-Object { $_.OutcomeOf($rule) -eq 'Caught' })
        "$(Format-Count $wrong.Count $of.Count) ($($right.Count))"
    }
    $hidden = @($buggy | Where-Object { $_.Kind -eq $kind -and -not $_.IsResolvable }).Count
    $lines.Add("| $kind | $($cells -join ' | ') | $hidden |")
}
$lines.Add('')

$lines.Add('## Which bugs float32 can resolve')
$lines.Add('')
$lines.Add('Every bug: its effect relative to its block, its resolvability (the largest move in units of ν/h; ' +
    "resolvable above $($judge::ResolutionFactor)), and each rule's verdict (C = Correct, W = Wrong, " +
    'I = Inconclusive; ours and torch with the blocks they name).')
$lines.Add('')
$lines.Add('| Bug | Condition | Changes | Effect | Resolvability | Resolvable | ' +
    (($rules | ForEach-Object { "$_" }) -join ' | ') + ' |')
$lines.Add('|---|---|---|---:|---:|---|' + (($rules | ForEach-Object { '---' }) -join '|') + '|')
foreach ($row in $buggy) {
    $cells = foreach ($rule in $rules) {
        $v = $row.Verdict($rule)
        $letter = "$($v.Verdict)".Substring(0, 1)
        if ($v.Named.Count -gt 0) { "$letter {$($v.Named -join ',')}" } else { $letter }
    }
    $lines.Add("| $($row.Name) | $($row.Case.Condition) | $($row.Bug.Changed -join ',') | " +
        "$(Format-Number $row.Effect) | $(Format-Number $row.Resolvability) | " +
        "$(if ($row.IsResolvable) { 'yes' } else { '**no**' }) | $($cells -join ' | ') |")
}
$lines.Add('')

$lines.Add('## The C# layers against torch')
$lines.Add('')
$lines.Add('Per case: the largest |J_C# − J_torch| in float32 over θ and the probes, in ulps of J and in units of ' +
    'max(ulp(J), σ_torch), σ_torch being the RMS of torch''s own float32 − float64 error over the probes; σ_C# the ' +
    "same for the C# forward; ν/(2⁻²⁴·|J|). The Pester test holds the second column to $($judge::FidelityFactor).")
$lines.Add('')
$lines.Add('| Case | max ulps | in max(ulp, σ_torch) | σ_torch / ulp | σ_C# / ulp | ν / (2⁻²⁴·\|J\|) |')
$lines.Add('|---|---:|---:|---:|---:|---:|')
foreach ($row in $clean) {
    $n = $row.Numerics
    $lines.Add("| $($row.Case.Id) | $(Format-Number $n.FidelityUlps) | $(Format-Number $n.Fidelity) | " +
        "$(Format-Number ($n.TorchSigma / $n.Ulp)) | $(Format-Number ($n.Sigma / $n.Ulp)) | " +
        "$(Format-Number ($n.Nu / ($judge::FloatRoundoff * [math]::Abs($row.Case.J)))) |")
}
$lines.Add('')

$torchAgree = @($rows | Where-Object { ($_.Verdict('Torch').Verdict -eq 'Correct') -eq $_.TorchGradcheck })
$torchBlocks = @($rows | Where-Object { ($_.Verdict('Torch').Named -join ',') -eq ($_.TorchFailedOnTorch -join ',') })
$jaxAgree = @($rows | Where-Object { ($_.Verdict('Jax').Verdict -eq 'Correct') -eq $_.JaxPassedOnTorch })
$lines.Add('## torch''s and JAX''s rules on torch''s own forward')
$lines.Add('')
$lines.Add("torch.autograd.gradcheck itself (on torch's float32 forward, in make_float32_corpus.py) agrees with " +
    "the C# emulation on the C# forward for $($torchAgree.Count) of $($rows.Count) variants (the same failing " +
    "blocks for $($torchBlocks.Count)); the JAX emulation on torch's forward agrees with the one on the C# " +
    "forward for $($jaxAgree.Count) of $($rows.Count).")
$jaxDiffer = @($rows | Where-Object { ($_.Verdict('Jax').Verdict -eq 'Correct') -ne $_.JaxPassedOnTorch })
foreach ($row in $jaxDiffer) {
    $lines.Add("- $($row.Name): JAX on C# $($row.Verdict('Jax').Verdict) (ip $(Format-Number $row.JaxProduct), " +
        "ip_num $(Format-Number $row.JaxNumerical)), on torch " +
        "$(if ($row.JaxPassedOnTorch) { 'Correct' } else { 'Wrong' })")
}
$lines.Add('')

foreach ($rule in 'OursSingle', 'OursDefault', 'OursUndeclared') {
    $lines.Add("## Variants $(Get-Title $rule) gets wrong")
    $lines.Add('')
    $wrong = @($rows | Where-Object { -not $_.IsRight($rule) })
    if ($wrong.Count -eq 0) {
        $lines.Add('None.')
        $lines.Add('')
        continue
    }
    $lines.Add('Noise is the checker''s measured σ_J over ν. "truth" is torch autograd''s float64 gradient; ' +
        '"reference" the estimate the entry was judged against, with its method and step.')
    $lines.Add('')
    $lines.Add('| Variant | Condition | Outcome | Verdict (failing blocks) | Bug changes | Effect | Resolvability | ' +
        'Precision used |')
    $lines.Add('|---|---|---|---|---|---:|---:|---|')
    foreach ($row in $wrong) {
        $changes = if ($row.IsBuggy) { ($row.Bug.Changed -join ',') } else { '–' }
        $lines.Add("| $($row.Name) | $($row.Case.Condition) | $($row.OutcomeOf($rule)) | $($row.Verdict($rule)) | " +
            "$changes | $(Format-Number $row.Effect) | $(Format-Number $row.Resolvability) | " +
            "$($row.CheckOf($rule).Precision) |")
    }
    $lines.Add('')
    $lines.Add('```')
    foreach ($row in $wrong) { $lines.Add($row.Explain($rule).TrimEnd()); $lines.Add('') }
    $lines.Add('```')
    $lines.Add('')
}

$text = ($lines -join [Environment]::NewLine).TrimEnd()
$text
Set-Content -Path $OutputPath -Value $text -Encoding utf8NoBOM
Write-Host ("Wrote {0} ({1} variants of {2} cases, {3:N1} s)." -f (Resolve-Path $OutputPath), $rows.Count,
    $cases.Count, $clock.Elapsed.TotalSeconds)
