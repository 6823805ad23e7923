# The scriptblock verdict corpus's user code (tests/corpus/script/): each family's cost written as a PowerShell
# scriptblock over an [ordered] dictionary of θ's blocks ([double[,]], [double[]] and scalars), the way a user
# writes it, and the fixture's gradients handed back in the same form. The formulas are make_script_corpus.py's
# torch costs, written again by hand; the fixture's truth is torch autograd of those.
#
#   . tests/corpus/script/ScriptLayers.ps1
#   $cases = Read-ScriptCorpus
#   $in = Get-ScriptCheckInput -Case $cases[0] -Variant -1      # -1: the correct gradient; 0, 1, …: its bugs
#   Test-Gradient -Parameter $in.Parameter -Cost $in.Cost -Gradient $in.Gradient
#
# Each call of Get-ScriptCheckInput builds a new cost: a cost that draws random numbers (noisy-cost, the redrawn
# dropout mask) gets a [System.Random] seeded with the case's seed, so every variant sees the same draws, run
# after run.

function Read-ScriptCorpus([string] $Path = (Join-Path $PSScriptRoot 'fixtures/script_cases.json')) {
    # The fixture's cases, as ConvertFrom-Json objects.
    (Get-Content -Raw -Path $Path | ConvertFrom-Json).cases
}

function ConvertFrom-ScriptBlockData([object[]] $Shape, [object[]] $Data) {
    # One block, flat row-major, in its natural form: a scalar, a [double[]] or a [double[,]].
    if ($Shape.Count -eq 0) { return [double]$Data[0] }
    if ($Shape.Count -eq 1) { return , [double[]]$Data }
    $m = [double[,]]::new($Shape[0], $Shape[1])
    $k = 0
    for ($i = 0; $i -lt $Shape[0]; $i++) { for ($j = 0; $j -lt $Shape[1]; $j++) { $m[$i, $j] = [double]$Data[$k]; $k++ } }
    , $m
}

function ConvertFrom-ScriptDictionary($Object) {
    # {name: {shape, data}} as an [ordered] dictionary of blocks, in the fixture's order.
    $r = [ordered]@{}
    foreach ($p in $Object.PSObject.Properties) { $r[$p.Name] = ConvertFrom-ScriptBlockData @($p.Value.shape) @($p.Value.data) }
    $r
}

function Get-ScriptGradient($Case, [int] $Variant) {
    # The variant's gradient, shaped like θ: the truth, with a bug's changed blocks put in.
    $bug = if ($Variant -ge 0) { $Case.bugs[$Variant] } else { $null }
    $g = [ordered]@{}
    foreach ($p in $Case.params.PSObject.Properties) {
        $flat = if ($bug -and $p.Name -in @($bug.changed)) { $bug.grad.($p.Name) } else { $Case.truth.($p.Name) }
        $g[$p.Name] = ConvertFrom-ScriptBlockData @($p.Value.shape) @($flat)
    }
    $g
}

function Get-ScriptActivation([string] $Name, [double] $Z, [double] $Alpha) {
    switch ($Name) {
        'gelu' { return 0.5 * $Z * (1 + [Math]::Tanh(0.7978845608028654 * ($Z + 0.044715 * $Z * $Z * $Z))) }
        'silu' { return $Z / (1 + [Math]::Exp(-$Z)) }
        'softplus' { return [Math]::Max($Z, 0.0) + [Math]::Log(1 + [Math]::Exp(-[Math]::Abs($Z))) }
        'elu' { if ($Z -gt 0) { return $Z } else { return $Alpha * ([Math]::Exp($Z) - 1) } }
        'selu' { if ($Z -gt 0) { return 1.0507009873554805 * $Z } else { return 1.0507009873554805 * 1.6732632423543772 * ([Math]::Exp($Z) - 1) } }
        'sigmoid' { return 1 / (1 + [Math]::Exp(-$Z)) }
        'tanh' { return [Math]::Tanh($Z) }
        'hardtanh' { return [Math]::Min(1.0, [Math]::Max(-1.0, $Z)) }
    }
    throw "Unknown activation '$Name'."
}

