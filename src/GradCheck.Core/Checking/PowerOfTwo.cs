using System;

namespace GradCheck
{
    /// <summary>
    /// Exact rescaling for sums of squares: multiplying by a power of two changes no digit (short of underflow and
    /// overflow), so a sum of squares taken over values scaled to about 1 is the same sum, scaled, for |x| of
    /// ordinary size, and stays finite and non-zero where x² itself would overflow (|x| ≳ 1e154) or underflow
    /// (|x| ≲ 1e-154).
    /// </summary>
    internal static class PowerOfTwo
    {
        /// <summary>
        /// 2ᵉ with 2ᵉ ≤ <paramref name="largest"/> &lt; 2ᵉ⁺¹, kept within [2⁻¹⁰²², 2¹⁰²³] so that its reciprocal is
        /// a double too; 1 for 0 and for a value that is not finite.
        /// </summary>
        public static double Below(double largest)
        {
            if (!(largest > 0) || double.IsInfinity(largest)) return 1;
            long exponent = (BitConverter.DoubleToInt64Bits(largest) >> 52) & 0x7FF;
            return BitConverter.Int64BitsToDouble(Math.Max(exponent, 1) << 52);
        }

        /// <summary>‖x‖₂ of <paramref name="values"/>, summed over values scaled to about 1.</summary>
        public static double Norm(double[] values)
        {
            double unit = Below(LargestMagnitude(values)), sum = 0;
            foreach (double x in values) sum += x / unit * (x / unit);
            return Math.Sqrt(sum) * unit;
        }

        /// <summary>The largest |x| of <paramref name="values"/>.</summary>
        public static double LargestMagnitude(double[] values)
        {
            double largest = 0;
            foreach (double x in values) largest = Math.Max(largest, Math.Abs(x));
            return largest;
        }
    }
}
