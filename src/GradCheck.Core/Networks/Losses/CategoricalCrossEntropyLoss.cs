using System;
using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>
    /// −(1/m)·Σ y·log a on a softmax output, each column of Y a distribution over the classes (one-hot, or soft).
    /// log a_k is taken as z_k − logsumexp(z), with logsumexp(z) = max + log Σ exp(z − max), so that neither
    /// the exponentials overflow nor a tiny a underflows to log 0.
    /// </summary>
    internal sealed class CategoricalCrossEntropyLoss : LossFunction
    {
        /// <summary>
        /// How far a column of Y may sum from 1: a few roundings of soft labels such as 0.1, 0.2, 0.7.
        /// </summary>
        public const double SumTolerance = 1e-9;

        public override Loss Kind => Loss.CategoricalCrossEntropy;

        public override void ValidateOutput(Activation output)
        {
            if (output != Activation.Softmax)
                throw new GradCheckException(ErrorIds.LossNeedsSoftmax, GradCheckErrorKind.InvalidArgument, output,
                    Text.Format("LossNeedsSoftmax", output));
        }

        /// <summary>
        /// Entries in [0, 1] and every column summing to 1: within <see cref="SumTolerance"/>, and for labels rounded
        /// to a coarser precision within that rounding of each of the column's labels (at most 1 each) as well.
        /// </summary>
        public override void ValidateLabels(double[] y, int rows, int m, double rounding)
        {
            RefuseNotFinite(y, m);
            for (int t = 0; t < y.Length; t++)
                if (y[t] < 0 || y[t] > 1) throw LabelError(ErrorIds.LabelNotOneHot, "LabelNotOneHot", t, m, y[t]);
            for (int j = 0; j < m; j++)
            {
                double sum = 0;
                for (int q = 0; q < rows; q++) sum += y[q * m + j];
                if (Math.Abs(sum - 1) > SumTolerance + rows * rounding)
                    throw new GradCheckException(ErrorIds.LabelNotOneHot, GradCheckErrorKind.InvalidData,
                        $"Label[:,{j}]",
                        Text.Format("LabelColumnNotOneHot", j, sum));
            }
        }

        /// <summary>One class per example, uniform: one draw per column.</summary>
        public override void DrawLabels(LegacyRandomState random, double[] y, int rows, int m)
        {
            for (int j = 0; j < m; j++) y[Math.Min(rows - 1, (int)(random.RandomSample() * rows)) * m + j] = 1;
        }

        public override void Terms(double[] z, double[] a, double[] y, double[] terms, int rows, int m)
        {
            for (int j = 0; j < m; j++) ColumnTerms(z, y, terms, rows, m, j);
        }

        [MethodImpl(HotPath.Optimize)]
        public override void ColumnTerms(double[] z, double[] a, double[] y, double[] terms, int rows, int m,
            int[] columns, int count)
        {
            for (int k = 0; k < count; k++) ColumnTerms(z, y, terms, rows, m, columns[k]);
        }

        /// <summary>
        /// y·(logsumexp − z) = −y·log a; a class whose label is exactly 0 adds 0 without a logarithm.
        /// </summary>
        private static void ColumnTerms(double[] z, double[] y, double[] terms, int rows, int m, int j)
        {
            double lse = LogSumExp(z, rows, m, j);
            for (int q = 0; q < rows; q++)
            {
                int t = q * m + j;
                terms[t] = y[t] == 0 ? 0 : y[t] * (lse - z[t]);
            }
        }

        /// <summary>As numpy: zmax + log(Σ_q exp(z[q, j] − zmax)), the sum taken row after row.</summary>
        internal static double LogSumExp(double[] z, int rows, int m, int j)
        {
            double max = SoftmaxActivation.ColumnMax(z, rows, m, j), sum = 0;
            for (int q = 0; q < rows; q++) sum += Math.Exp(z[q * m + j] - max);
            return max + Math.Log(sum);
        }

        [MethodImpl(HotPath.Optimize)]
        public override double Total(double[] terms, int m) => 1.0 / m * Summation.Pairwise(terms, 0, terms.Length);

        public override void Terms(float[] z, float[] a, float[] y, float[] terms, int rows, int m)
        {
            for (int j = 0; j < m; j++)
            {
                float lse = LogSumExp(z, rows, m, j);
                for (int q = 0; q < rows; q++)
                {
                    int t = q * m + j;
                    terms[t] = y[t] == 0 ? 0 : y[t] * (lse - z[t]);
                }
            }
        }

        /// <summary><see cref="LogSumExp(double[], int, int, int)"/> in float32.</summary>
        private static float LogSumExp(float[] z, int rows, int m, int j)
        {
            float max = SoftmaxActivation.ColumnMax(z, rows, m, j), sum = 0;
            for (int q = 0; q < rows; q++) sum += SingleMath.Exp(z[q * m + j] - max);
            return max + SingleMath.Log(sum);
        }

        public override float Total(float[] terms, int m) => 1f / m * Summation.Pairwise(terms, 0, terms.Length);

        public override void OutputDelta(ActivationFunction output, float[] z, float[] a, float[] y, float[] dz,
            int rows, int m)
        {
            for (int j = 0; j < m; j++)
            {
                float mass = 0;
                for (int q = 0; q < rows; q++) mass += y[q * m + j];
                for (int q = 0; q < rows; q++) dz[q * m + j] = a[q * m + j] * mass - y[q * m + j];
            }
        }

        /// <summary>
        /// dZ_L = A_L·Σ_k y_k − Y per column: A_L − Y for one-hot labels, and exact for soft ones too.
        /// </summary>
        public override void OutputDelta(ActivationFunction output, double[] z, double[] a, double[] y, double[] dz,
            int rows, int m)
        {
            for (int j = 0; j < m; j++)
            {
                double mass = 0;
                for (int q = 0; q < rows; q++) mass += y[q * m + j];
                for (int q = 0; q < rows; q++) dz[q * m + j] = a[q * m + j] * mass - y[q * m + j];
            }
        }
    }
}
