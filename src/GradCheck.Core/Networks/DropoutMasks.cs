using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>
    /// Inverted dropout with masks held fixed: A_l = F_l ⊙ D_l / p on every hidden layer, F_l = f(Z_l), drawn
    /// the course's way (forward_propagation_with_dropout): np.random.seed(seed), then for each hidden layer in
    /// order D_l = np.random.rand(n_l, m) &lt; p. The output layer keeps every unit.
    /// </summary>
    internal sealed class DropoutMasks
    {
        private readonly double[][] _mask;
        private readonly double[][] _scaled;

        private DropoutMasks(double keep, double[][] mask)
        {
            Keep = keep;
            _mask = mask;
            _scaled = new double[mask.Length][];
            for (int l = 0; l < mask.Length; l++)
            {
                if (mask[l] == null) continue;
                _scaled[l] = new double[mask[l].Length];
                for (int t = 0; t < mask[l].Length; t++) _scaled[l][t] = mask[l][t] / keep;
            }
        }

        /// <summary>p, the probability of keeping a unit.</summary>
        public double Keep { get; }

        /// <summary>
        /// The masks of a network of these sizes and m examples, from the seed as the course draws them.
        /// </summary>
        public static DropoutMasks Draw(int[] sizes, int m, double keep, int seed)
        {
            var random = new LegacyRandomState(unchecked((uint)seed));
            int layers = sizes.Length - 1;
            var mask = new double[layers + 1][];
            for (int l = 1; l < layers; l++)
            {
                mask[l] = new double[sizes[l] * m];
                for (int t = 0; t < mask[l].Length; t++) mask[l][t] = random.RandomSample() < keep ? 1 : 0;
            }
            return new DropoutMasks(keep, mask);
        }

        /// <summary>D_l, n_l × m of 0 and 1; null for the output layer.</summary>
        public double[] MaskOf(int layer) => _mask[layer];

        /// <summary>D_l / p, for the incremental evaluation (a·(1/p) is within an ulp of the course's a/p).</summary>
        public double[] ScaledOf(int layer) => _scaled[layer];

        /// <summary>
        /// a = (f·D_l) / p over [start, start + count), as the course's A = A * D; A = A / keep_prob.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        public void Apply(int layer, double[] f, double[] a, int start, int count)
        {
            double[] d = _mask[layer];
            for (int t = start; t < start + count; t++) a[t] = f[t] * d[t] / Keep;
        }

        /// <summary>One row of a layer held apart: a[j] = (f[j]·D_l[row + j]) / p for j in [0, m).</summary>
        [MethodImpl(HotPath.Optimize)]
        public void ApplyRow(int layer, double[] f, double[] a, int row, int m)
        {
            double[] d = _mask[layer];
            for (int j = 0; j < m; j++) a[j] = f[j] * d[row + j] / Keep;
        }
    }
}
