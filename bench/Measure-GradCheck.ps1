<#
.SYNOPSIS
    Times one GradCheck scenario in a fresh pwsh and prints one JSON object. Invoke-Benchmark.ps1 calls it.
.DESCRIPTION
    Import-Module happens once, outside the timing. For a network, the first check after it is timed alone
    (cold_ms: what a user meets first in a new shell, the JIT included); then the scenario runs until the JIT
    has settled (at least three runs and a second of work), and the median of -Runs more is reported
    (milliseconds), with the process's peak working set.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [ValidateSet('Import', 'OneDimension', 'Network', 'Stop', 'Adapter')] [string] $Scenario,
    [string] $LayerSize,
    [int] $ExampleCount,
    [int] $Directions,
    [string] $Preset,
    [double] $KeepProbability = 1,
    [int] $Runs = 5
)
$ErrorActionPreference = 'Stop'

if ($Scenario -eq 'Import') {
    $elapsed = Measure-Command { Import-Module $ModuleManifest }
    [pscustomobject]@{ milliseconds = $elapsed.TotalMilliseconds } | ConvertTo-Json -Compress
    return
}

Import-Module $ModuleManifest
function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $sorted[[int][math]::Floor(($sorted.Count - 1) / 2)]
}

if ($Scenario -eq 'Stop') {
    # How long PowerShell's Stop() (what Ctrl+C calls) takes to end a running 108,801-parameter check.
    $times = foreach ($run in 1..$Runs) {
        $started = [System.Threading.ManualResetEventSlim]::new($false)
        $ps = [powershell]::Create()
        $script = "param(`$started) Import-Module '$ModuleManifest'; " +
            "`$n = New-GradCheckNetwork -LayerSize 784,128,64,1 -ExampleCount 32 -Seed 1; " +
            "`$started.Set(); `$n | Test-Gradient -Evaluation Full"
        $null = $ps.AddScript($script).AddArgument($started)
        $null = $ps.BeginInvoke()
        $null = $started.Wait([timespan]::FromSeconds(60))
        Start-Sleep -Milliseconds 500
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $sw.Stop()
        $ps.Dispose()
        $sw.Elapsed.TotalMilliseconds
    }
    [pscustomobject]@{ milliseconds = Get-Median $times; runs = $Runs } | ConvertTo-Json -Compress
    return
}

if ($Scenario -eq 'OneDimension') {
    $check = { 4 | Test-Gradient -Cost { param($t) $t * 2 } -Gradient { 2 } }
    1..50 | ForEach-Object { $null = & $check }
    $times = 1..$Runs | ForEach-Object {
        $sw = [Diagnostics.Stopwatch]::StartNew(); $null = & $check; $sw.Stop(); $sw.Elapsed.TotalMilliseconds
    }
    [pscustomobject]@{ milliseconds = Get-Median $times; runs = $Runs } | ConvertTo-Json -Compress
    return
}

if ($Scenario -eq 'Adapter') {
    # The scriptblock adapter against a bare call: a cost of 1,000 entries cheap enough that the calls show. The
    # check's time per evaluation includes everything else the check does, so the overhead is not understated.
    $theta = [double[]](1..1000 | ForEach-Object { $_ / 1000 })
    $cost = { param($t) [Linq.Enumerable]::Sum([double[]] $t) }
    $gradient = { param($t) $g = [double[]]::new($t.Count); [Array]::Fill($g, 1.0); , $g }
    $evaluations = (Test-Gradient -Parameter $theta -Cost $cost -Gradient $gradient).Evaluations
    foreach ($i in 1..$evaluations) { $null = & $cost $theta }
    $check = foreach ($run in 1..$Runs) {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $null = Test-Gradient -Parameter $theta -Cost $cost -Gradient $gradient
        $sw.Elapsed.TotalMilliseconds * 1000 / $evaluations
    }
    $bare = foreach ($run in 1..$Runs) {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        foreach ($i in 1..$evaluations) { $null = & $cost $theta }
        $sw.Elapsed.TotalMilliseconds * 1000 / $evaluations
    }
    [pscustomobject]@{
        evaluations       = $evaluations
        check_us_per_call = Get-Median $check
        bare_us_per_call  = Get-Median $bare
        runs              = $Runs
    } | ConvertTo-Json -Compress
    return
}

$network = if ($Preset) { New-GradCheckNetwork -Preset $Preset } else {
    New-GradCheckNetwork -LayerSize ([int[]]($LayerSize -split ',')) -ExampleCount $ExampleCount -Seed 1 `
        -KeepProbability $KeepProbability
}
$arguments = @{}
if ($Directions -gt 0) { $arguments.Directions = $Directions; $arguments.Seed = 1 }
# Nothing of the bench's own between New-GradCheckNetwork and the cold check. The process's first garbage
# collection costs 20-30 ms in a new pwsh (later ones 1-6 ms), and it falls where the allocations reach the first
# budget: a [GC]::Collect() here paid it outside the timing, and a Get-Process here (it once took a memory
# baseline) allocated enough that a first check of the 100-64-32-1 network triggered it (a gen-0 pass: 25-36 ms
# cold instead of 10-15). A user's first check pays it when its own arrays exhaust the first budget, as a
# 108,801-parameter check's do (about 4 MB of large objects).
# Cold: the first check in this shell, as a user meets it after Import-Module.
$sw = [Diagnostics.Stopwatch]::StartNew()
$null = $network | Test-Gradient @arguments
$cold = $sw.Elapsed.TotalMilliseconds
# Warm up until the JIT has settled: at least three runs and a second of work.
$warm = [Diagnostics.Stopwatch]::StartNew()
$warmRuns = 0
while ($warmRuns -lt 3 -or $warm.Elapsed.TotalSeconds -lt 1) {
    $null = $network | Test-Gradient @arguments
    $warmRuns++
}
$results = @()
$times = foreach ($run in 1..$Runs) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $results += $network | Test-Gradient @arguments
    $sw.Stop()
    $sw.Elapsed.TotalMilliseconds
}
$process = Get-Process -Id $PID
[pscustomobject]@{
    cold_ms      = $cold
    milliseconds = Get-Median $times
    runs         = $Runs
    parameters   = $network.ParameterCount
    evaluations  = $results[-1].Evaluations
    passed       = $results[-1].Passed
    cost         = $results[-1].Cost
    peak_mb      = $process.PeakWorkingSet64 / 1MB
    threads      = [Environment]::ProcessorCount
} | ConvertTo-Json -Compress
