using System;

namespace GradCheck
{
    /// <summary>
    /// How much rounding noise one evaluation of J carries, measured rather than assumed: Moré and
    /// Wild's ECnoise ("Estimating computational noise", SIAM J. Sci. Comput. 33(3), 2011).
    /// J is sampled at 9 equally spaced points on a short line through θ; the k-th differences of a
    /// smooth function shrink like tᵏ while those of noise grow, so where σₖ = √(γₖ·mean((Δᵏ J)²)),
    /// γₖ = (k!)²/(2k)!, agree over three consecutive orders and the differences change sign, σₖ is the noise.
    /// </summary>
    public static class CostNoise
    {
        /// <summary>Points on the line.</summary>
        public const int Points = 9;

        /// <summary>Difference orders tried.</summary>
        public const int Levels = 6;

        /// <summary>
        /// Spacings of the lines as multiples of the step h: the noise that matters is the one J shows when θ moves
        /// by about h (far smaller moves can leave rounded intermediates such as 1 − a unchanged and make J look
        /// smoother than it is). A kink crossed by a line shows as noise, so the smaller conclusive estimate of
        /// the two lines is taken; a line along which J did not change at all tells nothing and is passed over.
        /// </summary>
        public static readonly double[] RelativeSpacings = { 1.0, 0.1, 0.01 };

        /// <summary>How many lines at most, shorter by ten each, while every line crosses a kink.</summary>
        public const int MaxLines = 8;

        /// <summary>Neighbouring σₖ must agree within this factor.</summary>
        public const double Agreement = 4.0;

        /// <summary>How many entries the noise lines of an objective without branch information run along.</summary>
        public const int QuietAxes = 3;

        /// <summary>A σ_J above this many roundings u·|J| is put to shorter lines as well (see CheckStart).</summary>
        public const double Inflation = 1e3;

        /// <summary>The shortest of those lines: h / 10⁶.</summary>
        public const int ShortestLine = 6;

        /// <summary>
        /// Noise reads about the same at every spacing: estimates further apart than this factor are not all noise.
        /// </summary>
        public const double SpacingSpread = 10.0;

        /// <summary>
        /// A second difference below the largest by more than this factor counts as quiet (see HasJump).
        /// </summary>
        public const double JumpRatio = 16.0;

        /// <summary>A line whose second differences are loud in at most this many places crossed a kink.</summary>
        public const int JumpPlaces = 4;

        /// <summary>
        /// Whether the samples show a jump in slope rather than noise: noise makes every second difference about
        /// as large as the others, while a kink between two points of an otherwise smooth line makes one or two
        /// adjacent ones large and leaves the rest at curvature and rounding. Moré and Wild's own test on the signs of
        /// the differences cannot tell the two apart; a kink read as noise inflates σ_J by orders of magnitude.
        /// </summary>
        public static bool HasJump(double[] samples)
        {
            int count = samples.Length - 2;
            var second = new double[count];
            double largest = 0;
            for (int i = 0; i < count; i++)
            {
                second[i] = Math.Abs(samples[i + 2] - 2 * samples[i + 1] + samples[i]);
                largest = Math.Max(largest, second[i]);
            }
            if (largest == 0) return false;
            int loud = 0;
            foreach (double d in second) if (d * JumpRatio >= largest) loud++;
            return loud <= JumpPlaces;
        }

        /// <summary>
        /// The noise σ of J from samples at equally spaced points; NaN when the samples show no consistent noise level.
        /// </summary>
        public static double FromSamples(double[] samples)
        {
            int n = samples.Length;
            double unit = PowerOfTwo.Below(PowerOfTwo.LargestMagnitude(samples));
            var table = Scaled(samples, unit);
            var sigma = new double[Levels];
            var signChange = new bool[Levels];
            double gamma = 1;
            for (int k = 1; k <= Levels; k++)
            {
                int count = n - k;
                double sumSquares = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
                for (int i = 0; i < count; i++)
                {
                    table[i] = table[i + 1] - table[i];
                    sumSquares += table[i] * table[i];
                    min = Math.Min(min, table[i]);
                    max = Math.Max(max, table[i]);
                }
                if (min == 0 && max == 0)
                    // J did not change at all along the line (k = 1): it tells nothing. J changed exactly as a
                    // polynomial of degree below k: no noise at all.
                    return k == 1 ? double.NaN : 0;
                gamma *= 0.5 * k / (2 * k - 1);
                sigma[k - 1] = Math.Sqrt(gamma * sumSquares / count);
                signChange[k - 1] = min * max < 0;
            }
            for (int k = 0; k + 2 < Levels; k++)
            {
                double low = Math.Min(sigma[k], Math.Min(sigma[k + 1], sigma[k + 2]));
                double high = Math.Max(sigma[k], Math.Max(sigma[k + 1], sigma[k + 2]));
                if (high <= Agreement * low && signChange[k]) return sigma[k] * unit;
            }
            return double.NaN;
        }

        /// <summary>
        /// The samples over <paramref name="unit"/>, a power of two near the largest: the squared differences of a J
        /// of 1e200 would overflow, and the noise read as infinite would pass every gradient.
        /// </summary>
        private static double[] Scaled(double[] samples, double unit)
        {
            var scaled = new double[samples.Length];
            for (int i = 0; i < samples.Length; i++) scaled[i] = samples[i] / unit;
            return scaled;
        }

        /// <summary>
        /// An upper bound on σ from one line: the smallest σₖ over the orders k. Differences of signal plus noise
        /// have mean squares of about signal² + noise²/γₖ, so no σₖ falls far below the noise; where J is smooth at
        /// the line's scale the high orders fall far below any σ read off a longer line whose differences were
        /// still curvature at θ's own scale. NaN when some order vanishes exactly (J did not move, or moved as a
        /// polynomial), which bounds nothing.
        /// </summary>
        public static double UpperBound(double[] samples)
        {
            double unit = PowerOfTwo.Below(PowerOfTwo.LargestMagnitude(samples));
            var table = Scaled(samples, unit);
            double gamma = 1, bound = double.PositiveInfinity;
            for (int k = 1; k <= Levels; k++)
            {
                int count = samples.Length - k;
                double sumSquares = 0;
                for (int i = 0; i < count; i++)
                {
                    table[i] = table[i + 1] - table[i];
                    sumSquares += table[i] * table[i];
                }
                if (sumSquares == 0) return double.NaN;
                gamma *= 0.5 * k / (2 * k - 1);
                bound = Math.Min(bound, Math.Sqrt(gamma * sumSquares / count));
            }
            return bound * unit;
        }

        /// <summary>
        /// A deterministic direction of ±1 entries (from MT19937 with a fixed seed), so that
        /// the same θ always gives the same estimate.
        /// </summary>
        public static double[] Direction(int count) =>
            DirectionalChecker.Rademacher(new MersenneTwister(20110101), count);
    }
}
