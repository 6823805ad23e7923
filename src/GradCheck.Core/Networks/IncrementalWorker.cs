using System;
using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>How a network evaluates the cost at θ with one entry moved.</summary>
    public enum NetworkEvaluation
    {
        /// <summary>
        /// Full for networks so small that every full pass together costs under a million multiply-adds (there it
        /// is as fast, and its rounding follows numpy's digit for digit, as the course's numbers need); else
        /// Incremental.
        /// </summary>
        Auto,

        /// <summary>
        /// Reuse the forward pass at θ: recompute one row of Z_l, push it into layer l+1 as a rank-1 update, then
        /// the rest.
        /// </summary>
        Incremental,

        /// <summary>A whole forward pass per cost, as the course's numpy loop does.</summary>
        Full,
    }

    /// <summary>
    /// Perturbed costs that reuse the unperturbed forward pass. Moving W_l[r,c] (or b_l[r]) by Δ changes only
    /// row r of Z_l: z′ = Z_l[r,:] + Δ·A_{l−1}[c,:] (or + Δ). Its activation change d = f(z′) − A_l[r,:]
    /// reaches layer l+1 as the rank-1 update Z_{l+1} + W_{l+1}[:,r]·d, and only the layers after that are
    /// recomputed. For the last hidden layer of a 784-128-64-1 network that is a few thousand multiply-adds
    /// instead of a full forward pass's 3.5 million. Every buffer is the worker's own: nothing is allocated
    /// per evaluation, and each cost depends only on (entry, δ).
    /// The rest stays incremental too: a dropout mask is elementwise after the activation (a dropped unit
    /// neither changes nor crosses a kink); the L2 term is separable, Σ W² moving by δ·(2w + δ); and a
    /// softmax output couples only the units of one example, whose column is recomputed whole. The costs
    /// differ from <see cref="NetworkEvaluation.Full"/>'s by rounding only: a rank-1 update adds δ·a to a
    /// finished sum, the masks multiply by D/p where the full pass divides by p, and Σ W² is updated rather
    /// than summed anew; each moves J by a few ulps of |J| (the tests bound it by 64·u·max(1, |J|)).
    /// After the moved row only the examples it reached are computed, packed (<see cref="PackedColumns"/>), and
    /// the forward pass at θ is shared by all workers (<see cref="ForwardAtTheta"/>). A row two layers before the
    /// output, behind a rectifier layer that keeps its signs, reaches the output linearly (<see cref="LinearReach"/>):
    /// then the rank-1 step is skipped, and only the output's columns are moved.
    /// </summary>
    internal sealed class IncrementalWorker : IPerturbedCostWorker, IBranchAwareWorker
    {
        private readonly NetworkShape _s;
        private readonly double[] _theta;
        private readonly PropagationBuffers _base;
        private readonly double[][] _columns;
        private readonly LinearReach _reach;
        private readonly PropagationBuffers _scratch;
        private readonly PackedColumns _packed;
        private readonly double[] _zRow;
        private readonly double[] _fRow;
        private readonly double[] _aRow;
        private readonly double[] _delta;
        private readonly double[] _packedDelta;
        private readonly int[] _changed;
        private readonly double _baseData;
        private readonly double _baseSquares;

        public IncrementalWorker(NetworkShape shape, double[] theta) : this(shape, theta,
            new ForwardAtTheta(shape, theta))
        {
        }

        /// <param name="atTheta">The forward pass at θ, shared with other workers; only read.</param>
        public IncrementalWorker(NetworkShape shape, double[] theta, ForwardAtTheta atTheta)
        {
            _s = shape;
            _theta = theta;
            _base = atTheta.Buffers;
            _columns = atTheta.Columns;
            _reach = atTheta.Reach;
            _baseData = atTheta.Data;
            _baseSquares = atTheta.Squares;
            _scratch = new PropagationBuffers(shape);
            _packed = new PackedColumns(shape, _base);
            _zRow = new double[shape.Examples];
            _fRow = new double[shape.Examples];
            _aRow = new double[shape.Examples];
            _delta = new double[shape.Examples];
            _packedDelta = new double[_packed.Columns.Length];
            _changed = new int[shape.Examples];
        }

        // Read after every cost by the checker's loop: compiled once, optimised, like the rest of the path.
        public bool LastCostChangedBranch { [MethodImpl(HotPath.Optimize)] get; private set; }

        [MethodImpl(HotPath.Optimize)]
        public double Cost(int entry, double delta)
        {
            var (l, isBias, r, c) = _s.Locate(entry);
            double step = (_theta[entry] + delta) - _theta[entry]; // the perturbation as rounded into θ
            MoveRow(l, isBias, r, c, step);
            bool crossed;
            double data = l == _s.Layers ? OutputRowCost(r, out crossed) : HiddenRowCost(l, r, out crossed);
            LastCostChangedBranch = crossed;
            double squares = isBias || _s.L2 == 0 ? _baseSquares : L2Penalty.Moved(_baseSquares, _theta[entry], step);
            return L2Penalty.Add(_s, data, squares);
        }

        /// <summary>Row r of Z_l with W_l[r,c] or b_l[r] moved by step, into _zRow.</summary>
        [MethodImpl(HotPath.Optimize)]
        private void MoveRow(int l, bool isBias, int r, int c, double step)
        {
            int m = _s.Examples, row = r * m;
            double[] z = _base.Z[l], previous = _base.A[l - 1];
            if (isBias) for (int j = 0; j < m; j++) _zRow[j] = z[row + j] + step;
            else Kernels.ScaledSum(_zRow, 0, z, row, step, previous, c * m, m);
        }

        /// <summary>
        /// A hidden row moved: its activation change goes on as a rank-1 update, then the later layers, in the
        /// examples it reached only.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        private double HiddenRowCost(int l, int r, out bool crossed)
        {
            int m = _s.Examples, row = r * m, L = _s.Layers;
            var f = _s.ActivationOf(l);
            double[] mask = _s.MaskOf(l);
            f.ActivateRow(_zRow, _fRow, 0, m);
            double[] moved = mask == null ? _fRow : _aRow;
            // Exactly as the full pass divides, so that an example whose f did not move keeps d = 0.
            if (mask != null) _s.Dropout.ApplyRow(l, _fRow, _aRow, row, m);
            int changed = ChangedColumns(moved, _base.A[l], row);
            crossed = f.HasKink && RowCrossed(_base.Z[l], row, mask);
            // The row's activations did not change at all (a ReLU unit off, or dropped, for every example, say):
            // every later layer, and so the loss, is bit for bit what it was at θ.
            if (changed == 0) return _baseData;
            // A row two layers before the output whose step keeps every unit between them on its side: linear.
            if (l == L - 2 && _reach != null && _reach.TryMove(r, _delta, _changed, changed, _base.Z[L], _scratch.Z[L]))
                return OutputCost(changed);
            _packed.Pack(l + 1, _changed, changed);
            int c = _packed.Padded;
            int[] columns = _packed.Columns;
            for (int q = 0; q < c; q++) _packedDelta[q] = _delta[columns[q]];
            int t = l + 2;
            if (t <= L && _s.ActivationOf(l + 1) is RectifierActivation rectifier)
            {
                // The common case, a ReLU layer and then a dense one: both in one pass, A′_{l+1} never stored.
                crossed |= RankOneRectifyInto(l + 1, r, c, rectifier.NegativeSlope);
                FinishPacked(t, c);
                crossed |= PackedBranchesDiffer(t, c);
                t++;
            }
            else crossed |= RankOneIntoNext(l + 1, r, c);
            for (; t <= L; t++)
            {
                ForwardPacked(t, c);
                crossed |= PackedBranchesDiffer(t, c);
            }
            _packed.ScatterOutput(_scratch.Z[L]);
            return OutputCost(changed);
        }

        /// <summary>
        /// d = moved − A_l[r,:] into _delta, and the columns where it is not 0 into _changed; returns how many.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        private int ChangedColumns(double[] moved, double[] a, int row)
        {
            int changed = 0;
            for (int j = 0; j < _s.Examples; j++)
            {
                double d = moved[j] - a[row + j];
                _delta[j] = d;
                // Written unconditionally, kept by the count: whether a unit is active is a coin toss the branch
                // predictor loses half the time.
                _changed[changed] = j;
                changed += d != 0 ? 1 : 0;
            }
            return changed;
        }

        /// <summary>Whether any kept unit of the moved row has another sign than at θ.</summary>
        [MethodImpl(HotPath.Optimize)]
        private bool RowCrossed(double[] z, int row, double[] mask) =>
            Kernels.SignsDiffer(_zRow, 0, z, row, mask, _s.Examples);

        /// <summary>
        /// An output row moved: Z_L with that row replaced, and the examples where it moved recomputed.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        private double OutputRowCost(int r, out bool crossed)
        {
            int m = _s.Examples, row = r * m, L = _s.Layers;
            double[] z = _base.Z[L], zOut = _scratch.Z[L];
            Array.Copy(z, zOut, z.Length);
            Array.Copy(_zRow, 0, zOut, row, m);
            int changed = 0;
            for (int j = 0; j < m; j++)
                if (_zRow[j] != z[row + j]) _changed[changed++] = j;
            crossed = _s.ActivationOf(L).HasKink && RowCrossed(z, row, null);
            return changed == 0 ? _baseData : OutputCost(changed);
        }

        /// <summary>
        /// The loss from the new output pre-activations. Examples are independent, so only the columns where the
        /// perturbed row moved can differ: only their outputs and loss terms are recomputed (the exponentials and
        /// logarithms are most of the work); the others keep θ's terms, bit for bit.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        private double OutputCost(int changed)
        {
            int m = _s.Examples, L = _s.Layers, rows = _s.Sizes[L];
            double[] z = _scratch.Z[L], a = _scratch.A[L], terms = _scratch.Terms;
            Array.Copy(_base.Terms, terms, terms.Length);
            _s.ActivationOf(L).ActivateColumns(z, a, rows, m, _changed, changed);
            _s.LossFunction.ColumnTerms(z, a, _s.Label, terms, rows, m, _changed, changed);
            return _s.LossFunction.Total(terms, m);
        }

        /// <summary>
        /// Z′_n = Z_n + W_n[:, r] ⊗ d (W_n[:, r] from the base's contiguous copy), then A′_n = f(Z′_n) (through
        /// the mask) unless n is the output, in the c packed columns; returns whether a branch flipped.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        private bool RankOneIntoNext(int n, int r, int c)
        {
            int rows = _s.Sizes[n], w = r * rows;
            double[] z = _packed.BaseZ[n], zOut = _packed.Z[n], column = _columns[n];
            if (n == _s.Layers)
            {
                for (int k = 0; k < rows; k++) Kernels.ScaledSum(zOut, k * c, z, k * c, column[w + k], _packedDelta, c);
                // The output layer keeps every unit.
                return _s.ActivationOf(n).HasKink && Kernels.SignsDiffer(zOut, z, rows * c);
            }
            var f = _s.ActivationOf(n);
            double[] scaled = _packed.Scaled[n], aOut = _packed.A[n];
            bool flipped = false;
            for (int k = 0; k < rows; k++) flipped |= f.RankOne(zOut, aOut, z, k * c, column[w + k], _packedDelta, c,
                scaled);
            return flipped;
        }

        /// <summary>
        /// Z′_n + W_n[:, r] ⊗ d through the rectifier of layer n, and on into Σ_k W_{n+1}[:, k]·A′_n[k, :], packed:
        /// layer n + 1's sums before its bias (<see cref="Kernels.RankOneRectifyDense"/>); returns whether a kept unit
        /// of layer n crossed its kink.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        private bool RankOneRectifyInto(int n, int r, int c, double slope) =>
            Kernels.RankOneRectifyDense(_packed.BaseZ[n], _s.Sizes[n], c, _columns[n], r * _s.Sizes[n],
                _packedDelta, slope, _packed.Scaled[n], _theta, _s.WeightOffset[n + 1], _s.Sizes[n + 1],
                _packed.Z[n + 1]);

        /// <summary>
        /// Layer t in the c packed columns from the packed A_{t−1}, as <see cref="Propagation.ForwardLayer"/> computes
        /// it; the output layer is left unactivated.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        private void ForwardPacked(int t, int c)
        {
            int rows = _s.Sizes[t], inner = _s.Sizes[t - 1], w = _s.WeightOffset[t], b = _s.BiasOffset[t];
            bool activate = t < _s.Layers;
            var g = activate ? _s.ActivationOf(t) : null;
            double[] previous = _packed.A[t - 1], z = _packed.Z[t], f = _packed.F[t];
            for (int r = 0; r < rows; r++)
                Propagation.ForwardRow(_theta, w + r * inner, _theta[b + r], previous, inner, c, z, f, r * c, g);
            if (activate) CompleteLayer(t, c);
        }

        /// <summary>
        /// Layer t's packed sums finished as <see cref="Propagation.ForwardRow"/> finishes a row: + b, then f unless t
        /// is the output.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        private void FinishPacked(int t, int c)
        {
            int rows = _s.Sizes[t], b = _s.BiasOffset[t];
            bool activate = t < _s.Layers;
            double[] z = _packed.Z[t], f = _packed.F[t];
            for (int r = 0; r < rows; r++)
            {
                double bias = _theta[b + r];
                for (int q = r * c; q < (r + 1) * c; q++) z[q] += bias;
                if (activate) _s.ActivationOf(t).ActivateRow(z, f, r * c, c);
            }
            if (activate) CompleteLayer(t, c);
        }

        /// <summary>The rest of a hidden layer after its rows: what couples them, then dropout.</summary>
        [MethodImpl(HotPath.Optimize)]
        private void CompleteLayer(int t, int c)
        {
            int rows = _s.Sizes[t];
            double[] z = _packed.Z[t], f = _packed.F[t];
            _s.ActivationOf(t).CompleteLayer(z, f, rows, c);
            double[] mask = _packed.Mask[t];
            if (mask == null) return;
            // As DropoutMasks.Apply writes it: (f·D) / p.
            double keep = _s.Dropout.Keep;
            double[] a = _packed.A[t];
            for (int i = 0; i < rows * c; i++) a[i] = f[i] * mask[i] / keep;
        }

        /// <summary>
        /// Whether a kept, kinked pre-activation of layer t has another sign than at θ, in the packed columns.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        private bool PackedBranchesDiffer(int t, int c)
        {
            if (!_s.ActivationOf(t).HasKink) return false;
            double[] mask = _packed.Mask[t], z = _packed.Z[t], reference = _packed.BaseZ[t];
            int n = _s.Sizes[t] * c;
            return Kernels.SignsDiffer(z, 0, reference, 0, mask, n);
        }
    }
}
