<#
.SYNOPSIS
    Layers with hand-written backward passes, to check with Test-Jacobian and Test-Hessian: affine, softmax, the
    course's convolution, an LSTM step, and the Rosenbrock function's gradient and Hessian.
.DESCRIPTION
    Dot-source this file to define the functions:

        . ./examples/JacobianLayers.ps1

    Each layer is a forward function y = f(x) and a backward function that takes the input x and an upstream
    gradient dy (in the output's form) and returns the vector-Jacobian product dyᵀ·J in the input's form, as a
    backward scriptblock param($x, $dy) does:

        { param($x, $dy) Invoke-AffineBackward $x $dy }

    A layer with several inputs takes them as an [ordered] dictionary of blocks, each a [double[,]] (or a
    [double[,,,]] for the convolution), and its backward returns an [ordered] dictionary of the same blocks with a
    'd' in front of each name: A, W, b give dA, dW, db. The backward functions have a -Bug switch (two for the
    Rosenbrock Hessian) that plants a classic mistake; the help of each function says which.

    The layers follow the deep-learning course (linear_forward, conv_forward / conv_backward, lstm_cell_forward /
    lstm_cell_backward) with two PowerShell traps avoided:
    - Names are case-insensitive: $W (the weights) and $w (the course's width index) are one variable, and so are
      $dW and $dw. The loops below use $row, $col, $fr and $fc instead.
    - In an index, the comma binds before +: write $A[$i, ($top + $fr)], not $A[$i, $top + $fr].
    tests/JacobianLayers.Tests.ps1 checks every function against torch (tests/reference/make_jacobian_fixtures.py).
.EXAMPLE
    . ./examples/JacobianLayers.ps1
    $x = [ordered]@{ A = [double[,]]::new(4, 3); W = [double[,]]::new(2, 4); b = [double[,]]::new(2, 1) }
    $Z = Invoke-AffineForward $x
    $grads = Invoke-AffineBackward $x $Z
#>

# --- The linear algebra numpy gives the course ----------------------------------------------------------------
function Get-MatrixProduct {
    <#
    .SYNOPSIS
        A·B for two [double[,]] matrices, as np.dot(A, B).
    #>
    param([Parameter(Mandatory, Position = 0)] [double[,]] $A, [Parameter(Mandatory, Position = 1)] [double[,]] $B)
    $rows = $A.GetLength(0); $inner = $A.GetLength(1); $columns = $B.GetLength(1)
    if ($B.GetLength(0) -ne $inner) { throw "Cannot multiply a ($rows × $inner) by a ($($B.GetLength(0)) × $columns)." }
    $C = [double[,]]::new($rows, $columns)
    for ($i = 0; $i -lt $rows; $i++) {
        for ($j = 0; $j -lt $columns; $j++) {
            $sum = 0.0
            for ($k = 0; $k -lt $inner; $k++) { $sum += $A[$i, $k] * $B[$k, $j] }
            $C[$i, $j] = $sum
        }
    }
    , $C
}

function Get-MatrixTranspose {
    <#
    .SYNOPSIS
        Aᵀ for a [double[,]] matrix, as A.T.
    #>
    param([Parameter(Mandatory, Position = 0)] [double[,]] $A)
    $T = [double[,]]::new($A.GetLength(1), $A.GetLength(0))
    for ($i = 0; $i -lt $A.GetLength(0); $i++) {
        for ($j = 0; $j -lt $A.GetLength(1); $j++) { $T[$j, $i] = $A[$i, $j] }
    }
    , $T
}

function Get-MatrixRowSum {
    <#
    .SYNOPSIS
        The sum of each row of a [double[,]] matrix as a column, as np.sum(A, axis=1, keepdims=True).
    #>
    param([Parameter(Mandatory, Position = 0)] [double[,]] $A)
    $sums = [double[,]]::new($A.GetLength(0), 1)
    for ($i = 0; $i -lt $A.GetLength(0); $i++) {
        for ($j = 0; $j -lt $A.GetLength(1); $j++) { $sums[$i, 0] += $A[$i, $j] }
    }
    , $sums
}

# --- Affine: Z = W·A + b --------------------------------------------------------------------------------------
function Invoke-AffineForward {
    <#
    .SYNOPSIS
        The affine layer Z = W·A + b, as the course's linear_forward.
    .DESCRIPTION
        A is features × examples, W is (outputs × features) and b is (outputs × 1), added to every column.
    .PARAMETER Inputs
        An [ordered] dictionary with the blocks A, W and b, each a [double[,]].
    .OUTPUTS
        Z, a [double[,]] (outputs × examples).
    .EXAMPLE
        $Z = Invoke-AffineForward ([ordered]@{ A = $A; W = $W; b = $b })
    #>
    param([Parameter(Mandatory, Position = 0)] [System.Collections.IDictionary] $Inputs)
    [double[,]] $b = $Inputs.b
    $Z = Get-MatrixProduct $Inputs.W $Inputs.A
    for ($i = 0; $i -lt $Z.GetLength(0); $i++) {
        for ($j = 0; $j -lt $Z.GetLength(1); $j++) { $Z[$i, $j] += $b[$i, 0] }
    }
    , $Z
}

function Invoke-AffineBackward {
    <#
    .SYNOPSIS
        The vector-Jacobian product of Z = W·A + b: dA = Wᵀ·dZ, dW = dZ·Aᵀ, db = the row sums of dZ.
    .DESCRIPTION
        This is the VJP of the layer itself, so there is no 1/m: the course's linear_backward divides by m because
        its dZ is the gradient of the sum of the examples' losses, not of the layer's output.
    .PARAMETER Inputs
        The forward's inputs: an [ordered] dictionary with A, W and b.
    .PARAMETER Upstream
        dZ, the upstream gradient, a [double[,]] of Z's shape.
    .PARAMETER Bug
        Plants a classic mistake in dW: the transpose forgotten, A·dZᵀ (features × outputs), and the product then
        reshaped row by row to W's (outputs × features) to make the shape error go away. dA and db stay right.
    .OUTPUTS
        An [ordered] dictionary with dA, dW and db, each of its input's shape.
    .EXAMPLE
        $grads = Invoke-AffineBackward $x $dZ
        $grads.dW
    #>
    param(
        [Parameter(Mandatory, Position = 0)] [System.Collections.IDictionary] $Inputs,
        [Parameter(Mandatory, Position = 1)] [double[,]] $Upstream,
        [switch] $Bug
    )
    [double[,]] $A = $Inputs.A
    [double[,]] $W = $Inputs.W
    $dZ = $Upstream
    $dA = Get-MatrixProduct (Get-MatrixTranspose $W) $dZ
    $dW = Get-MatrixProduct $dZ (Get-MatrixTranspose $A)
    if ($Bug) {
        # The bug: A·dZᵀ is (features × outputs); its entries, read row by row, are poured into W's shape.
        $wrong = Get-MatrixProduct $A (Get-MatrixTranspose $dZ)
        $entries = @(foreach ($value in $wrong) { $value })   # a [double[,]] enumerates row by row
        $columns = $W.GetLength(1)
        for ($n = 0; $n -lt $entries.Count; $n++) { $dW[[math]::Floor($n / $columns), ($n % $columns)] = $entries[$n] }
    }
    $db = Get-MatrixRowSum $dZ
    [ordered]@{ dA = $dA; dW = $dW; db = $db }
}

# --- Softmax over axis 0 ----------------------------------------------------------------------------------------
function Get-SoftmaxColumn {
    <#
    .SYNOPSIS
        softmax(z) of one vector, with the largest entry subtracted first so that Exp cannot overflow.
    #>
    param([Parameter(Mandatory, Position = 0)] [double[]] $Logits)
    $largest = $Logits[0]
    foreach ($value in $Logits) { if ($value -gt $largest) { $largest = $value } }
    $exps = [double[]]@(foreach ($value in $Logits) { [math]::Exp($value - $largest) })
    $total = 0.0
    foreach ($value in $exps) { $total += $value }
    , [double[]]@(foreach ($value in $exps) { $value / $total })
}

function Invoke-SoftmaxForward {
    <#
    .SYNOPSIS
        Y = softmax(Z) of a vector, or of each column (axis 0) of a matrix.
    .PARAMETER Z
        A [double[]] vector, or a [double[,]] matrix whose columns are softmaxed one by one.
    .OUTPUTS
        Y, of Z's shape: a [double[]] or a [double[,]].
    .EXAMPLE
        Invoke-SoftmaxForward ([double[]](1, 2, 3))
    #>
    param([Parameter(Mandatory, Position = 0)] [Array] $Z)
    if ($Z.Rank -eq 1) { return , (Get-SoftmaxColumn $Z) }
    $Y = [double[,]]::new($Z.GetLength(0), $Z.GetLength(1))
    for ($col = 0; $col -lt $Z.GetLength(1); $col++) {
        $column = [double[]]@(for ($row = 0; $row -lt $Z.GetLength(0); $row++) { $Z[$row, $col] })
        $softmax = Get-SoftmaxColumn $column
        for ($row = 0; $row -lt $Z.GetLength(0); $row++) { $Y[$row, $col] = $softmax[$row] }
    }
    , $Y
}

function Invoke-SoftmaxBackward {
    <#
    .SYNOPSIS
        The vector-Jacobian product of Y = softmax(Z): dZ = Y·dY − Y·Σ(Y·dY), the sum over each column.
    .PARAMETER Z
        The forward's input, a [double[]] or a [double[,]].
    .PARAMETER Upstream
        dY, the upstream gradient, of Z's shape.
    .PARAMETER Bug
        Plants a classic mistake: dZ = Y·dY, the −Y·Σ(Y·dY) term forgotten (only the Jacobian's diagonal).
    .OUTPUTS
        dZ, of Z's shape.
    .EXAMPLE
        Invoke-SoftmaxBackward $z $dy
    #>
    param(
        [Parameter(Mandatory, Position = 0)] [Array] $Z,
        [Parameter(Mandatory, Position = 1)] [Array] $Upstream,
        [switch] $Bug
    )
    $Y = Invoke-SoftmaxForward $Z
    $dY = $Upstream
    if ($Z.Rank -eq 1) {
        $dot = 0.0
        for ($i = 0; $i -lt $Y.Count; $i++) { $dot += $Y[$i] * $dY[$i] }
        if ($Bug) { $dot = 0.0 }
        return , [double[]]@(for ($i = 0; $i -lt $Y.Count; $i++) { $Y[$i] * $dY[$i] - $Y[$i] * $dot })
    }
    $dZ = [double[,]]::new($Z.GetLength(0), $Z.GetLength(1))
    for ($col = 0; $col -lt $Z.GetLength(1); $col++) {
        $dot = 0.0
        for ($row = 0; $row -lt $Z.GetLength(0); $row++) { $dot += $Y[$row, $col] * $dY[$row, $col] }
        if ($Bug) { $dot = 0.0 }
        for ($row = 0; $row -lt $Z.GetLength(0); $row++) {
            $dZ[$row, $col] = $Y[$row, $col] * $dY[$row, $col] - $Y[$row, $col] * $dot
        }
    }
    , $dZ
}

# --- Convolution: the course's conv_forward / conv_backward on NHWC arrays ------------------------------------
function Add-ZeroPadding {
    <#
    .SYNOPSIS
        The course's zero_pad: Pad zeros around the height and width of an (m, n_H, n_W, n_C) [double[,,,]].
    #>
    param([Parameter(Mandatory, Position = 0)] [double[,,,]] $X, [Parameter(Mandatory, Position = 1)] [int] $Pad)
    $m = $X.GetLength(0); $nH = $X.GetLength(1); $nW = $X.GetLength(2); $nC = $X.GetLength(3)
    $padded = [double[,,,]]::new($m, ($nH + 2 * $Pad), ($nW + 2 * $Pad), $nC)
    for ($i = 0; $i -lt $m; $i++) {
        for ($row = 0; $row -lt $nH; $row++) {
            for ($col = 0; $col -lt $nW; $col++) {
                for ($c = 0; $c -lt $nC; $c++) {
                    $padded[$i, ($row + $Pad), ($col + $Pad), $c] = $X[$i, $row, $col, $c]
                }
            }
        }
    }
    , $padded
}

function Invoke-ConvForward {
    <#
    .SYNOPSIS
        The course's conv_forward: a 2-D convolution (cross-correlation) of NHWC arrays, with stride and zero padding.
    .DESCRIPTION
        Z[i, row, col, c] = Σ A_prev_pad[i, top..top+f−1, left..left+f−1, :] · W[:, :, :, c] + b[0, 0, 0, c], where
        top = row·Stride and left = col·Stride. Z is (m, n_H, n_W, n_C) with n_H = ⌊(n_H_prev − f + 2·Pad) / Stride⌋
        + 1, and n_W likewise.
    .PARAMETER Inputs
        An [ordered] dictionary of [double[,,,]] blocks: A_prev (m, n_H_prev, n_W_prev, n_C_prev), W (f, f, n_C_prev,
        n_C) and b (1, 1, 1, n_C).
    .PARAMETER Stride
        The course's hparameters['stride']; 1 by default.
    .PARAMETER Pad
        The course's hparameters['pad'], zeros around the height and width; 1 by default.
    .OUTPUTS
        Z, a [double[,,,]] (m, n_H, n_W, n_C).
    .EXAMPLE
        $Z = Invoke-ConvForward ([ordered]@{ A_prev = $APrev; W = $W; b = $b }) -Stride 1 -Pad 1
    #>
    param(
        [Parameter(Mandatory, Position = 0)] [System.Collections.IDictionary] $Inputs,
        [int] $Stride = 1,
        [int] $Pad = 1
    )
    [double[,,,]] $APrev = $Inputs.A_prev
    [double[,,,]] $W = $Inputs.W
    [double[,,,]] $b = $Inputs.b
    $m = $APrev.GetLength(0); $f = $W.GetLength(0); $nCPrev = $W.GetLength(2); $nC = $W.GetLength(3)
    $nH = [math]::Floor(($APrev.GetLength(1) - $f + 2 * $Pad) / $Stride) + 1
    $nW = [math]::Floor(($APrev.GetLength(2) - $f + 2 * $Pad) / $Stride) + 1
    $Z = [double[,,,]]::new($m, $nH, $nW, $nC)
    $APrevPad = Add-ZeroPadding $APrev $Pad
    for ($i = 0; $i -lt $m; $i++) {
        for ($row = 0; $row -lt $nH; $row++) {
            $top = $row * $Stride
            for ($col = 0; $col -lt $nW; $col++) {
                $left = $col * $Stride
                for ($c = 0; $c -lt $nC; $c++) {
                    # conv_single_step: the window times the filter, summed, plus the bias
                    $sum = 0.0
                    for ($fr = 0; $fr -lt $f; $fr++) {
                        for ($fc = 0; $fc -lt $f; $fc++) {
                            for ($k = 0; $k -lt $nCPrev; $k++) {
                                $sum += $APrevPad[$i, ($top + $fr), ($left + $fc), $k] * $W[$fr, $fc, $k, $c]
                            }
                        }
                    }
                    $Z[$i, $row, $col, $c] = $sum + $b[0, 0, 0, $c]
                }
            }
        }
    }
    , $Z
}

function Invoke-ConvBackward {
    <#
    .SYNOPSIS
        The course's conv_backward: the vector-Jacobian product of Invoke-ConvForward for an upstream dZ.
    .DESCRIPTION
        Every output Z[i, row, col, c] sends dZ[i, row, col, c]·W[:, :, :, c] back to its window of dA_prev, its
        window times dZ[i, row, col, c] to dW[:, :, :, c], and dZ[i, row, col, c] itself to db[0, 0, 0, c]. The
        padded border of dA_prev is cut off at the end.
    .PARAMETER Inputs
        The forward's inputs: an [ordered] dictionary with A_prev, W and b.
    .PARAMETER Upstream
        dZ, a [double[,,,]] of Z's shape (m, n_H, n_W, n_C).
    .PARAMETER Stride
        As for Invoke-ConvForward; 1 by default.
    .PARAMETER Pad
        As for Invoke-ConvForward; 1 by default.
    .PARAMETER Bug
        Plants a classic mistake: db set to zeros inside the loop over the examples, so that it keeps the last
        example's sum only (the sum over the batch lost). dA_prev and dW stay right.
    .OUTPUTS
        An [ordered] dictionary of [double[,,,]] with dA_prev, dW and db, each of its input's shape.
    .EXAMPLE
        $grads = Invoke-ConvBackward $x $dZ -Stride 1 -Pad 1
    #>
    param(
        [Parameter(Mandatory, Position = 0)] [System.Collections.IDictionary] $Inputs,
        [Parameter(Mandatory, Position = 1)] [double[,,,]] $Upstream,
        [int] $Stride = 1,
        [int] $Pad = 1,
        [switch] $Bug
    )
    [double[,,,]] $APrev = $Inputs.A_prev
    [double[,,,]] $W = $Inputs.W
    $dZ = $Upstream
    $m = $dZ.GetLength(0); $nH = $dZ.GetLength(1); $nW = $dZ.GetLength(2); $nC = $dZ.GetLength(3)
    $f = $W.GetLength(0); $nCPrev = $W.GetLength(2)
    $APrevPad = Add-ZeroPadding $APrev $Pad
    $dAPrevPad = [double[,,,]]::new($APrevPad.GetLength(0), $APrevPad.GetLength(1), $APrevPad.GetLength(2), $nCPrev)
    $dW = [double[,,,]]::new($f, $f, $nCPrev, $nC)
    $db = [double[,,,]]::new(1, 1, 1, $nC)
    for ($i = 0; $i -lt $m; $i++) {
        if ($Bug) { $db = [double[,,,]]::new(1, 1, 1, $nC) }   # the bug: db starts again for every example
        for ($row = 0; $row -lt $nH; $row++) {
            $top = $row * $Stride
            for ($col = 0; $col -lt $nW; $col++) {
                $left = $col * $Stride
                for ($c = 0; $c -lt $nC; $c++) {
                    $g = $dZ[$i, $row, $col, $c]
                    for ($fr = 0; $fr -lt $f; $fr++) {
                        for ($fc = 0; $fc -lt $f; $fc++) {
                            for ($k = 0; $k -lt $nCPrev; $k++) {
                                $dAPrevPad[$i, ($top + $fr), ($left + $fc), $k] += $W[$fr, $fc, $k, $c] * $g
                                $dW[$fr, $fc, $k, $c] += $APrevPad[$i, ($top + $fr), ($left + $fc), $k] * $g
                            }
                        }
                    }
                    $db[0, 0, 0, $c] += $g
                }
            }
        }
    }
    # dA_prev is dA_prev_pad without its padded border
    $dAPrev = [double[,,,]]::new($APrev.GetLength(0), $APrev.GetLength(1), $APrev.GetLength(2), $nCPrev)
    for ($i = 0; $i -lt $m; $i++) {
        for ($row = 0; $row -lt $APrev.GetLength(1); $row++) {
            for ($col = 0; $col -lt $APrev.GetLength(2); $col++) {
                for ($k = 0; $k -lt $nCPrev; $k++) {
                    $dAPrev[$i, $row, $col, $k] = $dAPrevPad[$i, ($row + $Pad), ($col + $Pad), $k]
                }
            }
        }
    }
    [ordered]@{ dA_prev = $dAPrev; dW = $dW; db = $db }
}

# --- One LSTM step: the course's lstm_cell_forward / lstm_cell_backward ---------------------------------------
function Get-LstmGates {
    <#
    .SYNOPSIS
        The forward pass of one LSTM step with its intermediate values: concat, ft, it, cct, ot, c_next, a_next.
    #>
    param([Parameter(Mandatory, Position = 0)] [System.Collections.IDictionary] $Inputs)
    [double[,]] $xt = $Inputs.xt
    [double[,]] $aPrev = $Inputs.a_prev
    [double[,]] $cPrev = $Inputs.c_prev
    $nA = $aPrev.GetLength(0); $nX = $xt.GetLength(0); $m = $xt.GetLength(1)
    # concat = [a_prev; xt]: a_prev on top, as the course stacks them
    $concat = [double[,]]::new($nA + $nX, $m)
    for ($j = 0; $j -lt $m; $j++) {
        for ($r = 0; $r -lt $nA; $r++) { $concat[$r, $j] = $aPrev[$r, $j] }
        for ($r = 0; $r -lt $nX; $r++) { $concat[($nA + $r), $j] = $xt[$r, $j] }
    }
    $gate = @{}
    foreach ($name in 'f', 'i', 'c', 'o') {
        $gate[$name] = Invoke-AffineForward ([ordered]@{ A = $concat; W = $Inputs["W$name"]; b = $Inputs["b$name"] })
    }
    $ft = $gate.f; $it = $gate.i; $cct = $gate.c; $ot = $gate.o   # the pre-activations, activated in place below
    $cNext = [double[,]]::new($nA, $m)
    $aNext = [double[,]]::new($nA, $m)
    for ($r = 0; $r -lt $nA; $r++) {
        for ($j = 0; $j -lt $m; $j++) {
            $ft[$r, $j] = 1.0 / (1.0 + [math]::Exp(-$ft[$r, $j]))
            $it[$r, $j] = 1.0 / (1.0 + [math]::Exp(-$it[$r, $j]))
            $cct[$r, $j] = [math]::Tanh($cct[$r, $j])
            $ot[$r, $j] = 1.0 / (1.0 + [math]::Exp(-$ot[$r, $j]))
            $cNext[$r, $j] = $ft[$r, $j] * $cPrev[$r, $j] + $it[$r, $j] * $cct[$r, $j]
            $aNext[$r, $j] = $ot[$r, $j] * [math]::Tanh($cNext[$r, $j])
        }
    }
    @{ concat = $concat; ft = $ft; it = $it; cct = $cct; ot = $ot; c_next = $cNext; a_next = $aNext }
}

function Invoke-LstmCellForward {
    <#
    .SYNOPSIS
        One LSTM step, the course's lstm_cell_forward(xt, a_prev, c_prev, parameters).
    .DESCRIPTION
        concat = [a_prev; xt], ft = σ(Wf·concat + bf), it = σ(Wi·concat + bi), cct = tanh(Wc·concat + bc),
        c_next = ft·c_prev + it·cct, ot = σ(Wo·concat + bo) and a_next = ot·tanh(c_next), entry by entry.
    .PARAMETER Inputs
        An [ordered] dictionary of [double[,]] blocks: xt (n_x × m), a_prev and c_prev (n_a × m), and the
        parameters Wf, bf, Wi, bi, Wc, bc, Wo, bo, each W (n_a × (n_a + n_x)) and each b (n_a × 1).
    .OUTPUTS
        An [ordered] dictionary with a_next and c_next, each a [double[,]] (n_a × m).
    .EXAMPLE
        $step = Invoke-LstmCellForward $x
        $step.a_next
    #>
    param([Parameter(Mandatory, Position = 0)] [System.Collections.IDictionary] $Inputs)
    $cell = Get-LstmGates $Inputs
    [ordered]@{ a_next = $cell.a_next; c_next = $cell.c_next }
}

function Invoke-LstmCellBackward {
    <#
    .SYNOPSIS
        The vector-Jacobian product of one LSTM step, the course's lstm_cell_backward, for both upstream gradients.
    .DESCRIPTION
        Everything that reaches c_next is dc = dc_next + ot·(1 − tanh²(c_next))·da_next. The gates' gradients
        before their activations are dot = da_next·tanh(c_next)·ot·(1 − ot), dcct = dc·it·(1 − cct²),
        dit = dc·cct·it·(1 − it) and dft = dc·c_prev·ft·(1 − ft); each gate is an affine layer of concat, so
        Invoke-AffineBackward gives its dW, db and its share of dconcat, whose top n_a rows are da_prev and the
        rest dxt. Finally dc_prev = dc·ft.
    .PARAMETER Inputs
        The forward's inputs: an [ordered] dictionary with xt, a_prev, c_prev, Wf, bf, Wi, bi, Wc, bc, Wo, bo.
    .PARAMETER Upstream
        A dictionary with a_next and c_next: the upstream gradients da_next and dc_next, each (n_a × m).
    .PARAMETER Bug
        Plants a classic mistake in dc_prev: dc_next·ft + ot·(1 − tanh²(c_next))·da_next, the factor ft dropped on
        the path through a_next. Every other gradient stays right.
    .OUTPUTS
        An [ordered] dictionary of [double[,]]: dxt, da_prev, dc_prev, dWf, dbf, dWi, dbi, dWc, dbc, dWo, dbo.
    .EXAMPLE
        $grads = Invoke-LstmCellBackward $x ([ordered]@{ a_next = $daNext; c_next = $dcNext })
    #>
    param(
        [Parameter(Mandatory, Position = 0)] [System.Collections.IDictionary] $Inputs,
        [Parameter(Mandatory, Position = 1)] [System.Collections.IDictionary] $Upstream,
        [switch] $Bug
    )
    $cell = Get-LstmGates $Inputs
    [double[,]] $daNext = $Upstream.a_next
    [double[,]] $dcNext = $Upstream.c_next
    [double[,]] $cPrev = $Inputs.c_prev
    $ft = $cell.ft; $it = $cell.it; $cct = $cell.cct; $ot = $cell.ot
    $nA = $cPrev.GetLength(0); $m = $cPrev.GetLength(1); $nX = $cell.concat.GetLength(0) - $nA
    $dGate = @{ f = [double[,]]::new($nA, $m); i = [double[,]]::new($nA, $m)
                c = [double[,]]::new($nA, $m); o = [double[,]]::new($nA, $m) }
    $dcPrev = [double[,]]::new($nA, $m)
    for ($r = 0; $r -lt $nA; $r++) {
        for ($j = 0; $j -lt $m; $j++) {
            $tanhC = [math]::Tanh($cell.c_next[$r, $j])
            $throughA = $ot[$r, $j] * (1 - $tanhC * $tanhC) * $daNext[$r, $j]   # da_next's share of dc_next
            $dc = $dcNext[$r, $j] + $throughA
            $dGate.o[$r, $j] = $daNext[$r, $j] * $tanhC * $ot[$r, $j] * (1 - $ot[$r, $j])
            $dGate.c[$r, $j] = $dc * $it[$r, $j] * (1 - $cct[$r, $j] * $cct[$r, $j])
            $dGate.i[$r, $j] = $dc * $cct[$r, $j] * $it[$r, $j] * (1 - $it[$r, $j])
            $dGate.f[$r, $j] = $dc * $cPrev[$r, $j] * $ft[$r, $j] * (1 - $ft[$r, $j])
            $dcPrev[$r, $j] = $dcNext[$r, $j] * $ft[$r, $j] + $throughA * $ft[$r, $j]
            if ($Bug) { $dcPrev[$r, $j] = $dcNext[$r, $j] * $ft[$r, $j] + $throughA }   # the bug: ft dropped
        }
    }
    $dConcat = [double[,]]::new($nA + $nX, $m)
    $parameterGrads = [ordered]@{}
    foreach ($name in 'f', 'i', 'c', 'o') {
        $affine = [ordered]@{ A = $cell.concat; W = $Inputs["W$name"]; b = $Inputs["b$name"] }
        $grads = Invoke-AffineBackward $affine $dGate[$name]
        for ($r = 0; $r -lt $nA + $nX; $r++) { for ($j = 0; $j -lt $m; $j++) { $dConcat[$r, $j] += $grads.dA[$r, $j] } }
        $parameterGrads["dW$name"] = $grads.dW
        $parameterGrads["db$name"] = $grads.db
    }
    $daPrev = [double[,]]::new($nA, $m)
    $dxt = [double[,]]::new($nX, $m)
    for ($j = 0; $j -lt $m; $j++) {
        for ($r = 0; $r -lt $nA; $r++) { $daPrev[$r, $j] = $dConcat[$r, $j] }
        for ($r = 0; $r -lt $nX; $r++) { $dxt[$r, $j] = $dConcat[($nA + $r), $j] }
    }
    $result = [ordered]@{ dxt = $dxt; da_prev = $daPrev; dc_prev = $dcPrev }
    foreach ($key in $parameterGrads.Keys) { $result[$key] = $parameterGrads[$key] }
    $result
}

# --- The Rosenbrock function: gradient, Hessian-vector product, Hessian ----------------------------------------
function Get-RosenbrockCost {
    <#
    .SYNOPSIS
        f(θ) = Σ 100·(θ[i+1] − θ[i]²)² + (1 − θ[i])², summed over i = 0 … n−2.
    .PARAMETER Theta
        θ, a [double[]] of length 2 or more.
    .OUTPUTS
        The cost, a [double].
    .EXAMPLE
        Get-RosenbrockCost ([double[]](-1.2, 1))
    #>
    param([Parameter(Mandatory, Position = 0)] [double[]] $Theta)
    $cost = 0.0
    for ($i = 0; $i -lt $Theta.Count - 1; $i++) {
        $inner = $Theta[$i + 1] - $Theta[$i] * $Theta[$i]
        $cost += 100 * $inner * $inner + (1 - $Theta[$i]) * (1 - $Theta[$i])
    }
    $cost
}

function Get-RosenbrockGradient {
    <#
    .SYNOPSIS
        The gradient of the Rosenbrock function.
    .DESCRIPTION
        Each term 100·(θ[i+1] − θ[i]²)² + (1 − θ[i])² adds −400·θ[i]·(θ[i+1] − θ[i]²) − 2·(1 − θ[i]) to g[i] and
        200·(θ[i+1] − θ[i]²) to g[i+1].
    .PARAMETER Theta
        θ, a [double[]].
    .OUTPUTS
        The gradient, a [double[]] of θ's length.
    .EXAMPLE
        Get-RosenbrockGradient ([double[]](-1.2, 1))
    #>
    param([Parameter(Mandatory, Position = 0)] [double[]] $Theta)
    $gradient = [double[]]::new($Theta.Count)
    for ($i = 0; $i -lt $Theta.Count - 1; $i++) {
        $inner = $Theta[$i + 1] - $Theta[$i] * $Theta[$i]
        $gradient[$i] += -400 * $Theta[$i] * $inner - 2 * (1 - $Theta[$i])
        $gradient[$i + 1] += 200 * $inner
    }
    , $gradient
}

function Get-RosenbrockCoupling {
    <#
    .SYNOPSIS
        H[i, i+1] and H[i+1, i] of the Rosenbrock Hessian, −400·θ[i] each, with the bugs the switches plant.
    #>
    param([double[]] $Theta, [int] $Index, [switch] $BugAsymmetric, [switch] $BugSymmetric)
    $upper = -400 * $Theta[$Index]   # H[i, i+1]
    $lower = -400 * $Theta[$Index]   # H[i+1, i]
    if ($BugAsymmetric -and $Index -eq 0) { $upper = -400 * $Theta[1] }             # the wrong index, in H[0,1] only
    if ($BugSymmetric -and $Index -eq 1) { $upper = -200 * $Theta[1]; $lower = $upper }   # the factor 2 lost
    $upper, $lower
}

function Get-RosenbrockHessian {
    <#
    .SYNOPSIS
        The Hessian of the Rosenbrock function, a tridiagonal matrix.
    .DESCRIPTION
        Each term 100·(θ[i+1] − θ[i]²)² + (1 − θ[i])² adds 1200·θ[i]² − 400·θ[i+1] + 2 to H[i, i], 200 to
        H[i+1, i+1], and −400·θ[i] to H[i, i+1] and H[i+1, i].
    .PARAMETER Theta
        θ, a [double[]].
    .PARAMETER BugAsymmetric
        Plants a mistake in one entry: H[0,1] = −400·θ[1] instead of −400·θ[0], while H[1,0] stays right, so the
        Hessian is no longer symmetric.
    .PARAMETER BugSymmetric
        Plants a mistake that keeps the Hessian symmetric: H[1,2] = H[2,1] = −200·θ[1] instead of −400·θ[1].
    .OUTPUTS
        The Hessian, a [double[,]] (n × n).
    .EXAMPLE
        Get-RosenbrockHessian ([double[]](-1.2, 1, 0.7, 1.3)) -BugSymmetric
    #>
    param(
        [Parameter(Mandatory, Position = 0)] [double[]] $Theta,
        [switch] $BugAsymmetric,
        [switch] $BugSymmetric
    )
    $n = $Theta.Count
    $H = [double[,]]::new($n, $n)
    for ($i = 0; $i -lt $n - 1; $i++) {
        $upper, $lower = Get-RosenbrockCoupling $Theta $i -BugAsymmetric:$BugAsymmetric -BugSymmetric:$BugSymmetric
        $H[$i, $i] += 1200 * $Theta[$i] * $Theta[$i] - 400 * $Theta[$i + 1] + 2
        $H[($i + 1), ($i + 1)] += 200
        $H[$i, ($i + 1)] = $upper
        $H[($i + 1), $i] = $lower
    }
    , $H
}

function Get-RosenbrockHessianVectorProduct {
    <#
    .SYNOPSIS
        The Hessian-vector product H·v of the Rosenbrock function, without building H.
    .DESCRIPTION
        Row by row, the same entries as Get-RosenbrockHessian, multiplied by v as they are made.
    .PARAMETER Theta
        θ, a [double[]].
    .PARAMETER Vector
        v, a [double[]] of θ's length.
    .PARAMETER BugAsymmetric
        The same mistake as Get-RosenbrockHessian -BugAsymmetric: H[0,1] wrong.
    .PARAMETER BugSymmetric
        The same mistake as Get-RosenbrockHessian -BugSymmetric: H[1,2] and H[2,1] wrong alike.
    .OUTPUTS
        H·v, a [double[]].
    .EXAMPLE
        Get-RosenbrockHessianVectorProduct ([double[]](-1.2, 1)) ([double[]](1, 0))
    #>
    param(
        [Parameter(Mandatory, Position = 0)] [double[]] $Theta,
        [Parameter(Mandatory, Position = 1)] [double[]] $Vector,
        [switch] $BugAsymmetric,
        [switch] $BugSymmetric
    )
    $product = [double[]]::new($Theta.Count)
    for ($i = 0; $i -lt $Theta.Count - 1; $i++) {
        $upper, $lower = Get-RosenbrockCoupling $Theta $i -BugAsymmetric:$BugAsymmetric -BugSymmetric:$BugSymmetric
        $diagonal = 1200 * $Theta[$i] * $Theta[$i] - 400 * $Theta[$i + 1] + 2
        $product[$i] += $diagonal * $Vector[$i] + $upper * $Vector[$i + 1]
        $product[$i + 1] += $lower * $Vector[$i] + 200 * $Vector[$i + 1]
    }
    , $product
}