function New-ScriptCost($Case) {
    # The case's cost as a scriptblock: param($p) → J, $p an [ordered] dictionary of θ's blocks.
    $D = ConvertFrom-ScriptDictionary $Case.data
    $cfg = $Case.cfg
    $offset = if ($null -ne $cfg.offset) { [double]$cfg.offset } else { 0.0 }
    $scale = if ($null -ne $cfg.scale) { [double]$cfg.scale } else { 1.0 }
    $rng = [System.Random]::new([int]$Case.seed)
    switch ($Case.cost) {
        'mlp' {
            # One or two layers, a loss, an optional penalty; the noisy, rounded and cancelling variants of J.
            $X = $D.X; $Y = $D.Y; $act = [string]$cfg.act; $outact = [string]$cfg.outact; $loss = [string]$cfg.loss
            $alpha = if ($null -ne $cfg.alpha) { [double]$cfg.alpha } else { 1.0 }
            $delta = if ($null -ne $cfg.delta) { [double]$cfg.delta } else { 1.0 }
            $pen = [string]$cfg.pen; $lam = if ($null -ne $cfg.lam) { [double]$cfg.lam } else { 0.0 }
            $noise = if ($null -ne $cfg.noise) { [double]$cfg.noise } else { 0.0 }
            $shuffle = [bool]$cfg.shuffle
            $digits = if ($null -ne $cfg.roundq) { [int][Math]::Round(-[Math]::Log10([double]$cfg.roundq)) } else { -1 }
            $cancel = if ($null -ne $cfg.cancel) { [double]$cfg.cancel } else { 0.0 }
            $activation = ${function:Get-ScriptActivation}   # captured: the closure cannot see this file's functions
            return {
                param($p)
                $W1 = $p.W1; $b1 = $p.b1; $h = $W1.GetLength(0); $n = $X.GetLength(0); $d = $X.GetLength(1)
                $two = $p.Contains('W2')
                if ($two) { $W2 = $p.W2; $b2 = $p.b2; $o = $W2.GetLength(0) } else { $o = $h }
                $per = [double[]]::new($n)
                for ($i = 0; $i -lt $n; $i++) {
                    $a = [double[]]::new($h)
                    for ($j = 0; $j -lt $h; $j++) {
                        $z = $b1[$j]; for ($k = 0; $k -lt $d; $k++) { $z += $W1[$j, $k] * $X[$i, $k] }
                        if ($two) { $a[$j] = & $activation $act $z $alpha }
                        elseif ($outact) { $a[$j] = & $activation $outact $z $alpha }
                        else { $a[$j] = $z }
                    }
                    if ($two) {
                        $zz = [double[]]::new($o)
                        for ($r = 0; $r -lt $o; $r++) { $z = $b2[$r]; for ($j = 0; $j -lt $h; $j++) { $z += $W2[$r, $j] * $a[$j] }; $zz[$r] = $z }
                    }
                    else { $zz = $a }
                    $li = 0.0
                    switch ($loss) {
                        'mse' { for ($r = 0; $r -lt $o; $r++) { $e = $zz[$r] - $Y[$i, $r]; $li += $e * $e } }
                        'huber' {
                            for ($r = 0; $r -lt $o; $r++) {
                                $e = $zz[$r] - $Y[$i, $r]; $ae = [Math]::Abs($e)
                                if ($ae -le $delta) { $li += 0.5 * $e * $e } else { $li += $delta * ($ae - 0.5 * $delta) }
                            }
                        }
                        'smoothl1' {
                            for ($r = 0; $r -lt $o; $r++) {
                                $e = $zz[$r] - $Y[$i, $r]; $ae = [Math]::Abs($e)
                                if ($ae -lt $delta) { $li += 0.5 * $e * $e / $delta } else { $li += $ae - 0.5 * $delta }
                            }
                        }
                        'l1' { for ($r = 0; $r -lt $o; $r++) { $li += [Math]::Abs($zz[$r] - $Y[$i, $r]) } }
                        'bce' { $z = $zz[0]; $li = [Math]::Max($z, 0.0) - $z * $Y[$i, 0] + [Math]::Log(1 + [Math]::Exp(-[Math]::Abs($z))) }
                        'ce' {
                            $m = $zz[0]; for ($r = 1; $r -lt $o; $r++) { if ($zz[$r] -gt $m) { $m = $zz[$r] } }
                            $s = 0.0; for ($r = 0; $r -lt $o; $r++) { $s += [Math]::Exp($zz[$r] - $m) }
                            $li = $m + [Math]::Log($s) - $zz[[int]$Y[$i, 0]]
                        }
                    }
                    $per[$i] = $li
                }
                $tot = 0.0
                if ($shuffle) { $ord = [int[]](0..($n - 1)); $rng.Shuffle($ord); foreach ($i in $ord) { $tot += $per[$i] } }
                else { foreach ($v in $per) { $tot += $v } }
                $L = if ($loss -in 'bce', 'ce') { $tot / $n } else { $tot / ($n * $o) }
                $P = 0.0
                if ($pen) {
                    $Ws = if ($two) { @($W1, $W2) } else { @(, $W1) }
                    foreach ($Wm in $Ws) { foreach ($w in $Wm) { if ($pen -eq 'l2') { $P += 0.5 * $lam * $w * $w } else { $P += $lam * [Math]::Abs($w) } } }
                }
                $J = $offset + $scale * ($L + $P)
                if ($noise -gt 0) { $J = $J * (1 + $noise * ($rng.NextDouble() * 2 - 1)) }
                if ($digits -ge 0) { $J = [Math]::Round($J, $digits) }
                if ($cancel -ne 0) { $J = ($cancel + $J) - $cancel }
                $J
            }.GetNewClosure()
        }
        'f32mlp' {
            # The tanh layer and mean squared error, every operation rounded through [float].
            $X = $D.X; $Y = $D.Y
            return {
                param($p)
                $W1 = $p.W1; $b1 = $p.b1; $W2 = $p.W2; $b2 = $p.b2; $h = $W1.GetLength(0); $n = $X.GetLength(0); $d = $X.GetLength(1)
                [float]$tot = 0
                for ($i = 0; $i -lt $n; $i++) {
                    [float]$out = [float]$b2[0]
                    for ($j = 0; $j -lt $h; $j++) {
                        [float]$z = [float]$b1[$j]
                        for ($k = 0; $k -lt $d; $k++) { $z = [float]($z + [float]([float]$W1[$j, $k] * [float]$X[$i, $k])) }
                        $out = [float]($out + [float]([float]$W2[0, $j] * [float][Math]::Tanh($z)))
                    }
                    [float]$e = [float]($out - [float]$Y[$i, 0]); $tot = [float]($tot + [float]($e * $e))
                }
                [float]([float]$offset + [float]([float]$scale * [float]($tot / [float]$n)))
            }.GetNewClosure()
        }
        'maxout' {
            $X = $D.X; $Y = $D.Y; $kk = [int]$cfg.k; $hh = [int]$cfg.h
            return {
                param($p)
                $W = $p.W; $b = $p.b; $V = $p.V; $c = $p.c; $n = $X.GetLength(0); $d = $X.GetLength(1); $o = $V.GetLength(0)
                $tot = 0.0
                for ($i = 0; $i -lt $n; $i++) {
                    $a = [double[]]::new($hh)
                    for ($j = 0; $j -lt $hh; $j++) {
                        $best = [double]::NegativeInfinity
                        for ($r = 0; $r -lt $kk; $r++) {
                            $m = $j * $kk + $r; $z = $b[$m]; for ($q = 0; $q -lt $d; $q++) { $z += $W[$m, $q] * $X[$i, $q] }
                            if ($z -gt $best) { $best = $z }
                        }
                        $a[$j] = $best
                    }
                    for ($r = 0; $r -lt $o; $r++) { $z = $c[$r]; for ($j = 0; $j -lt $hh; $j++) { $z += $V[$r, $j] * $a[$j] }; $e = $z - $Y[$i, $r]; $tot += $e * $e }
                }
                $tot / ($n * $o)
            }.GetNewClosure()
        }
        { $_ -in 'groupnorm', 'gn1pass' } {
            # Group norm; gn1pass computes the variance in one pass, E[h²] − E[h]², as users do to save a loop.
            $X = $D.X; $R = $D.R; $G = [int]$cfg.G; $eps = [double]$cfg.eps; $onePass = $Case.cost -eq 'gn1pass'
            return {
                param($p)
                $W = $p.W; $b = $p.b; $gm = $p.gamma; $bt = $p.beta; $n = $X.GetLength(0); $d = $X.GetLength(1); $C = $W.GetLength(0); $cg = $C / $G
                $tot = 0.0
                for ($i = 0; $i -lt $n; $i++) {
                    $hv = [double[]]::new($C)
                    for ($j = 0; $j -lt $C; $j++) { $z = $b[$j]; for ($q = 0; $q -lt $d; $q++) { $z += $W[$j, $q] * $X[$i, $q] }; $hv[$j] = $z }
                    for ($gi = 0; $gi -lt $G; $gi++) {
                        $mu = 0.0; for ($j = $gi * $cg; $j -lt ($gi + 1) * $cg; $j++) { $mu += $hv[$j] }; $mu /= $cg
                        if ($onePass) {
                            $sq = 0.0; for ($j = $gi * $cg; $j -lt ($gi + 1) * $cg; $j++) { $sq += $hv[$j] * $hv[$j] }; $var = $sq / $cg - $mu * $mu
                        }
                        else {
                            $var = 0.0; for ($j = $gi * $cg; $j -lt ($gi + 1) * $cg; $j++) { $var += ($hv[$j] - $mu) * ($hv[$j] - $mu) }; $var /= $cg
                        }
                        $sd = [Math]::Sqrt($var + $eps)
                        for ($j = $gi * $cg; $j -lt ($gi + 1) * $cg; $j++) { $tot += [Math]::Tanh($gm[$j] * (($hv[$j] - $mu) / $sd) + $bt[$j]) * $R[$i, $j] }
                    }
                }
                $tot / $n
            }.GetNewClosure()
        }
        'drop' {
            # Dropout with keep probability 0.8: the fixture's mask M, or (fresh-mask) a mask drawn on every call.
            $X = $D.X; $Y = $D.Y; $M = $D.M; $fresh = $Case.condition -eq 'fresh-mask'
            return {
                param($p)
                $W1 = $p.W1; $b1 = $p.b1; $W2 = $p.W2; $b2 = $p.b2; $h = $W1.GetLength(0); $n = $X.GetLength(0); $d = $X.GetLength(1)
                $tot = 0.0
                for ($i = 0; $i -lt $n; $i++) {
                    $out = $b2[0]
                    for ($j = 0; $j -lt $h; $j++) {
                        $z = $b1[$j]; for ($k = 0; $k -lt $d; $k++) { $z += $W1[$j, $k] * $X[$i, $k] }
                        $keep = if ($fresh) { [double]($rng.NextDouble() -lt 0.8) } else { $M[$i, $j] }
                        $out += $W2[0, $j] * [Math]::Tanh($z) * $keep / 0.8
                    }
                    $e = $out - $Y[$i, 0]; $tot += $e * $e
                }
                $tot / $n
            }.GetNewClosure()
        }
        'two' {
            $kv = $D.k; $Aw = [double]$cfg.A; $Bw = [double]$cfg.B
            return {
                param($p)
                $s1 = 0.0; foreach ($x in $p.a) { $s1 += [Math]::Sin($x) }
                $s2 = 0.0; for ($i = 0; $i -lt $p.b.Count; $i++) { $s2 += [Math]::Sin($p.b[$i] * $kv[$i]) }
                $Aw * $s1 + $Bw * $s2
            }.GetNewClosure()
        }
        'embed' {
            $idx = $D.idx; $y = $D.y
            return {
                param($p)
                $Em = $p.E; $w = $p.w; $c = $p.c; $n = $idx.GetLength(0); $len = $idx.GetLength(1); $Dm = $Em.GetLength(1)
                $tot = 0.0
                for ($i = 0; $i -lt $n; $i++) {
                    $pred = $c
                    for ($k = 0; $k -lt $Dm; $k++) {
                        $s = 0.0; for ($t = 0; $t -lt $len; $t++) { $s += $Em[[int]$idx[$i, $t], $k] }
                        $pred += [Math]::Tanh($s / $len) * $w[$k]
                    }
                    $e = $pred - $y[$i]; $tot += $e * $e
                }
                $tot / $n
            }.GetNewClosure()
        }
        'tied' {
            $X = $D.X
            return {
                param($p)
                $W = $p.W; $b = $p.b; $c = $p.c; $n = $X.GetLength(0); $d = $X.GetLength(1); $h = $W.GetLength(0)
                $tot = 0.0
                for ($i = 0; $i -lt $n; $i++) {
                    $hv = [double[]]::new($h)
                    for ($j = 0; $j -lt $h; $j++) { $z = $b[$j]; for ($q = 0; $q -lt $d; $q++) { $z += $W[$j, $q] * $X[$i, $q] }; $hv[$j] = [Math]::Tanh($z) }
                    for ($q = 0; $q -lt $d; $q++) { $z = $c[$q]; for ($j = 0; $j -lt $h; $j++) { $z += $hv[$j] * $W[$j, $q] }; $e = $z - $X[$i, $q]; $tot += $e * $e }
                }
                $tot / $n
            }.GetNewClosure()
        }
        'cosine' {
            $X = $D.X; $T = $D.T; $eps = [double]$cfg.eps
            return {
                param($p)
                $W = $p.W; $b = $p.b; $n = $X.GetLength(0); $d = $X.GetLength(1); $k = $W.GetLength(0)
                $tot = 0.0
                for ($i = 0; $i -lt $n; $i++) {
                    $uu = 0.0; $tt = 0.0; $ut = 0.0
                    for ($j = 0; $j -lt $k; $j++) {
                        $z = $b[$j]; for ($q = 0; $q -lt $d; $q++) { $z += $W[$j, $q] * $X[$i, $q] }
                        $uu += $z * $z; $tt += $T[$i, $j] * $T[$i, $j]; $ut += $z * $T[$i, $j]
                    }
                    $tot += 1 - $ut / ([Math]::Sqrt($uu + $eps) * [Math]::Sqrt($tt))
                }
                $tot / $n
            }.GetNewClosure()
        }
        'smooth' {
            $f = [string]$cfg.f; $s = [double]$cfg.s; $A = $D.A; $av = $D.a
            return {
                param($p)
                $x = $p.x; $m = $x.Count; $u = [double[]]::new($m); for ($i = 0; $i -lt $m; $i++) { $u[$i] = $x[$i] / $s }
                $v = 0.0
                switch ($f) {
                    'rosen' { for ($i = 0; $i -lt $m - 1; $i++) { $t1 = $u[$i + 1] - $u[$i] * $u[$i]; $t2 = 1 - $u[$i]; $v += 100 * $t1 * $t1 + $t2 * $t2 } }
                    'lse' {
                        $r = $A.GetLength(0); $z = [double[]]::new($r)
                        for ($i = 0; $i -lt $r; $i++) { for ($j = 0; $j -lt $m; $j++) { $z[$i] += $A[$i, $j] * $u[$j] } }
                        $mx = ($z | Measure-Object -Maximum).Maximum; $ss = 0.0; foreach ($zi in $z) { $ss += [Math]::Exp($zi - $mx) }; $v = $mx + [Math]::Log($ss)
                    }
                    'expquad' { $q = 0.0; $q4 = 0.0; foreach ($ui in $u) { $q += $ui * $ui; $q4 += $ui * $ui * $ui * $ui }; $v = [Math]::Exp(0.1 * $q) + $q4 * 0.01 }
                    'logbar' { for ($i = 0; $i -lt $m; $i++) { $v += - ([Math]::Log($u[$i]) + [Math]::Log(1 - $u[$i])) + $u[$i] * $av[$i] } }
                }
                $offset + $scale * $v
            }.GetNewClosure()
        }
        'quant' {
            $X = $D.X; $y = $D.y; $q = [double]$cfg.q; $lam = [double]$cfg.lam
            return {
                param($p)
                $w = $p.w; $b = $p.b; $n = $X.GetLength(0); $d = $X.GetLength(1)
                $tot = 0.0
                for ($i = 0; $i -lt $n; $i++) { $z = $b; for ($k = 0; $k -lt $d; $k++) { $z += $X[$i, $k] * $w[$k] }; $e = $z - $y[$i]; $tot += $e * $e }
                $pq = 0.0; foreach ($wi in $w) { $pq += [Math]::Floor($wi * $q) }
                $tot / $n + $lam * $pq / $q
            }.GetNewClosure()
        }
    }
    throw "Unknown cost '$($Case.cost)' in case $($Case.id)."
}

function Get-ScriptCheckInput {
    # What Test-Gradient needs for one variant of a case: -Parameter, -Cost and -Gradient.
    param([Parameter(Mandatory)] $Case, [int] $Variant = -1)
    $gradient = Get-ScriptGradient $Case $Variant
    [pscustomobject]@{
        Parameter = ConvertFrom-ScriptDictionary $Case.params
        Cost      = New-ScriptCost $Case
        Gradient  = { param($t) $gradient }.GetNewClosure()
    }
}
