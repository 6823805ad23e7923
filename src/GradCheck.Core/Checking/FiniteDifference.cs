using System;
using MathNet.Numerics.Differentiation;

namespace GradCheck
{
    /// <summary>The finite-difference formulas, as small pure functions.</summary>
    public static class FiniteDifference
    {
        // Weights of the 5-point first-derivative stencil at offsets -2h, -h, 0, h, 2h:
        // [1/12, -2/3, 0, 2/3, -1/12]. Math.NET derives them by solving the Taylor system.
        private static readonly double[] FivePoint = new FiniteDifferenceCoefficients(5).GetCoefficients(2, 1);

        /// <summary>
        /// The centred difference g̃ = (J(θ+h) − J(θ−h)) / 2h, written exactly as the course writes it so
        /// that the digits agree with numpy. Its truncation error is h²·J‴/6 + O(h⁴).
        /// </summary>
        public static double Centred(double costPlus, double costMinus, double step) =>
            (costPlus - costMinus) / (2 * step);

        /// <summary>
        /// The 5-point (fourth-order) estimate Σ wₖ·J(θ+kh) / h from costs at ±h and ±2h; its truncation
        /// error is O(h⁴), so it serves as the reference against which the centred difference's own
        /// truncation error is measured.
        /// </summary>
        public static double FivePointStencil(double costPlus, double costMinus, double costPlus2, double costMinus2,
            double step) =>
            (FivePoint[0] * costMinus2 + FivePoint[1] * costMinus + FivePoint[3] * costPlus + FivePoint[4] * costPlus2)
                / step;

        /// <summary>
        /// Richardson's extrapolation of two centred differences c₁ at step h₁ and c₂ at h₂ = r·h₁, each
        /// g + a·h² + O(h⁴): g ≈ (r²·c₁ − c₂) / (r² − 1). For r = 2 it is the 5-point stencil; used when rounding left
        /// the points uneven.
        /// </summary>
        public static double Richardson(double c1, double h1, double c2, double h2)
        {
            double r2 = (h2 / h1) * (h2 / h1);
            return (r2 * c1 - c2) / (r2 - 1);
        }

        /// <summary>
        /// The course's relative difference ‖a − b‖₂ / (‖a‖₂ + ‖b‖₂) over the entries positions[from..to), or over
        /// [from, to) itself when <paramref name="positions"/> is null; 0 when both norms are 0.
        /// </summary>
        /// <remarks>
        /// The sums run over the entries scaled by a power of two near the largest of them (see PowerOfTwo), which
        /// changes no digit of the ratio where the squares stay finite, and keeps it where gradients of 1e-170 or
        /// 1e160 would underflow to 0 (a wrong gradient passing) or overflow to NaN.
        /// </remarks>
        public static double RelativeDifference(double[] a, double[] b, int[] positions, int from, int to)
        {
            double largest = 0;
            for (int k = from; k < to; k++)
            {
                int i = positions == null ? k : positions[k];
                largest = Math.Max(largest, Math.Max(Math.Abs(a[i]), Math.Abs(b[i])));
            }
            double scale = 1 / PowerOfTwo.Below(largest), diff = 0, normA = 0, normB = 0;
            for (int k = from; k < to; k++)
            {
                int i = positions == null ? k : positions[k];
                double x = a[i] * scale, y = b[i] * scale, d = x - y;
                diff += d * d;
                normA += x * x;
                normB += y * y;
            }
            double denominator = Math.Sqrt(normA) + Math.Sqrt(normB);
            return denominator == 0 ? 0 : Math.Sqrt(diff) / denominator;
        }

        /// <summary>The relative difference over whole vectors.</summary>
        public static double RelativeDifference(double[] a, double[] b)
        {
            if (a.Length != b.Length) throw new ArgumentException(Text.Format("VectorsDifferInLength"), nameof(b));
            return RelativeDifference(a, b, null, 0, a.Length);
        }

        /// <summary>|a − b| / (|a| + |b|), the same formula for one entry; 0 when both are 0.</summary>
        public static double RelativeDifference(double a, double b)
        {
            double denominator = Math.Abs(a) + Math.Abs(b);
            return denominator == 0 ? 0 : Math.Abs(a - b) / denominator;
        }
    }
}
