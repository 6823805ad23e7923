using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>(1/2m)·Σ (a − y)², on any output.</summary>
    internal sealed class MeanSquaredErrorLoss : ElementwiseLoss
    {
        public override Loss Kind => Loss.MeanSquaredError;

        public override void ValidateLabels(double[] y, int rows, int m, double rounding) => RefuseNotFinite(y, m);

        /// <summary>Uniform in [0, 1).</summary>
        public override void DrawLabels(LegacyRandomState random, double[] y, int rows, int m)
        {
            for (int t = 0; t < y.Length; t++) y[t] = random.RandomSample();
        }

        [MethodImpl(HotPath.Optimize)]
        public override double Term(double z, double a, double y)
        {
            double d = a - y;
            return d * d;
        }

        [MethodImpl(HotPath.Optimize)]
        public override double Total(double[] terms, int m) => 1.0 / (2.0 * m) * Summation.Pairwise(terms, 0,
            terms.Length);

        public override float Term(float z, float a, float y)
        {
            float d = a - y;
            return d * d;
        }

        public override float Total(float[] terms, int m) => 1f / (2f * m) * Summation.Pairwise(terms, 0,
            terms.Length);

        public override void OutputDelta(ActivationFunction output, float[] z, float[] a, float[] y, float[] dz,
            int rows, int m)
        {
            for (int t = 0; t < rows * m; t++) dz[t] = a[t] - y[t];
            output.Backward(dz, z, a, rows, m);
        }

        /// <summary>dA_L = A_L − Y, then back through the output activation.</summary>
        public override void OutputDelta(ActivationFunction output, double[] z, double[] a, double[] y, double[] dz,
            int rows, int m)
        {
            for (int t = 0; t < rows * m; t++) dz[t] = a[t] - y[t];
            output.Backward(dz, z, a, rows, m);
        }
    }
}
