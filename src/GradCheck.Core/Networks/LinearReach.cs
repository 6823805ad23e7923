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
    /// half keeps the rounded z + w·d on z's side as well. G and M are made once per θ, in about
    /// units_{L−2}·m·units_n·(outputs + 1) operations; each cost then takes outputs·m instead of the rank-1 path's
    /// units_n·m (64 times fewer for a 784-128-64-1 network).
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

        private readonly int _examples;
        private readonly int _outputs;
        private readonly double[] _gain;
        private readonly double[] _margin;

        private LinearReach(int examples, int outputs, double[] gain, double[] margin)
        {
            _examples = examples;
            _outputs = outputs;
            _gain = gain;
            _margin = margin;
        }

        /// <summary>The reach of layer L−2 at this forward pass, or null when the network has no such shape.</summary>
        public static LinearReach Create(NetworkShape shape, double[] theta, PropagationBuffers atTheta,
            double[][] columns)
        {
            int L = shape.Layers;
            if (L < 3 || !(shape.ActivationOf(L - 1) is RectifierActivation rectifier)
                || shape.ActivationOf(L).HasKink) return null;
            double[] slopes = Slopes(shape, atTheta.Z[L - 1], rectifier.NegativeSlope);
            return new LinearReach(shape.Examples, shape.Sizes[L], Gain(shape, theta, slopes, columns[L - 1]),
                Margin(shape, atTheta.Z[L - 1], columns[L - 1]));
        }

        /// <summary>
        /// Z_L + d·G into zOut's changed columns (the only ones the loss reads after a step), when every one of them
        /// is within the margin; else false, and zOut is left as it was.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(HotPath.Optimize)]
        public bool TryMove(int r, double[] d, int[] changed, int count, double[] z, double[] zOut)
        {
            int m = _examples, at = r * m;
            for (int q = 0; q < count; q++)
                if (!(Math.Abs(d[changed[q]]) < _margin[at + changed[q]])) return false;
            for (int o = 0; o < _outputs; o++)
            {
                int gain = (r * _outputs + o) * m, row = o * m;
                for (int q = 0; q < count; q++)
                {
                    int j = changed[q];
                    zOut[row + j] = z[row + j] + d[j] * _gain[gain + j];
                }
            }
            return true;
        }

        /// <summary>g(Z_n[k, j])·s[k, j]: the slope a unit of layer n passes a change on with, dropout's in.</summary>
        private static double[] Slopes(NetworkShape shape, double[] z, double leak)
        {
            int n = shape.Layers - 1;
            double[] mask = shape.MaskOf(n);
            var slopes = new double[z.Length];
            for (int i = 0; i < z.Length; i++)
            {
                double scale = mask == null ? 1 : mask[i] / shape.Dropout.Keep;
                slopes[i] = (z[i] > 0 ? 1 : leak) * scale;
            }
            return slopes;
        }

        /// <summary>G[r, o, j] = Σ_k W_L[o, k]·slopes[k, j]·W_n[k, r], with W_n's column r from columns.</summary>
        private static double[] Gain(NetworkShape shape, double[] theta, double[] slopes, double[] columns)
        {
            int L = shape.Layers, m = shape.Examples, units = shape.Sizes[L - 1], outputs = shape.Sizes[L];
            int reached = shape.Sizes[L - 2], v = shape.WeightOffset[L];
            var gain = new double[reached * outputs * m];
            for (int r = 0; r < reached; r++)
                for (int o = 0; o < outputs; o++)
                    for (int k = 0; k < units; k++)
                    {
                        double weight = theta[v + o * units + k] * columns[r * units + k];
                        if (weight == 0) continue;
                        Kernels.AddScaled(gain, (r * outputs + o) * m, weight, slopes, k * m, m);
                    }
            return gain;
        }

        /// <summary>M[r, j] = ½·min_k |Z_n[k, j]| / |W_n[k, r]| over the kept units with W_n[k, r] ≠ 0.</summary>
        private static double[] Margin(NetworkShape shape, double[] z, double[] columns)
        {
            int n = shape.Layers - 1, m = shape.Examples, units = shape.Sizes[n], reached = shape.Sizes[n - 1];
            double[] mask = shape.MaskOf(n);
            var margin = new double[reached * m];
            for (int i = 0; i < margin.Length; i++) margin[i] = double.PositiveInfinity;
            for (int r = 0; r < reached; r++)
                for (int k = 0; k < units; k++)
                {
                    double w = Math.Abs(columns[r * units + k]);
                    if (w == 0) continue;
                    for (int j = 0; j < m; j++)
                    {
                        if (mask != null && mask[k * m + j] == 0) continue;
                        // A NaN ratio makes a NaN margin, which no step is below: such a column takes the rank-1 path.
                        double limit = MarginFraction * Math.Abs(z[k * m + j]) / w;
                        int at = r * m + j;
                        if (limit < margin[at] || double.IsNaN(limit)) margin[at] = limit;
                    }
                }
            return margin;
        }
    }
}
