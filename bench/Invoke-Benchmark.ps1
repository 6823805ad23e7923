<#
.SYNOPSIS
    GradCheck against the course's numpy loop and torch.autograd.gradcheck, on the same machine in the same run.
.DESCRIPTION
    build.ps1 -Task Bench runs this. Each GradCheck figure comes from a fresh pwsh (Measure-GradCheck.ps1):
    the median of several runs after a warm-up, and the process's peak working set. The references use
    Debian's python3-numpy and python3-torch (apt-get install -y python3-numpy python3-torch); a reference
    that is not installed is skipped, and the table says so. Writes bench/RESULTS.md.
.PARAMETER Full
    Also runs torch's slow mode on the 108,801-parameter network (about 9 minutes on 2 cores).
#>
param(
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../out/GradCheck/GradCheck.psd1'),
    [string] $OutFile = (Join-Path $PSScriptRoot 'RESULTS.md'),
    [switch] $Full
)
$ErrorActionPreference = 'Stop'
$ModuleManifest = (Resolve-Path $ModuleManifest).Path
$Python = '/usr/bin/python3'

function Invoke-Ours([hashtable] $Arguments) {
    $list = foreach ($pair in $Arguments.GetEnumerator()) { "-$($pair.Key)"; if ($pair.Value -isnot [switch]) { ($pair.Value -join ',') } }
    $json = & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Measure-GradCheck.ps1') -ModuleManifest $ModuleManifest @list
    if ($LASTEXITCODE -ne 0) { throw "Measure-GradCheck.ps1 $($list -join ' ') failed." }
    $json | ConvertFrom-Json
}

function Test-Python([string] $Module) {
    if (-not (Test-Path $Python)) { return $false }
    & $Python -c "import $Module" 2>$null
    $LASTEXITCODE -eq 0
}

function Invoke-Reference([string] $Script, [string[]] $Arguments) {
    $json = & $Python (Join-Path $PSScriptRoot "reference/$Script") @Arguments 2>$null
    if ($LASTEXITCODE -ne 0) { Write-Warning "$Script $($Arguments -join ' ') failed."; return $null }
    $json | ConvertFrom-Json
}

function Format-Seconds($Seconds) {
    if ($null -eq $Seconds) { return '—' }
    if ($Seconds -lt 1) { return '{0:N1} ms' -f ($Seconds * 1000) }
    '{0:N2} s' -f $Seconds
}

function Format-Ratio($Reference, $Ours) {
    if ($null -eq $Reference -or -not $Ours) { return '—' }
    $ratio = $Reference / $Ours
    if ($ratio -ge 10) { '{0:N0}×' -f $ratio } else { '{0:0.##}×' -f $ratio }
}

$haveNumpy = Test-Python 'numpy'
$haveTorch = Test-Python 'torch'
$notes = [System.Collections.Generic.List[string]]::new()
if (-not $haveNumpy) { $notes.Add('numpy is not installed: its column is skipped (apt-get install -y python3-numpy).') }
if (-not $haveTorch) { $notes.Add('torch is not installed: its columns are skipped (apt-get install -y python3-torch).') }

Write-Host 'Import-Module and the 1-D check…'
$imports = 1..5 | ForEach-Object { (Invoke-Ours @{ Scenario = 'Import' }).milliseconds } | Sort-Object
$import = $imports[2]
$oneD = Invoke-Ours @{ Scenario = 'OneDimension'; Runs = 200 }
$stop = Invoke-Ours @{ Scenario = 'Stop'; Runs = 5 }

$networks = @(
    @{ Name = 'course 4-5-3-1, m = 3'; Layers = 4, 5, 3, 1; M = 3; Ours = @{ Preset = 'CourseTestCase'; Runs = 21 }; NumpyMax = 0; TorchSlow = $true }
    @{ Name = '100-64-32-1, m = 64'; Layers = 100, 64, 32, 1; M = 64; Ours = @{ Runs = 9 }; NumpyMax = 0; TorchSlow = $true }
    @{ Name = '784-128-64-1, m = 32'; Layers = 784, 128, 64, 1; M = 32; Ours = @{ Runs = 5 }; NumpyMax = 1000; TorchSlow = [bool]$Full }
    # Issue 12: the incremental path with dropout must stay within 20% of the plain network's time. The
    # references have no dropout, so they are not run for this row.
    @{ Name = '784-128-64-1, m = 32, dropout p = 0.8'; Layers = 784, 128, 64, 1; M = 32; Ours = @{ KeepProbability = 0.8; Runs = 5 }; NumpyMax = -1; TorchSlow = $false; NoReference = $true }
    @{ Name = '1000-1000-1, m = 16, 16 directions'; Layers = 1000, 1000, 1; M = 16; Ours = @{ Directions = 16; Runs = 5 }; NumpyMax = -1; TorchSlow = $false }
)

