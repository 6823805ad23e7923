# The scriptblock corpus's rules (tests/corpus/script/): runs a variant through Test-Gradient and judges it by
# ours (Verdict at ε = 1e-7), the course's (Difference < 2e-7 at ε = 1e-7) and torch.autograd.gradcheck's
# (|a − n| ≤ 1e-5 + 1e-3·|n| at ε = 1e-6), against the fixture's truth and the resolvability rule. The same
# definitions as tests/corpus/user/UserCorpus.cs, in PowerShell; dot-source ScriptLayers.ps1 first.

$script:ScriptRule = @{
    Epsilon = 1e-7; TorchEpsilon = 1e-6; CourseThreshold = 2e-7; TorchAbsolute = 1e-5; TorchRelative = 1e-3
    # c: a bug is resolvable when some block it changes moves by more than c·ν/ε.
    ResolutionFactor = 10
    # Blocks changed by less than this (relative) need not be named.
    SmallEffect = 1e-3
}
$script:ScriptRules = 'Ours', 'Course', 'Torch'
$script:ScriptRuleTitles = @{
    Ours = 'GradCheck (Verdict, ε = 1e-7)'; Course = 'course (Difference < 2e-7, ε = 1e-7)'
    Torch = 'torch (|a−n| ≤ 1e-5 + 1e-3·|n|, ε = 1e-6)'
}

function Get-ScriptTruth($Case, [int] $Variant) {
    # What the variant is, from the fixture alone: its bug, which blocks it changes, and whether it is resolvable.
    # ν is the fixture's (null: infinite, a mask redrawn on every call); a block's resolvability is its largest
    # change over ν/ε, ∞ when ν = 0 and it moves. A bug that only moves entries at an exact kink to another of
    # their one-sided derivatives (at_kink) is unresolvable whatever its size.
    $bug = if ($Variant -ge 0) { $Case.bugs[$Variant] } else { $null }
    $unit = if ($null -eq $Case.nu) { [double]::PositiveInfinity } else { [double]$Case.nu / $script:ScriptRule.Epsilon }
    $blocks = [ordered]@{}
    if ($bug) {
        foreach ($name in @($bug.changed)) {
            $moved = [double]$bug.maxabs.$name
            $blocks[$name] = if ($moved -eq 0) { 0.0 } elseif ($unit -eq 0) { [double]::PositiveInfinity } else { $moved / $unit }
        }
    }
    $resolvability = if ($blocks.Count) { ($blocks.Values | Measure-Object -Maximum).Maximum } else { 0.0 }
    $c = $script:ScriptRule.ResolutionFactor
    $resolvable = [bool]$bug -and -not $bug.at_kink -and $resolvability -gt $c
    [pscustomobject]@{
        Name          = "$($Case.id)/$(if ($bug) { $bug.kind } else { 'correct' })"
        Family        = $Case.family
        Condition     = $Case.condition
        IsBuggy       = [bool]$bug
        Kind          = if ($bug) { $bug.kind } else { 'none' }
        Changed       = if ($bug) { [string[]]@($bug.changed) } else { [string[]]@() }
        Resolvability = $resolvability
        IsResolvable  = $resolvable
        AtKink        = [bool]($bug -and $bug.at_kink)
        # The blocks a verdict must name: changed by ≥ 1e-3 relative, and resolvably.
        MustName      = [string[]]@(if ($resolvable) {
                foreach ($name in $blocks.Keys) {
                    if ([double]$bug.rel.$name -ge $script:ScriptRule.SmallEffect -and $blocks[$name] -gt $c) { $name }
                } })
        Limitation    = $Case.limitation
    }
}

function Get-ScriptTorchVerdict($Result) {
    # torch's gradcheck on a result: a block fails when some entry has |a − n| > 1e-5 + 1e-3·|n|.
    $named = foreach ($block in $Result.Layout.Blocks) {
        for ($i = $block.Offset; $i -lt $block.Offset + $block.Count; $i++) {
            $a = $Result.Analytic[$i]; $n = $Result.Numerical[$i]
            if (-not ([Math]::Abs($a - $n) -le $script:ScriptRule.TorchAbsolute + $script:ScriptRule.TorchRelative * [Math]::Abs($n))) {
                $block.Name; break
            }
        }
    }
    $named = [string[]]@($named)
    @{ Verdict = $(if ($named.Count) { 'Wrong' } else { 'Correct' }); Named = $named }
}

