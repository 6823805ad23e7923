using System;
using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>Sums in numpy's order, so that costs agree with numpy's to the last bit where they can.</summary>
    internal static class Summation
    {
        private const int Unroll = 8;
        private const int BlockSize = 128;

        /// <summary>
        /// numpy's pairwise_sum: below 8 terms a plain loop; up to 128 eight interleaved partial sums
        /// combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)); above that, split in halves at a multiple of 8.
        /// Its rounding error grows like O(log n) rather than O(n).
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        public static double Pairwise(double[] a, int offset, int n)
        {
            if (n < Unroll)
            {
                double sum = 0;
                for (int i = 0; i < n; i++) sum += a[offset + i];
                return sum;
            }
            if (n <= BlockSize)
            {
                double r0 = a[offset], r1 = a[offset + 1], r2 = a[offset + 2], r3 = a[offset + 3];
                double r4 = a[offset + 4], r5 = a[offset + 5], r6 = a[offset + 6], r7 = a[offset + 7];
                int i = Unroll;
                for (; i < n - n % Unroll; i += Unroll)
                {
                    int j = offset + i;
                    r0 += a[j]; r1 += a[j + 1]; r2 += a[j + 2]; r3 += a[j + 3];
                    r4 += a[j + 4]; r5 += a[j + 5]; r6 += a[j + 6]; r7 += a[j + 7];
                }
                double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
                for (; i < n; i++) res += a[offset + i];
                return res;
            }
            int half = n / 2;
            half -= half % Unroll;
            return Pairwise(a, offset, half) + Pairwise(a, offset + half, n - half);
        }

        /// <summary>
        /// <see cref="Pairwise(double[], int, int)"/> over float32 numbers in float32, as numpy sums a float32 array.
        /// </summary>
        public static float Pairwise(float[] a, int offset, int n)
        {
            if (n < Unroll)
            {
                float sum = 0;
                for (int i = 0; i < n; i++) sum += a[offset + i];
                return sum;
            }
            if (n <= BlockSize) return Unrolled(a, offset, n);
            int half = n / 2;
            half -= half % Unroll;
            return Pairwise(a, offset, half) + Pairwise(a, offset + half, n - half);
        }

        /// <summary>numpy's eight interleaved partial sums, for 8 ≤ n ≤ 128 float32 numbers.</summary>
        private static float Unrolled(float[] a, int offset, int n)
        {
            var r = new float[Unroll];
            Array.Copy(a, offset, r, 0, Unroll);
            int i = Unroll;
            for (; i < n - n % Unroll; i += Unroll)
                for (int k = 0; k < Unroll; k++) r[k] += a[offset + i + k];
            float res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) res += a[offset + i];
            return res;
        }
    }
}
