<#
.SYNOPSIS
    The network corpus in float32: every case of Corpus.cs built with -Precision Single (forward and backward in
    float32, as a user's float32 implementation runs) and checked at the default options with the case's gradient.
.DESCRIPTION
    The gradient under test is the corpus's own (torch-verified in float64, with the planted bug); the cost is the
    float32 network's. A bug counts by its effect relative to its block (CorpusCase.Effect): every bug of effect
    ≥ 1e-2 should be Wrong, and no correct gradient Wrong. Writes tests/corpus/FLOAT32.md.
.EXAMPLE
    dotnet pwsh ./build.ps1; dotnet pwsh -NoProfile -File tests/corpus/Invoke-Float32NetworkReport.ps1
#>
param(
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../../out/GradCheck/GradCheck.psd1'),
    [uint32] $Seed = 4,
    [int] $Count = 240,
    [string] $OutputPath = (Join-Path $PSScriptRoot 'FLOAT32.md')
)
$ErrorActionPreference = 'Stop'
$clock = [Diagnostics.Stopwatch]::StartNew()
Import-Module $ModuleManifest -Force
if (-not ('GradCheck.Corpus.CorpusGenerator' -as [type])) {
    $core = [GradCheck.GradientChecker].Assembly.Location
    # Every file of the corpus: Corpus.cs and one file per other type.
    Add-Type -Path (Get-ChildItem $PSScriptRoot -Filter *.cs).FullName -ReferencedAssemblies @(
        $core, 'netstandard', 'System.Linq', 'System.Collections', 'System.Collections.Specialized')
}

# Resolvable in float32: some entry the bug changes moves by more than 10·ν/h*ᵢ, ν = 2⁻²⁴·|J| one float32 rounding of
# the cost and h*ᵢ = (3u)^⅓·max(1, |θᵢ|) the centred step with the least truncation plus rounding; the rule of the
# float32 user corpus, independent of the steps the checker takes (a kink within reach of h*ᵢ still counts as resolvable).
$BestStep = [Math]::Pow(3 * [Math]::Pow(2, -24), 1 / 3)
function Test-Resolvable($Case, [double] $Cost, [double[]] $Theta) {
    $nu = [Math]::Pow(2, -24) * [Math]::Abs($Cost)
    for ($i = 0; $i -lt $Theta.Count; $i++) {
        $move = [Math]::Abs($Case.Gradient[$i] - $Case.CleanGradient[$i])
        if ($move * $BestStep * [Math]::Max(1, [Math]::Abs($Theta[$i])) -gt 10 * $nu) { return $true }
    }
    $false
}

$cases = [GradCheck.Corpus.CorpusGenerator]::Generate($Seed, $Count)
$rows = foreach ($case in $cases) {
    $definition = $case.Definition()
    $definition.Precision = [GradCheck.Precision]::Single
    $network = [GradCheck.Network]::Create($definition)
    $theta = $network.ToParameterVector().Values
    # A correct case is checked against the float32 network's own backprop, as a float32 user's would be; a buggy
    # one against the corpus's gradient with its bug (float64, which float32 rounding cannot tell apart).
    $gradient = if ($case.IsBuggy) { $case.Gradient.Clone() } else { $null }
    $r = [GradCheck.GradientChecker]::new().Check($network.CreateObjective(), $theta, $gradient)
    $size = if (-not $case.IsBuggy) { 'correct' } elseif (-not (Test-Resolvable $case $r.Cost $theta)) { 'unresolvable' }
    elseif ($case.Effect -ge 1e-2) { '≥ 1e-2' } elseif ($case.Effect -ge 1e-3) { '1e-3 … 1e-2' } else { '< 1e-3' }
    [pscustomobject]@{ Case = $case; Size = $size; Verdict = $r.Verdict; Precision = $r.Precision }
}

$lines = [Collections.Generic.List[string]]::new()
$lines.Add('# The network corpus in float32')
$lines.Add('')
$lines.Add("GradCheck $((Get-Module GradCheck).Version); the $Count networks of ``Corpus.cs`` (seed $Seed) built " +
    'with `-Precision Single`, so that forward and backward run in float32, and checked at the default options: ' +
    "a correct case against the float32 network's own backprop, a buggy one against the case's gradient with its " +
    "planted bug. Bugs are grouped by their effect relative to their block (Corpus.cs); *unresolvable* ones " +
    'move no entry they change by more than 10·ν/h*ᵢ (ν = 2⁻²⁴·|J|, h*ᵢ = (3u)^⅓·max(1, |θᵢ|) ≈ 5.6e-3·max(1, |θᵢ|)), ' +
    'so that no centred difference of the float32 cost can see them. Written by ' +
    "``Invoke-Float32NetworkReport.ps1`` in $([Math]::Round($clock.Elapsed.TotalSeconds)) s.")
$lines.Add('')
$lines.Add('| Gradient | Cases | Correct | Wrong | Inconclusive |')
$lines.Add('|---|---:|---:|---:|---:|')
foreach ($size in 'correct', '≥ 1e-2', '1e-3 … 1e-2', '< 1e-3', 'unresolvable') {
    $of = @($rows | Where-Object Size -EQ $size)
    if ($of.Count -eq 0) { continue }
    $tally = { param($v) @($of | Where-Object { $_.Verdict -eq $v }).Count }
    $lines.Add("| $size | $($of.Count) | $(& $tally 'Correct') | $(& $tally 'Wrong') | $(& $tally 'Inconclusive') |")
}
$lines.Add('')
$lines.Add('Every check ran in ' + ((@($rows.Precision | Select-Object -Unique) -join ', ')) + ' precision.')
$wrongs = @($rows | Where-Object { ($_.Size -eq 'correct' -and $_.Verdict -eq 'Wrong') -or
        ($_.Size -eq '≥ 1e-2' -and $_.Verdict -eq 'Correct') })
if ($wrongs.Count -gt 0) {
    $lines.Add('')
    $lines.Add('False alarms and missed resolvable bugs of effect ≥ 1e-2:')
    $lines.Add('')
    foreach ($w in $wrongs) { $lines.Add("- $($w.Case) → $($w.Verdict)") }
}
Set-Content -Path $OutputPath -Value $lines -Encoding utf8
"Wrote $OutputPath ($Count networks, $([Math]::Round($clock.Elapsed.TotalSeconds, 1)) s)."
