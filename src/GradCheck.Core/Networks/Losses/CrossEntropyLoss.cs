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
        /// Beyond this |z| against the label, the term is taken from z (see Term). There the course's log(1 − a)
        /// (log a for z &lt; 0) loses u·e^|z| to the rounding of a: 2.4e-12 at 10, where the two forms meet, 1 at 36,
        /// and ∞ past 37, where a rounds to exactly 1. The course's own test case reaches z = 6.8.
        /// </summary>
        public const double CourseFormLimit = 10;

        /// <summary>
        /// (−log a)·y + (−log(1 − a))·(1 − y), as the course writes it, so that its digits are numpy's; a part whose
        /// label weight is exactly 0 adds only ±0, so its logarithm is not taken (the same sum, half the logarithms
        /// for 0/1 labels, and no 0·∞ when a saturates). Where z lies beyond ±CourseFormLimit against its label
        /// (as unscaled pixels give), the course's form rounds to noise and then to ∞ though the loss does not: the
        /// term is then taken from z.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        public override double Term(double z, double a, double y)
        {
            if (z > CourseFormLimit && y != 1 || z < -CourseFormLimit && y != 0) return FromLogit(z, y);
            double positive = y == 0 ? 0 : (-Math.Log(a)) * y;
            return y == 1 ? positive : positive + (-Math.Log(1 - a)) * (1 - y);
        }

        /// <summary>
        /// −y·log σ(z) − (1 − y)·log(1 − σ(z)) = max(z, 0) − y·z + log(1 + e^−|z|), finite for every finite z.
        /// </summary>
        private static double FromLogit(double z, double y) =>
            Math.Max(z, 0) - y * z + Math.Log(1 + Math.Exp(-Math.Abs(z)));

        [MethodImpl(HotPath.Optimize)]
        public override double Total(double[] terms, int m) => 1.0 / m * Summation.Pairwise(terms, 0, terms.Length);

        /// <summary>
        /// In float32 the course's form is kept up to exact saturation, as torch's float32 forward computes it: its
        /// rounding there is the cost's own float32 rounding, which the check measures.
        /// </summary>
        public override float Term(float z, float a, float y)
        {
            if (a == 1 && y != 1 || a == 0 && y != 0)
                return Math.Max(z, 0) - y * z + SingleMath.Log(1 + SingleMath.Exp(-Math.Abs(z)));
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
