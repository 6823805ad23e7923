using System.Numerics;

namespace GradCheck
{
    /// <summary>
    /// The element-wise loops the forward pass spends its time in, in SIMD. Each output element is still
    /// formed by the same multiply and add, in the same order, as the scalar loop (no reassociation and no
    /// fused multiply-add), so the results are bit-identical to it.
    /// </summary>
    internal static class Kernels
    {
        private static readonly int Width = Vector<double>.Count;

        /// <summary>y[yStart + j] += w · x[xStart + j] for j in [0, n).</summary>
        public static void AddScaled(double[] y, int yStart, double w, double[] x, int xStart, int n)
        {
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var scale = new Vector<double>(w);
                for (; j <= n - Width; j += Width)
                    (new Vector<double>(y, yStart + j) + scale * new Vector<double>(x, xStart + j)).CopyTo(y, yStart + j);
            }
            for (; j < n; j++) y[yStart + j] += w * x[xStart + j];
        }

        /// <summary>y[yStart + j] = b[bStart + j] + w · x[j] for j in [0, n).</summary>
        public static void ScaledSum(double[] y, int yStart, double[] b, int bStart, double w, double[] x, int n)
        {
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var scale = new Vector<double>(w);
                for (; j <= n - Width; j += Width)
                    (new Vector<double>(b, bStart + j) + scale * new Vector<double>(x, j)).CopyTo(y, yStart + j);
            }
            for (; j < n; j++) y[yStart + j] = b[bStart + j] + w * x[j];
        }
    
        /// <summary>a = max(z, 0) (ReLU) or z &gt; 0 ? z : slope·z (LeakyReLU) over [start, start + n), without branches.</summary>
        public static void Rectify(double[] z, double[] a, int start, int n, double slope)
        {
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var zero = Vector<double>.Zero;
                var leak = new Vector<double>(slope);
                for (; j <= n - Width; j += Width)
                {
                    var v = new Vector<double>(z, start + j);
                    // ReLU selects +0 itself, as the scalar z > 0 ? z : 0 does (0·z would give −0 for z < 0).
                    Vector.ConditionalSelect(Vector.GreaterThan(v, zero), v, slope == 0 ? zero : leak * v).CopyTo(a, start + j);
                }
            }
            for (; j < n; j++) { double v = z[start + j]; a[start + j] = v > 0 ? v : slope == 0 ? 0 : slope * v; }
        }

        /// <summary>Whether (x[k] &gt; 0) differs from (y[k] &gt; 0) for any k in [0, n).</summary>
        public static bool SignsDiffer(double[] x, double[] y, int n)
        {
            int k = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var zero = Vector<double>.Zero;
                for (; k <= n - Width; k += Width)
                    if (!Vector.EqualsAll(Vector.GreaterThan(new Vector<double>(x, k), zero), Vector.GreaterThan(new Vector<double>(y, k), zero)))
                        return true;
            }
            for (; k < n; k++)
                if (x[k] > 0 != y[k] > 0) return true;
            return false;
        }
    }
}
