<#
.SYNOPSIS
    GradCheck against the course's numpy loop and torch.autograd.gradcheck, on the same machine in the same run.
.DESCRIPTION
    build.ps1 -Task Bench runs this. Every figure is given cold and warm, for GradCheck and the references alike:
    - GradCheck, cold: the first check in a fresh pwsh after Import-Module, the median over -Processes fresh
      processes; warm: the median of several runs after the JIT has settled (Measure-GradCheck.ps1), the median
      over the same processes.
    - The references, cold: the first call in a fresh python3 (torch's own first-call costs included, Python's
      start-up and the import not), the median over -Processes fresh processes; warm: later calls in them.
    Each comparison is like with like: the full check against the numpy loop and torch's slow mode,
    -Directions 1 against one call of torch's fast mode, -Directions 16 against 16 calls of it. torch runs with
    OMP_NUM_THREADS set to the core count. The references use Debian's python3-numpy and python3-torch
    (apt-get install -y python3-numpy python3-torch); one that is not installed is skipped, and the table says
    so. Writes bench/RESULTS.md.
.PARAMETER Full
    Also runs torch's slow mode on the 108,801-parameter network (about 9 minutes a call on 2 cores).
.PARAMETER Processes
    Fresh processes per figure; the cold figures are their medians.
#>
param(
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../out/GradCheck/GradCheck.psd1'),
    [string] $OutFile = (Join-Path $PSScriptRoot 'RESULTS.md'),
    [switch] $Full,
    [int] $Processes = 5
)
$ErrorActionPreference = 'Stop'
$ModuleManifest = (Resolve-Path $ModuleManifest).Path
$Python = '/usr/bin/python3'
$Cores = [Environment]::ProcessorCount
# torch sizes its thread pool from this when it is imported: all cores, as GradCheck uses them.
$env:OMP_NUM_THREADS = "$Cores"

function Get-Median([double[]] $Values) {
    if (-not $Values) { return $null }
    $sorted = $Values | Sort-Object
    $sorted[[int][math]::Floor(($sorted.Count - 1) / 2)]
}

function Invoke-Ours([hashtable] $Arguments) {
    $list = foreach ($pair in $Arguments.GetEnumerator()) {
        "-$($pair.Key)"
        if ($pair.Value -isnot [switch]) { ($pair.Value -join ',') }
    }
    $measure = Join-Path $PSScriptRoot 'Measure-GradCheck.ps1'
    $json = & dotnet pwsh -NoProfile -NonInteractive -File $measure -ModuleManifest $ModuleManifest @list
    if ($LASTEXITCODE -ne 0) { throw "Measure-GradCheck.ps1 $($list -join ' ') failed." }
    $json | ConvertFrom-Json
}