function Invoke-ScriptVariant {
    # Checks one variant and returns plain data (it crosses process boundaries): each rule's verdict and named
    # blocks, and what our check saw. -OursOnly skips the anchors' runs (for the Pester tests).
    param([Parameter(Mandatory)] $Case, [int] $Variant = -1, [switch] $OursOnly)
    $in = Get-ScriptCheckInput -Case $Case -Variant $Variant
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $r = Test-Gradient -Parameter $in.Parameter -Cost $in.Cost -Gradient $in.Gradient -Epsilon $script:ScriptRule.Epsilon -ErrorAction Stop
    $row = [ordered]@{
        Id = $Case.id; Variant = $Variant
        Ours = @{ Verdict = [string]$r.Verdict; Named = [string[]]@($r.FailedBlocks) }
        Difference = $r.Difference; Message = $r.Message; Cost = $r.Cost; CostNoise = $r.CostNoise
        KinkCount = $r.KinkCount; UnresolvedCount = $r.UnresolvedCount; SwitchedToSingle = $r.SwitchedToSingle
        Blocks = ($r.Blocks | ForEach-Object { "$($_.Name):$($_.Verdict)" }) -join ' '
        Worst = @($r.Worst | Select-Object -First 3 | ForEach-Object {
                [ordered]@{ Name = $_.Name; Position = $_.Position; Analytic = $_.Analytic; Numerical = $_.Numerical
                    Reference = $_.Reference; Method = [string]$_.Method; Step = $_.Step; Kink = $_.Kink; Tolerance = $_.Tolerance } })
    }
    if (-not $OursOnly) {
        # The anchors' rules run as the anchors do, in double at their own ε, whatever precision ours chose; a new
        # cost each time, so that a seeded cost draws the same numbers as ours did.
        $course = if (-not $r.SwitchedToSingle) { $r } else {
            $c = Get-ScriptCheckInput -Case $Case -Variant $Variant
            Test-Gradient -Parameter $c.Parameter -Cost $c.Cost -Gradient $c.Gradient -Epsilon $script:ScriptRule.Epsilon -Precision Double -ErrorAction Stop
        }
        $row.Course = @{
            Verdict = $(if ($course.Difference -lt $script:ScriptRule.CourseThreshold) { 'Correct' } else { 'Wrong' })
            Named   = [string[]]@($course.Blocks | Where-Object { $_.Difference -ge $script:ScriptRule.CourseThreshold } | ForEach-Object Name)
        }
        $t = Get-ScriptCheckInput -Case $Case -Variant $Variant
        $torch = Test-Gradient -Parameter $t.Parameter -Cost $t.Cost -Gradient $t.Gradient -Epsilon $script:ScriptRule.TorchEpsilon -Precision Double -ErrorAction Stop
        $row.Torch = Get-ScriptTorchVerdict $torch
    }
    $row.Seconds = $clock.Elapsed.TotalSeconds
    [pscustomobject]$row
}

function Get-ScriptOutcome($Truth, $Verdict) {
    # How one rule's verdict (@{Verdict; Named}) on a variant counts, with the blocks it blames wrongly.
    $named = [string[]]@($Verdict.Named)
    $innocent = [string[]]@($named | Where-Object { $_ -notin $Truth.Changed })
    $unnamed = [string[]]@($Truth.MustName | Where-Object { $_ -notin $named })
    $outcome = if (-not $Truth.IsBuggy) {
        @{ Correct = 'Clean'; Wrong = 'FalseAlarm' }[$Verdict.Verdict] ?? 'CleanInconclusive'
    }
    elseif (-not $Truth.IsResolvable) { 'Unresolvable' }
    elseif ($Verdict.Verdict -eq 'Correct') { 'Missed' }
    elseif ($Verdict.Verdict -eq 'Inconclusive') { 'BugInconclusive' }
    elseif ($innocent.Count -eq 0 -and $unnamed.Count -eq 0) { 'Caught' }
    else { 'WronglyNamed' }
    [pscustomobject]@{ Outcome = $outcome; Innocent = $innocent; Unnamed = $unnamed
        IsRight = $outcome -in 'Clean', 'Caught', 'Unresolvable' }
}
