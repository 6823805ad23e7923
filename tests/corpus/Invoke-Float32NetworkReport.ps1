<#
.SYNOPSIS
    The network corpus in float32: every case of Corpus.cs built with -Precision Single (forward and backward in
    float32, as a user's float32 implementation runs) and checked at the default options with the case's gradient.
.DESCRIPTION
    The gradient under test is the corpus's own (torch-verified in float64, with the planted bug); the cost is the
    float32 network's. A bug counts by its effect relative to its block (Corpus.cs's Effect): every bug of effect
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
    Add-Type -Path (Join-Path $PSScriptRoot 'Corpus.cs') -ReferencedAssemblies @(
        $core, 'netstandard', 'System.Linq', 'System.Collections', 'System.Collections.Specialized')
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
    $size = if (-not $case.IsBuggy) { 'correct' } elseif ($case.Effect -ge 1e-2) { '≥ 1e-2' }
    elseif ($case.Effect -ge 1e-3) { '1e-3 … 1e-2' } else { '< 1e-3' }
    [pscustomobject]@{ Case = $case; Size = $size; Verdict = $r.Verdict; Precision = $r.Precision }
}

$lines = [Collections.Generic.List[string]]::new()
$lines.Add('# The network corpus in float32')
$lines.Add('')
$lines.Add("GradCheck $((Get-Module GradCheck).Version); the $Count networks of ``Corpus.cs`` (seed $Seed) built " +
    'with `-Precision Single`, so that forward and backward run in float32, and checked at the default options: ' +
    "a correct case against the float32 network's own backprop, a buggy one against the case's gradient with its " +
    "planted bug. Written by ``Invoke-Float32NetworkReport.ps1`` in " +
    "$([Math]::Round($clock.Elapsed.TotalSeconds)) s. A bug's effect is relative to its block (Corpus.cs).")
$lines.Add('')
$lines.Add('| Gradient | Cases | Correct | Wrong | Inconclusive |')
$lines.Add('|---|---:|---:|---:|---:|')
foreach ($size in 'correct', '≥ 1e-2', '1e-3 … 1e-2', '< 1e-3') {
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
    $lines.Add('False alarms and missed bugs of effect ≥ 1e-2:')
    $lines.Add('')
    foreach ($w in $wrongs) { $lines.Add("- $($w.Case) → $($w.Verdict)") }
}
Set-Content -Path $OutputPath -Value $lines -Encoding utf8
"Wrote $OutputPath ($Count networks, $([Math]::Round($clock.Elapsed.TotalSeconds, 1)) s)."