function Measure-Ours([hashtable] $Arguments) {
    # Fresh processes, each with one cold check and its warm median.
    $runs = @(1..$Processes | ForEach-Object { Invoke-Ours $Arguments })
    [pscustomobject]@{
        Cold       = (Get-Median $runs.cold_ms) / 1000
        Warm       = (Get-Median $runs.milliseconds) / 1000
        PeakMB     = Get-Median $runs.peak_mb
        Parameters = $runs[0].parameters
        Passed     = -not ($runs.passed -contains $false)
    }
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

function Measure-Reference([string] $Script, [string[]] $Arguments, [string] $Cold, [string] $Warm) {
    # Fresh processes; Cold and Warm name the JSON fields to take the medians of.
    $runs = @(1..$Processes | ForEach-Object { Invoke-Reference $Script $Arguments } | Where-Object { $_ })
    if (-not $runs) { return $null }
    [pscustomobject]@{
        Cold    = Get-Median ($runs | ForEach-Object { $_.$Cold })
        Warm    = Get-Median ($runs | ForEach-Object { $_.$Warm })
        Threads = $runs[0].threads
        Note    = ''
        First   = $runs[0]
    }
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

$loadBefore = (Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 3
$haveNumpy = Test-Python 'numpy'
$haveTorch = Test-Python 'torch'
$notes = [System.Collections.Generic.List[string]]::new()
if (-not $haveNumpy) { $notes.Add('numpy is not installed: its rows are skipped (apt-get install -y python3-numpy).') }
if (-not $haveTorch) { $notes.Add('torch is not installed: its rows are skipped (apt-get install -y python3-torch).') }

Write-Host 'Import-Module, the 1-D check, Ctrl+C and the scriptblock adapter…'
$import = Get-Median (1..$Processes | ForEach-Object { (Invoke-Ours @{ Scenario = 'Import' }).milliseconds })
$oneD = Invoke-Ours @{ Scenario = 'OneDimension'; Runs = 200 }
$stop = Invoke-Ours @{ Scenario = 'Stop'; Runs = 5 }
$adapters = @(1..$Processes | ForEach-Object { Invoke-Ours @{ Scenario = 'Adapter'; Runs = 5 } })
$adapter = [pscustomobject]@{
    Evaluations = $adapters[0].evaluations
    Check       = Get-Median $adapters.check_us_per_call
    Bare        = Get-Median $adapters.bare_us_per_call
}

# Modes: Full is the whole check (every entry); D1 and D16 are -Directions 1 and 16.
$networks = @(
    @{ Name = 'course 4-5-3-1, m = 3'; Layers = 4, 5, 3, 1; M = 3; Preset = 'CourseTestCase'; Modes = 'Full', 'D1'
        NumpyMax = 0; TorchSlow = $true; Runs = 21 }
    @{ Name = '100-64-32-1, m = 64'; Layers = 100, 64, 32, 1; M = 64; Modes = 'Full', 'D1', 'D16'
        NumpyMax = 0; TorchSlow = $true; Runs = 9 }
    @{ Name = '784-128-64-1, m = 32'; Layers = 784, 128, 64, 1; M = 32; Modes = 'Full', 'D1', 'D16'
        NumpyMax = 1000; TorchSlow = [bool]$Full; Runs = 5 }
    # Issue 12: the incremental path with dropout must stay within 20% of the plain network's time. The
    # references have no dropout, so they are not run for this row.
    @{ Name = '784-128-64-1, m = 32, dropout p = 0.8'; Layers = 784, 128, 64, 1; M = 32; Modes = , 'Full'
        KeepProbability = 0.8; NoReference = $true; Runs = 5 }
    @{ Name = '1000-1000-1, m = 16'; Layers = 1000, 1000, 1; M = 16; Modes = 'D1', 'D16'; TorchSlow = $false
        Runs = 5 }
)
$modeText = @{ Full = 'full check'; D1 = '-Directions 1'; D16 = '-Directions 16' }

$rows = foreach ($n in $networks) {
    $spec = @('--layers', ($n.Layers -join ','), '--examples', "$($n.M)", '--seed', '1')
    foreach ($mode in $n.Modes) {
        Write-Host "$($n.Name), $($modeText[$mode])…"
        $arguments = @{ Scenario = 'Network'; Runs = $n.Runs }
        if ($n.Preset) { $arguments.Preset = $n.Preset }
        else { $arguments.LayerSize = $n.Layers; $arguments.ExampleCount = $n.M }
        if ($n.KeepProbability) { $arguments.KeepProbability = $n.KeepProbability }
        switch ($mode) {
            'Full' { }
            'D1' { $arguments.Directions = 1 }
            'D16' { $arguments.Directions = 16 }
            default { throw "No mode $mode." }
        }
        $ours = Measure-Ours $arguments
        $references = [System.Collections.Generic.List[object]]::new()
        if (-not $n.NoReference) {
            switch ($mode) {
                'Full' {
                    if ($haveNumpy) {
                        $extra = if ($n.NumpyMax -gt 0) { @('--max-perturbations', "$($n.NumpyMax)") } else { @() }
                        $numpy = Measure-Reference 'course_numpy.py' ($spec + $extra + @('--repeat', '1')) `
                            'extrapolated_seconds' 'warm_seconds'
                        if ($numpy -and $numpy.First.extrapolated) {
                            $numpy.Note = " (extrapolated from $($numpy.First.perturbations_measured) entries)"
                        }
                        if ($numpy) { $references.Add(@{ Name = 'numpy loop'; Figures = $numpy }) }
                    }
                    if ($haveTorch -and $n.TorchSlow) {
                        $slow = Measure-Reference 'torch_gradcheck.py' ($spec + @('--repeat', '1')) `
                            'slow_cold_seconds' 'slow_seconds'
                        if ($slow) { $references.Add(@{ Name = 'torch slow mode'; Figures = $slow }) }
                    }
                }
                'D1' {
                    if ($haveTorch) {
                        $fast = Measure-Reference 'torch_gradcheck.py' ($spec + @('--skip-slow', '--repeat', '3')) `
                            'fast_cold_seconds' 'fast_seconds'
                        if ($fast) { $references.Add(@{ Name = 'torch fast mode'; Figures = $fast }) }
                    }
                }
                'D16' {
                    if ($haveTorch) {
                        $fast = Measure-Reference 'torch_gradcheck.py' `
                            ($spec + @('--skip-slow', '--repeat', '1', '--fast-calls', '16')) `
                            'fast_cold_seconds' 'fast_seconds'
                        if ($fast) { $references.Add(@{ Name = 'torch fast mode × 16 calls'; Figures = $fast }) }
                    }
                }
                default { throw "No mode $mode." }
            }
        }
        if ($references.Count -eq 0) { $references.Add(@{ Name = '—'; Figures = $null }) }
        foreach ($reference in $references) {
            $figures = $reference.Figures
            [pscustomobject]@{
                Network    = $n.Name
                Mode       = $mode
                Parameters = $ours.Parameters
                Cold       = $ours.Cold
                Warm       = $ours.Warm
                PeakMB     = $ours.PeakMB
                Reference  = $reference.Name
                RefCold    = if ($figures) { $figures.Cold } else { $null }
                RefWarm    = if ($figures) { $figures.Warm } else { $null }
                RefNote    = if ($figures) { $figures.Note } else { '' }
                Threads    = if ($figures) { $figures.Threads } else { $null }
            }
        }
    }
}
$loadAfter = (Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 3

$runtime = [System.Runtime.InteropServices.RuntimeInformation]
$machine = "$Cores cores, $($runtime::OSDescription), $($runtime::FrameworkDescription)"
$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add('# Benchmark results')
$lines.Add('')
$lines.Add("Written by ``dotnet pwsh ./build.ps1 -Task Bench`` on $(Get-Date -Format 'yyyy-MM-dd'); machine: $machine.")
$lines.Add("Load average (1, 5, 15 min) before the run: $($loadBefore -join ', '); after it: $($loadAfter -join ', ').")
$lines.Add('')
$lines.Add("- **Cold**: the first check in a fresh process, the median of $Processes fresh processes. GradCheck: the " +
    'first `Test-Gradient` after `Import-Module` in a new pwsh, the JIT included. The references: the first call ' +
    'in a new python3, after the import (torch''s own first-call costs included, Python''s start-up not).')
$lines.Add('- **Warm**: GradCheck, the median of several runs after at least a second of warm-up runs; the ' +
    'references, the median of later calls in the same processes. Medians over the processes again.')
$lines.Add('- **Like with like**: the full check against the course''s numpy loop (2P full forward passes, as in ' +
    'the notes) and torch''s slow mode (every entry); `-Directions 1` against one call of torch''s fast mode ' +
    '(one random projection); `-Directions 16` against 16 calls of it. torch: `torch.autograd.gradcheck` in ' +
    "float64, with OMP_NUM_THREADS=$Cores (the core count; torch reported $(($rows | Where-Object Threads |
        Select-Object -First 1).Threads) threads).")
$lines.Add('- All three check the same network and data (numpy''s RandomState(1); GradCheck''s `-Seed 1` draws ' +
    'the same numbers). Ratio: the reference''s time over GradCheck''s, cold over cold and warm over warm.')
$lines.Add('')
$lines.Add('| network | parameters | GradCheck | cold | warm | peak memory | reference | cold | warm | ' +
    'ratio cold | ratio warm |')
$lines.Add('|---|---:|---|---:|---:|---:|---|---:|---:|---:|---:|')
foreach ($r in $rows) {
    $cells = @(
        $r.Network, ('{0:N0}' -f $r.Parameters), $modeText[$r.Mode], (Format-Seconds $r.Cold),
        (Format-Seconds $r.Warm), ('{0:N0} MB' -f $r.PeakMB), $r.Reference, ((Format-Seconds $r.RefCold) + $r.RefNote),
        ((Format-Seconds $r.RefWarm) + $r.RefNote), (Format-Ratio $r.RefCold $r.Cold), (Format-Ratio $r.RefWarm $r.Warm)
    )
    $lines.Add('| ' + ($cells -join ' | ') + ' |')
}
$lines.Add('')
# Each sentence is formatted before Add: inside Add( ), the commas of -f's arguments would separate Add's.
$line = ('Import-Module: {0:N0} ms (median of {1} fresh processes). The 1-D scriptblock check ' +
    '`4 | Test-Gradient -Cost {{ param($t) $t * 2 }} -Gradient {{ 2 }}`: {2:N3} ms after warm-up (median of 200).') -f
    $import, $Processes, $oneD.milliseconds
$lines.Add($line)
$line = ('Scriptblock adapter: a vector cost of 1,000 entries (`[Linq.Enumerable]::Sum`) checked in full, ' +
    '{0:N0} calls: {1:N1} µs per call, the whole check included, against {2:N1} µs for a bare `& $cost $theta` ' +
    'in a loop ({3:+0;−0}%; medians of {4} processes).') -f $adapter.Evaluations, $adapter.Check, $adapter.Bare,
    (100 * ($adapter.Check / $adapter.Bare - 1)), $Processes
$lines.Add($line)
$lines.Add(('Ctrl+C: PowerShell''s Stop() ends a running 108,801-parameter check in {0:N0} ms (median of 5).' -f
    $stop.milliseconds))
$plain = $rows | Where-Object { $_.Network -eq '784-128-64-1, m = 32' -and $_.Mode -eq 'Full' } | Select-Object -First 1
$dropout = $rows | Where-Object Network -EQ '784-128-64-1, m = 32, dropout p = 0.8' | Select-Object -First 1
$line = ('Dropout: the 784-128-64-1 check with fixed masks (p = 0.8) takes {0:N2}× the plain network''s time ' +
    'warm, {1:N2}× cold (the goal: at most 1.2×).') -f ($dropout.Warm / $plain.Warm), ($dropout.Cold / $plain.Cold)
$lines.Add($line)
$lines.Add('Peak memory is the peak working set of the whole pwsh process (pwsh itself takes about 100 MB).')
if (-not $Full) {
    $lines.Add('torch''s slow mode on the 784-128-64-1 network is skipped unless `-Full` is given: one call takes ' +
        'about 9 minutes here (bench/reference/README.md).')
}
$lines.Add('The numpy loop cannot run on the 1000-1000-1 network (2 million full forward passes), nor torch''s ' +
    'slow mode; GradCheck checks it in directional mode only.')
foreach ($note in $notes) { $lines.Add($note) }
if (Test-Python torch) {
    # Test-Jacobian on two layers against torch.autograd.gradcheck, on the same function and numbers.
    $lines.Add('')
    $lines.Add('## Test-Jacobian against torch.autograd.gradcheck')
    $lines.Add('')
    $lines.Add('The same layer in C# (bench/jacobian/AffineLayer.cs and ConvLayer.cs, IVectorFunctions compiled by ' +
        'Add-Type with -optimize+) and in torch (bench/reference/jacobian_torch.py), on the same numbers; cold and ' +
        'warm as above (5 fresh processes).')
    $lines.Add('')
    foreach ($row in (& (Join-Path $PSScriptRoot 'jacobian/Invoke-JacobianBenchmark.ps1') -ModuleManifest $ModuleManifest) -split "`n") {
        $lines.Add($row)
    }
}

$lines | ForEach-Object { Write-Host $_ }
Set-Content -Path $OutFile -Value $lines -Encoding utf8NoBOM
Write-Host "Wrote $OutFile"
