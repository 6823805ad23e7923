using System;

namespace GradCheck
{
    /// <summary>
    /// numpy's legacy <c>RandomState</c> on MT19937: <c>random_sample</c> and <c>randn</c>, the latter by the
    /// polar Box–Muller method (<c>legacy_gauss</c>), which makes two normals per accepted pair and caches
    /// the second for the next call. Bit-for-bit equal to numpy for the same integer seed.
    /// </summary>
    public sealed class LegacyRandomState
    {
        private readonly MersenneTwister twister;
        private bool hasGauss;
        private double gauss;

        /// <summary>Creates the state as <c>np.random.RandomState(seed)</c> does.</summary>
        public LegacyRandomState(uint seed) => twister = new MersenneTwister(seed);

        /// <summary>
        /// <c>np.random.seed(seed)</c>: reseeds the twister by <c>init_genrand</c> and, as numpy does,
        /// drops the cached Gaussian.
        /// </summary>
        public void Seed(uint seed)
        {
            twister.Seed(seed);
            hasGauss = false;
            gauss = 0.0;
        }

        /// <summary><c>random_sample</c>: a 53-bit uniform double in [0, 1).</summary>
        public double RandomSample() => twister.NextDouble();

        /// <summary>
        /// <c>legacy_gauss</c>: if a value is cached, return it and clear the cache. Otherwise draw
        /// x₁ = 2u₁ − 1 and x₂ = 2u₂ − 1 until 0 &lt; r² = x₁² + x₂² &lt; 1, set f = √(−2 ln r² / r²),
        /// cache f·x₁ and return f·x₂.
        /// </summary>
        public double StandardNormal()
        {
            if (hasGauss)
            {
                double cached = gauss;
                hasGauss = false;
                gauss = 0.0;
                return cached;
            }

            double x1, x2, r2;
            do
            {
                x1 = 2.0 * twister.NextDouble() - 1.0;
                x2 = 2.0 * twister.NextDouble() - 1.0;
                r2 = x1 * x1 + x2 * x2;
            }
            while (r2 >= 1.0 || r2 == 0.0);

            double f = PolarScale(r2);
            gauss = f * x1;
            hasGauss = true;
            return f * x2;
        }

        /// <summary><c>np.random.randn(count)</c>: <paramref name="count"/> successive standard normals.</summary>
        public double[] StandardNormal(int count)
        {
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), Text.Format("CountNegative"));
            var values = new double[count];
            for (int i = 0; i < count; i++) values[i] = StandardNormal();
            return values;
        }

        /// <summary>
        /// <c>np.random.randn(rows, columns)</c>: successive standard normals filled in row-major order
        /// (C order), so entry [r, c] is draw number r·columns + c.
        /// </summary>
        public double[,] StandardNormal(int rows, int columns)
        {
            if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), Text.Format("RowCountNegative"));
            if (columns < 0) throw new ArgumentOutOfRangeException(nameof(columns), Text.Format("ColumnCountNegative"));
            var values = new double[rows, columns];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++) values[r, c] = StandardNormal();
            return values;
        }

        /// <summary>The polar method's scale f = √(−2 ln r² / r²), for 0 &lt; r² &lt; 1.</summary>
        private static double PolarScale(double r2) => Math.Sqrt(-2.0 * Math.Log(r2) / r2);
    }
}
