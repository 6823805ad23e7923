using System;

namespace GradCheck
{
    /// <summary>
    /// How a step of a row of layer L−2 reaches the output while layer n = L−1, a rectifier, keeps every sign. A
    /// change d_j of A_{L−2}[r, j] moves Z_n[k, j] by W_n[k, r]·d_j. While no kept unit of layer n changes sign, the
    /// rectifier is linear there (slope 1 above its kink, its leak below), so the output's sums move by exactly
    /// <code>
    ///   Z_L′[o, j] = Z_L[o, j] + d_j·G[r, o, j],   G[r, o, j] = Σ_k W_L[o, k]·g(Z_n[k, j])·s[k, j]·W_n[k, r]
    /// </code>
    /// with g the rectifier's slope at Z_n and s = D/p the dropout scale (1 without dropout). No kept unit changes
    /// sign while |d_j| &lt; M[r, j] = ½·min_k |Z_n[k, j]| / |W_n[k, r]|, over the kept units with W_n[k, r] ≠ 0: the
    /// half keeps the rounded z + w·d on z's side as well. G and M are made once per θ, row by row as
    /// steps first reach them, in about m·units_n·(outputs + 1) operations a row; each cost then takes outputs·m
    /// instead of the rank-1 path's units_n·m (64 times fewer for a 784-128-64-1 network).
    /// </summary>
    /// <remarks>
    /// The cost is the same function of θ; only its rounding differs from the rank-1 path's, and Z_L + d·G rounds
    /// once where the sums over k round units_n times, so a centred difference of two such costs is less noisy. The
    /// step is linear in d only through piecewise-linear units, hence a rectifier at L−1 and an output without a
    /// kink (whose crossings the rank-1 path reports); any column whose step is too large for M takes that path.
    /// </remarks>
    internal sealed class LinearReach
    {
        private const double MarginFraction = 0.5;

        private readonly NetworkShape _shape;
        private readonly double[] _theta;
        private readonly double[] _z;
        private readonly double[] _columns;
        private readonly double[] _slopes;
        private readonly Row[] _rows;

        /// <summary>G[r, ·, ·] and M[r, ·] of one row r, made at its first step.</summary>
        private sealed class Row
        {
            public double[] Gain;
            public double[] Margin;
        }

        private LinearReach(NetworkShape shape, double[] theta, double[] z, double[] columns, double[] slopes)
        {
            _shape = shape;
            _theta = theta;
            _z = z;
            _columns = columns;
            _slopes = slopes;
            _rows = new Row[shape.Sizes[shape.Layers - 2]];
        }

        /// <summary>
        /// The reach of layer L−2 at this forward pass, or null when the network has no such shape. θ, Z and the
        /// columns are the pass's own, only read.
        /// </summary>
        public static LinearReach Create(NetworkShape shape, double[] theta, PropagationBuffers atTheta,
            double[][] columns)
        {
            int L = shape.Layers;
            if (L < 3 || !(shape.ActivationOf(L - 1) is RectifierActivation rectifier)
                || shape.ActivationOf(L).HasKink) return null;
            double[] z = atTheta.Z[L - 1];
            return new LinearReach(shape, theta, z, columns[L - 1], Slopes(shape, z, rectifier.NegativeSlope));
        }

        /// <summary>
        /// Z_L + d·G into zOut's changed columns (the only ones the loss reads after a step), when every one of them
        /// is within the margin; else false, and zOut is left as it was.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(HotPath.Optimize)]
        public bool TryMove(int r, double[] d, int[] changed, int count, double[] z, double[] zOut)
        {
            var row = _rows[r] ?? Build(r);
            double[] margin = row.Margin, gain = row.Gain;
            int m = _shape.Examples;
            for (int q = 0; q < count; q++)
                if (!(Math.Abs(d[changed[q]]) < margin[changed[q]])) return false;
            for (int o = 0, at = 0; o < _shape.Sizes[_shape.Layers]; o++, at += m)
            {
                for (int q = 0; q < count; q++)
                {
                    int j = changed[q];
                    zOut[at + j] = z[at + j] + d[j] * gain[at + j];
                }
            }
            return true;
        }

        /// <summary>
        /// Row r's G and M, made once: a check of a few sampled entries pays only for the rows it steps. Threads
        /// that race make the same numbers, and one of them is kept.
        /// </summary>
        private Row Build(int r)
        {
            var row = new Row { Gain = Gain(r), Margin = Margin(r) };
            return System.Threading.Interlocked.CompareExchange(ref _rows[r], row, null) ?? row;
        }

        /// <summary>g(Z_n[k, j])·s[k, j]: the slope a unit of layer n passes a change on with, dropout's in.</summary>
        private static double[] Slopes(NetworkShape shape, double[] z, double leak)
        {
            double[] scaled = shape.Dropout?.ScaledOf(shape.Layers - 1);
            var slopes = new double[z.Length];
            for (int i = 0; i < z.Length; i++) slopes[i] = (z[i] > 0 ? 1 : leak) * (scaled == null ? 1 : scaled[i]);
            return slopes;
        }

        /// <summary>G[r, o, j] = Σ_k W_L[o, k]·slopes[k, j]·W_n[k, r], over o and j, with W_n's column r.</summary>
        private double[] Gain(int r)
        {
            int L = _shape.Layers, m = _shape.Examples, units = _shape.Sizes[L - 1], outputs = _shape.Sizes[L];
            int v = _shape.WeightOffset[L];
            var gain = new double[outputs * m];
            for (int o = 0; o < outputs; o++)
                for (int k = 0; k < units; k++)
                {
                    double weight = _theta[v + o * units + k] * _columns[r * units + k];
                    if (weight == 0) continue;
                    Kernels.AddScaled(gain, o * m, weight, _slopes, k * m, m);
                }
            return gain;
        }

        /// <summary>M[r, j] = ½·min_k |Z_n[k, j]| / |W_n[k, r]| over the kept units with W_n[k, r] ≠ 0.</summary>
        private double[] Margin(int r)
        {
            int n = _shape.Layers - 1, m = _shape.Examples, units = _shape.Sizes[n];
            double[] mask = _shape.MaskOf(n);
            var margin = new double[m];
            for (int j = 0; j < m; j++) margin[j] = double.PositiveInfinity;
            for (int k = 0; k < units; k++)
            {
                double w = Math.Abs(_columns[r * units + k]);
                if (w == 0) continue;
                for (int j = 0; j < m; j++)
                {
                    if (mask != null && mask[k * m + j] == 0) continue;
                    // A NaN ratio makes a NaN margin, which no step is below: such a column takes the rank-1 path.
                    double limit = MarginFraction * Math.Abs(_z[k * m + j]) / w;
                    if (limit < margin[j] || double.IsNaN(limit)) margin[j] = limit;
                }
            }
            return margin;
        }
    }
}
