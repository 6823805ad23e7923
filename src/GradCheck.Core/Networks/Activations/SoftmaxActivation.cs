using System;
using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>
    /// a_k = exp(z_k − max) / Σ_i exp(z_i − max) over the units of each example (a column), the largest z
    /// subtracted first so that no exponential overflows. It couples the units of a column, so it may only be
    /// the output layer, and the incremental evaluation recomputes whole columns of it.
    /// </summary>
    internal sealed class SoftmaxActivation : ActivationFunction
    {
        public override Activation Kind => Activation.Softmax;

        public override void ValidatePosition(int layer, int layers)
        {
            if (layer != layers)
                throw new GradCheckException(ErrorIds.SoftmaxNotOutput, GradCheckErrorKind.InvalidArgument,
                    $"Activation[{layer - 1}]", Text.Format("SoftmaxNotOutput", layer, layers));
        }

        /// <summary>Nothing yet: a column needs every row of z.</summary>
        public override void ActivateRow(double[] z, double[] a, int start, int count)
        {
        }

        public override void CompleteLayer(double[] z, double[] a, int rows, int m)
        {
            for (int j = 0; j < m; j++) ActivateColumn(z, a, rows, m, j);
        }

        [MethodImpl(HotPath.Optimize)]
        public override void ActivateColumns(double[] z, double[] a, int rows, int m, int[] columns, int count)
        {
            for (int k = 0; k < count; k++) ActivateColumn(z, a, rows, m, columns[k]);
        }

        /// <summary>As numpy: e = exp(Z − Z.max(axis=0)); A = e / e.sum(axis=0), the sum taken row after row.</summary>
        [MethodImpl(HotPath.Optimize)]
        private static void ActivateColumn(double[] z, double[] a, int rows, int m, int j)
        {
            double max = ColumnMax(z, rows, m, j), sum = 0;
            for (int q = 0; q < rows; q++)
            {
                int t = q * m + j;
                a[t] = Math.Exp(z[t] - max);
                sum += a[t];
            }
            for (int q = 0; q < rows; q++) a[q * m + j] /= sum;
        }

        /// <summary>max_q z[q, j]; NaN if any is NaN, so that a NaN is never hidden.</summary>
        internal static double ColumnMax(double[] z, int rows, int m, int j)
        {
            double max = double.NegativeInfinity;
            for (int q = 0; q < rows; q++)
            {
                double v = z[q * m + j];
                if (v > max || double.IsNaN(v)) max = v;
                if (double.IsNaN(v)) break;
            }
            return max;
        }

        /// <summary>
        /// ∂J/∂z_k = a_k·(∂J/∂a_k − Σ_i a_i·∂J/∂a_i), the Jacobian of softmax times ∂J/∂a, per column.
        /// </summary>
        public override void Backward(double[] delta, double[] z, double[] a, int rows, int m)
        {
            for (int j = 0; j < m; j++)
            {
                double inner = 0;
                for (int q = 0; q < rows; q++) inner += a[q * m + j] * delta[q * m + j];
                for (int q = 0; q < rows; q++) delta[q * m + j] = a[q * m + j] * (delta[q * m + j] - inner);
            }
        }

        /// <summary>Nothing yet: a column needs every row of z.</summary>
        public override void ActivateRow(float[] z, float[] a, int start, int count)
        {
        }

        public override void CompleteLayer(float[] z, float[] a, int rows, int m)
        {
            for (int j = 0; j < m; j++) ActivateColumn(z, a, rows, m, j);
        }

        /// <summary><see cref="ActivateColumn(double[], double[], int, int, int)"/> in float32.</summary>
        private static void ActivateColumn(float[] z, float[] a, int rows, int m, int j)
        {
            float max = ColumnMax(z, rows, m, j), sum = 0;
            for (int q = 0; q < rows; q++)
            {
                int t = q * m + j;
                a[t] = SingleMath.Exp(z[t] - max);
                sum += a[t];
            }
            for (int q = 0; q < rows; q++) a[q * m + j] /= sum;
        }

        /// <summary><see cref="ColumnMax(double[], int, int, int)"/> in float32.</summary>
        internal static float ColumnMax(float[] z, int rows, int m, int j)
        {
            float max = float.NegativeInfinity;
            for (int q = 0; q < rows; q++)
            {
                float v = z[q * m + j];
                if (v > max || float.IsNaN(v)) max = v;
                if (float.IsNaN(v)) break;
            }
            return max;
        }

        /// <summary><see cref="Backward(double[], double[], double[], int, int)"/> in float32.</summary>
        public override void Backward(float[] delta, float[] z, float[] a, int rows, int m)
        {
            for (int j = 0; j < m; j++)
            {
                float inner = 0;
                for (int q = 0; q < rows; q++) inner += a[q * m + j] * delta[q * m + j];
                for (int q = 0; q < rows; q++) delta[q * m + j] = a[q * m + j] * (delta[q * m + j] - inner);
            }
        }

        /// <summary>
        /// Softmax is never a hidden layer (<see cref="ValidatePosition"/>), so no rank-1 step reaches it.
        /// </summary>
        public override bool RankOne(double[] zOut, double[] aOut, double[] z, int start, double w, double[] d,
            int n, double[] s) =>
            throw new InvalidOperationException("Softmax is the output layer only; no rank-1 update activates it.");
    }
}