$rows = foreach ($n in $networks) {
    Write-Host "$($n.Name)…"
    $arguments = @{ Scenario = 'Network'; LayerSize = $n.Layers; ExampleCount = $n.M } + $n.Ours
    if ($n.Ours.Preset) { $arguments.Remove('LayerSize'); $arguments.Remove('ExampleCount') }
    $ours = Invoke-Ours $arguments
    $spec = @('--layers', ($n.Layers -join ','), '--examples', "$($n.M)", '--seed', '1')
    $numpy = $null
    if ($haveNumpy -and $n.NumpyMax -ge 0) {
        $extra = if ($n.NumpyMax -gt 0) { @('--max-perturbations', "$($n.NumpyMax)") } else { @() }
        $numpy = Invoke-Reference 'course_numpy.py' ($spec + $extra)
    }
    $torch = $null
    if ($haveTorch -and -not $n.NoReference) {
        $extra = if ($n.TorchSlow) { @() } else { @('--skip-slow') }
        $torch = Invoke-Reference 'torch_gradcheck.py' ($spec + $extra)
    }
    $seconds = $ours.milliseconds / 1000
    [pscustomobject]@{
        Network       = $n.Name
        Parameters    = $ours.parameters
        GradCheck     = $seconds
        PeakMB        = $ours.peak_mb
        Evaluations   = $ours.evaluations
        Passed        = $ours.passed
        Numpy         = if ($numpy) { $numpy.extrapolated_seconds } else { $null }
        NumpyNote     = if ($numpy -and $numpy.extrapolated) { " (extrapolated from $($numpy.perturbations_measured) of $($numpy.parameters))" } else { '' }
        TorchSlow     = if ($torch) { $torch.slow_seconds } else { $null }
        TorchFast     = if ($torch) { $torch.fast_seconds } else { $null }
    }
}

$machine = "$([Environment]::ProcessorCount) cores, $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription), $([System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription)"
$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add('# Benchmark results')
$lines.Add('')
$lines.Add("Written by ``dotnet pwsh ./build.ps1 -Task Bench`` on $(Get-Date -Format 'yyyy-MM-dd'); machine: $machine.")
$lines.Add('GradCheck: median of several runs of `Test-Gradient` after `Import-Module` and at least a second of warm-up runs, in a fresh pwsh each.')
$lines.Add('The course''s numpy loop: 2P full forward passes, as in the notes. torch: `torch.autograd.gradcheck` in float64.')
$lines.Add('All three check the same network and data (numpy''s RandomState(1); GradCheck''s `-Seed 1` draws the same numbers).')
$lines.Add('')
$lines.Add('| network | parameters | GradCheck | peak memory | numpy loop | ratio | torch slow | ratio | torch fast | ratio |')
$lines.Add('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
foreach ($r in $rows) {
    $lines.Add(('| {0} | {1:N0} | {2} | {3:N0} MB | {4}{5} | {6} | {7} | {8} | {9} | {10} |' -f $r.Network, $r.Parameters, (Format-Seconds $r.GradCheck), $r.PeakMB,
            (Format-Seconds $r.Numpy), $r.NumpyNote, (Format-Ratio $r.Numpy $r.GradCheck), (Format-Seconds $r.TorchSlow), (Format-Ratio $r.TorchSlow $r.GradCheck),
            (Format-Seconds $r.TorchFast), (Format-Ratio $r.TorchFast $r.GradCheck)))
}
$lines.Add('')
$lines.Add(('Import-Module: {0:N0} ms (median of 5 fresh processes). The 1-D scriptblock check `4 | Test-Gradient -Cost {{ param($t) $t * 2 }} -Gradient {{ 2 }}`: {1:N3} ms after warm-up (median of 200).' -f $import, $oneD.milliseconds))
$lines.Add(('Ctrl+C: PowerShell''s Stop() ends a running 108,801-parameter check in {0:N0} ms (median of 5).' -f $stop.milliseconds))
$plain = $rows | Where-Object Network -EQ '784-128-64-1, m = 32'
$dropout = $rows | Where-Object Network -EQ '784-128-64-1, m = 32, dropout p = 0.8'
$lines.Add(('Dropout: the 784-128-64-1 check with fixed masks (p = 0.8) takes {0:N2}× the plain network''s time (the goal: at most 1.2×).' -f ($dropout.GradCheck / $plain.GradCheck)))
$lines.Add('Peak memory is the peak working set of the whole pwsh process (pwsh itself takes about 100 MB).')
if (-not $Full) { $lines.Add('torch''s slow mode on the 784-128-64-1 network is skipped unless `-Full` is given: it takes about 9 minutes here (bench/reference/README.md).') }
$lines.Add('torch''s fast mode checks one random projection of the gradient, not every entry: it compares with `-Directions 1`, not with a full check.')
$lines.Add('The numpy loop cannot run on the 1000-1000-1 network (2 million full forward passes); GradCheck checks it in directional mode only.')
foreach ($note in $notes) { $lines.Add($note) }

$lines | ForEach-Object { Write-Host $_ }
Set-Content -Path $OutFile -Value $lines -Encoding utf8NoBOM
Write-Host "Wrote $OutFile"
