using System;
using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>The course's logistic cost −(1/m)·Σ [y·log a + (1 − y)·log(1 − a)] on a sigmoid output.</summary>
    internal sealed class CrossEntropyLoss : ElementwiseLoss
    {
        public override Loss Kind => Loss.CrossEntropy;

        public override void ValidateOutput(Activation output)
        {
            if (output != Activation.Sigmoid)
                throw new GradCheckException(ErrorIds.LossNeedsSigmoid, GradCheckErrorKind.InvalidArgument, output,
                    Text.Format("LossNeedsSigmoid", output));
        }

        /// <summary>Every label in [0, 1]: a probability, hard (0 or 1) or soft.</summary>
        public override void ValidateLabels(double[] y, int rows, int m, double rounding)
        {
            for (int t = 0; t < y.Length; t++)
                if (double.IsNaN(y[t]) || double.IsInfinity(y[t]) || y[t] < 0 || y[t] > 1)
                    throw LabelError(ErrorIds.LabelOutOfRange, "LabelOutOfRange", t, m, y[t]);
        }

        /// <summary>0 or 1, each with probability ½.</summary>
        public override void DrawLabels(LegacyRandomState random, double[] y, int rows, int m)
        {
            for (int t = 0; t < y.Length; t++) y[t] = random.RandomSample() < 0.5 ? 0 : 1;
        }

        /// <summary>
        /// (−log a)·y + (−log(1 − a))·(1 − y), as the course writes it; a part whose label weight is exactly 0 adds
        /// only ±0, so its logarithm is not taken (the same sum, half the logarithms for 0/1 labels, and no 0·∞
        /// when a saturates).
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        public override double Term(double a, double y)
        {
            double positive = y == 0 ? 0 : (-Math.Log(a)) * y;
            return y == 1 ? positive : positive + (-Math.Log(1 - a)) * (1 - y);
        }

        [MethodImpl(HotPath.Optimize)]
        public override double Total(double[] terms, int m) => 1.0 / m * Summation.Pairwise(terms, 0, terms.Length);

        public override float Term(float a, float y)
        {
            float positive = y == 0 ? 0 : (-SingleMath.Log(a)) * y;
            return y == 1 ? positive : positive + (-SingleMath.Log(1 - a)) * (1 - y);
        }

        public override float Total(float[] terms, int m) => 1f / m * Summation.Pairwise(terms, 0, terms.Length);

        public override void OutputDelta(ActivationFunction output, float[] z, float[] a, float[] y, float[] dz,
            int rows, int m)
        {
            for (int t = 0; t < rows * m; t++) dz[t] = a[t] - y[t];
        }

        /// <summary>dZ_L = A_L − Y: with the sigmoid output this loss requires, f′ cancels.</summary>
        public override void OutputDelta(ActivationFunction output, double[] z, double[] a, double[] y, double[] dz,
            int rows, int m)
        {
            for (int t = 0; t < rows * m; t++) dz[t] = a[t] - y[t];
        }
    }
}
