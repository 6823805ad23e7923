using System;

namespace GradCheck
{
    /// <summary>How a network evaluates the cost at θ with one entry moved.</summary>
    public enum NetworkEvaluation
    {
        /// <summary>
        /// Full for networks so small that every full pass together costs under a million multiply-adds (there it
        /// is as fast, and its rounding follows numpy's digit for digit, as the course's numbers need); else Incremental.
        /// </summary>
        Auto,

        /// <summary>Reuse the forward pass at θ: recompute one row of Z_l, push it into layer l+1 as a rank-1 update, then the rest.</summary>
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
    /// </summary>
    internal sealed class IncrementalWorker : IPerturbedCostWorker, IBranchAwareWorker
    {
        private readonly NetworkShape _s;
        private readonly double[] _theta;
        private readonly PropagationBuffers _base;
        private readonly PropagationBuffers _scratch;
        private readonly double[] _zRow;
        private readonly double[] _aRow;
        private readonly double[] _delta;
        private readonly int[] _changed;
        private readonly double _baseCost;

        public IncrementalWorker(NetworkShape shape, double[] theta)
        {
            _s = shape;
            _theta = theta;
            _base = new PropagationBuffers(shape);
            _baseCost = Propagation.Forward(shape, theta, _base);
            _scratch = new PropagationBuffers(shape);
            _zRow = new double[shape.Examples];
            _aRow = new double[shape.Examples];
            _delta = new double[shape.Examples];
            _changed = new int[shape.Examples];
        }

        public bool LastCostChangedBranch { get; private set; }

        public double Cost(int entry, double delta)
        {
            var (l, isBias, r, c) = _s.Locate(entry);
            int m = _s.Examples;
            double step = (_theta[entry] + delta) - _theta[entry]; // the perturbation as rounded into θ
            double[] z = _base.Z[l], a = _base.A[l], previous = _base.A[l - 1];
            var f = _s.ActivationOf(l);
            int row = r * m;
            if (isBias) for (int j = 0; j < m; j++) _zRow[j] = z[row + j] + step;
            else for (int j = 0, p = c * m; j < m; j++) _zRow[j] = z[row + j] + step * previous[p + j];
            Activations.ApplyRange(f, _zRow, _aRow, 0, m);
            bool crossed = false;
            int changed = 0;
            for (int j = 0; j < m; j++)
            {
                _delta[j] = _aRow[j] - a[row + j];
                if (_delta[j] != 0) _changed[changed++] = j;
            }
            if (Activations.HasKink(f))
                for (int j = 0; j < m; j++) crossed |= (_zRow[j] > 0) != (z[row + j] > 0);
            double cost;
            if (changed == 0 && l < _s.Layers)
            {
                // The row's activations did not change at all (a ReLU unit off for every example, say): every
                // later layer, and so the cost, is bit for bit what it was at θ.
                cost = _baseCost;
            }
            else if (l == _s.Layers)
            {
                // The output row itself changed: the loss terms of that row only.
                Array.Copy(_base.Terms, _scratch.Terms, _base.Terms.Length);
                for (int j = 0; j < m; j++) _scratch.Terms[row + j] = Propagation.Term(_s.Loss, _aRow[j], _s.Label[row + j]);
                cost = Propagation.Total(_s, _scratch.Terms);
            }
            else
            {
                int L = _s.Layers;
                crossed |= RankOneIntoNext(l + 1, r, activate: l + 1 < L);
                for (int t = l + 2; t <= L; t++)
                {
                    Propagation.ForwardLayer(_s, _theta, _scratch, t, activate: t < L);
                    crossed |= Branches.Differ(_s, t, _scratch.Z[t], _base.Z[t]);
                }
                cost = OutputCost(changed);
            }
            LastCostChangedBranch = crossed;
            return cost;
        }

        /// <summary>
        /// The cost from the new output pre-activations. Examples are independent, so only the columns where the
        /// perturbed row's activations moved can differ: only their outputs and loss terms are recomputed (the
        /// exponentials and logarithms are most of the work); the others keep θ's terms, bit for bit.
        /// </summary>
        private double OutputCost(int changed)
        {
            int m = _s.Examples, L = _s.Layers;
            double[] z = _scratch.Z[L], terms = _scratch.Terms, y = _s.Label;
            var f = _s.ActivationOf(L);
            Array.Copy(_base.Terms, terms, terms.Length);
            for (int q = 0; q < _s.Sizes[L]; q++)
                for (int k = 0; k < changed; k++)
                {
                    int t = q * m + _changed[k];
                    terms[t] = Propagation.Term(_s.Loss, Activations.Apply(f, z[t]), y[t]);
                }
            return Propagation.Total(_s, terms);
        }

        /// <summary>Z′_{n} = Z_{n} + W_{n}[:, r] ⊗ d, then A′_{n} = f(Z′_{n}) unless n is the output; returns whether a branch flipped.</summary>
        private bool RankOneIntoNext(int n, int r, bool activate)
        {
            int m = _s.Examples, rows = _s.Sizes[n], inner = _s.Sizes[n - 1];
            double[] z = _base.Z[n], zOut = _scratch.Z[n], aOut = _scratch.A[n];
            int w = _s.WeightOffset[n];
            var f = _s.ActivationOf(n);
            if (Activations.HasKink(f))
            {
                double slope = f == Activation.LeakyReLU ? Activations.LeakySlope : 0;
                bool flipped = false;
                for (int k = 0; k < rows; k++) flipped |= Kernels.RankOneRectify(zOut, aOut, z, k * m, _theta[w + k * inner + r], _delta, m, slope);
                return flipped;
            }
            for (int k = 0; k < rows; k++) Kernels.ScaledSum(zOut, k * m, z, k * m, _theta[w + k * inner + r], _delta, m);
            if (activate) Activations.ApplyRange(f, zOut, aOut, 0, rows * m);
            return false;
        }
    }
}
