using System;

namespace GradCheck
{
    /// <summary>Per-thread buffers for one forward and backward pass: no allocation per evaluation.</summary>
    internal sealed class PropagationBuffers
    {
        public PropagationBuffers(NetworkShape shape)
        {
            int m = shape.Examples;
            Z = new double[shape.Layers + 1][];
            A = new double[shape.Layers + 1][];
            A[0] = shape.Input;
            for (int l = 1; l <= shape.Layers; l++)
            {
                Z[l] = new double[shape.Sizes[l] * m];
                A[l] = new double[shape.Sizes[l] * m];
            }
            int widest = 0;
            foreach (int n in shape.Sizes) widest = Math.Max(widest, n);
            Terms = new double[shape.Sizes[shape.Layers] * m];
            DeltaZ = new double[widest * m];
            DeltaPrevious = new double[widest * m];
        }

        /// <summary>Z_l and A_l = f(Z_l), n_l × m; A[0] is X.</summary>
        public double[][] Z { get; }
        public double[][] A { get; }

        /// <summary>The per-entry loss terms, summed in numpy's order.</summary>
        public double[] Terms { get; }

        public double[] DeltaZ { get; }
        public double[] DeltaPrevious { get; }
    }

    /// <summary>
    /// Forward and backward propagation over a flat θ, written as the course writes them and summing in
    /// numpy's order, so that costs and gradients agree with numpy's to rounding.
    /// </summary>
    internal static class Propagation
    {
        /// <summary>Below this many multiply-adds a layer is not worth splitting across threads.</summary>
        private const double ParallelLayerWork = 1 << 20;

        /// <summary>
        /// Z_l = W_l·A_{l−1} + b_l, A_l = f_l(Z_l) for every layer; returns the cost. With <paramref name="parallel"/>,
        /// the rows of a large layer are shared among threads; each row is computed alone, so the bits do not change.
        /// </summary>
        public static double Forward(NetworkShape s, double[] theta, PropagationBuffers buffers, bool parallel = false)
        {
            for (int l = 1; l <= s.Layers; l++) ForwardLayer(s, theta, buffers, l, parallel);
            return Cost(s, buffers.A[s.Layers], buffers.Terms);
        }

        /// <summary>One layer; the inner loop runs along examples so memory is read in order.</summary>
        public static void ForwardLayer(NetworkShape s, double[] theta, PropagationBuffers buffers, int l, bool parallel = false, bool activate = true)
        {
            int m = s.Examples, rows = s.Sizes[l], inner = s.Sizes[l - 1];
            double[] previous = buffers.A[l - 1], z = buffers.Z[l], a = buffers.A[l];
            int w = s.WeightOffset[l], b = s.BiasOffset[l];
            var f = s.ActivationOf(l);
            if (parallel && (double)rows * inner * m >= ParallelLayerWork && rows > 1)
            {
                int parts = Math.Min(rows, Environment.ProcessorCount * 4);
                System.Threading.Tasks.Parallel.For(0, parts, part =>
                {
                    for (int r = part * rows / parts; r < (part + 1) * rows / parts; r++)
                        ForwardRow(theta, w + r * inner, theta[b + r], previous, inner, m, z, a, r * m, f, activate);
                });
                return;
            }
            for (int r = 0; r < rows; r++) ForwardRow(theta, w + r * inner, theta[b + r], previous, inner, m, z, a, r * m, f, activate);
        }

        /// <summary>Row r of Z_l and A_l. Σ_k W[r,k]·A[k,j] accumulates in k order, then b is added, as np.dot(W, A) + b does.</summary>
        public static void ForwardRow(double[] theta, int weightRow, double bias, double[] previous, int inner, int m,
            double[] z, double[] a, int rowStart, Activation f, bool activate = true)
        {
            Array.Clear(z, rowStart, m);
            int k = 0;
            for (; k + 4 <= inner; k += 4)
                Kernels.AddScaled4(z, rowStart, theta[weightRow + k], theta[weightRow + k + 1], theta[weightRow + k + 2], theta[weightRow + k + 3],
                    previous, k * m, (k + 1) * m, (k + 2) * m, (k + 3) * m, m);
            for (; k < inner; k++) Kernels.AddScaled(z, rowStart, theta[weightRow + k], previous, k * m, m);
            for (int j = 0; j < m; j++) z[rowStart + j] += bias;
            if (activate) Activations.ApplyRange(f, z, a, rowStart, m);
        }

        /// <summary>
        /// CrossEntropy: (1/m)·Σ [(−log a)·y + (−log(1 − a))·(1 − y)], term by term as the course writes it.
        /// MeanSquaredError: (1/2m)·Σ (a − y)².
        /// </summary>
        public static double Cost(NetworkShape s, double[] output, double[] terms)
        {
            double[] y = s.Label;
            for (int t = 0; t < output.Length; t++) terms[t] = Term(s.Loss, output[t], y[t]);
            return Total(s, terms);
        }

        /// <summary>
        /// One loss term. CrossEntropy: (−log a)·y + (−log(1 − a))·(1 − y), as the course writes it; a part whose
        /// label weight is exactly 0 adds only ±0, so its logarithm is not taken (the same sum, half the logarithms
        /// for 0/1 labels, and no 0·∞ when a saturates). MeanSquaredError: (a − y)².
        /// </summary>
        public static double Term(Loss loss, double a, double y)
        {
            if (loss == Loss.CrossEntropy)
            {
                double positive = y == 0 ? 0 : (-Math.Log(a)) * y;
                return y == 1 ? positive : positive + (-Math.Log(1 - a)) * (1 - y);
            }
            double d = a - y;
            return d * d;
        }

        /// <summary>(1/m)·Σ terms for CrossEntropy, (1/2m)·Σ terms for MeanSquaredError, summed in numpy's order.</summary>
        public static double Total(NetworkShape s, double[] terms)
        {
            double sum = Summation.Pairwise(terms, 0, terms.Length);
            return s.Loss == Loss.CrossEntropy ? 1.0 / s.Examples * sum : 1.0 / (2.0 * s.Examples) * sum;
        }

        /// <summary>
        /// Backprop after <see cref="Forward"/>: dZ_L = A_L − Y for CrossEntropy with a sigmoid output
        /// (else dA_L·f′), dW_l = (1/m)·dZ_l·A_{l−1}ᵀ, db_l = (1/m)·Σ_j dZ_l, dZ_{l−1} = (W_lᵀ·dZ_l) ⊙ f′(Z_{l−1}).
        /// </summary>
        public static void Backward(NetworkShape s, double[] theta, PropagationBuffers buffers, double[] gradient)
        {
            int m = s.Examples, L = s.Layers;
            double[] dz = buffers.DeltaZ, dPrevious = buffers.DeltaPrevious;
            OutputDelta(s, buffers, dz);
            for (int l = L; l >= 1; l--)
            {
                int rows = s.Sizes[l], inner = s.Sizes[l - 1];
                double[] previous = buffers.A[l - 1];
                int w = s.WeightOffset[l], b = s.BiasOffset[l];
                for (int r = 0; r < rows; r++)
                {
                    for (int k = 0; k < inner; k++) gradient[w + r * inner + k] = 1.0 / m * Kernels.Dot(dz, r * m, previous, k * m, m);
                    gradient[b + r] = 1.0 / m * Summation.Pairwise(dz, r * m, m);
                }
                if (l == 1) break;
                var f = s.ActivationOf(l - 1);
                double[] zPrevious = buffers.Z[l - 1];
                // dA_{l−1} = W_lᵀ·dZ_l, row k accumulated over r in order, then ⊙ f′(Z_{l−1}).
                Array.Clear(dPrevious, 0, inner * m);
                for (int r = 0; r < rows; r++)
                    for (int k = 0; k < inner; k++) Kernels.AddScaled(dPrevious, k * m, theta[w + r * inner + k], dz, r * m, m);
                for (int t = 0; t < inner * m; t++) dPrevious[t] *= Activations.Derivative(f, zPrevious[t], previous[t]);
                var swap = dz; dz = dPrevious; dPrevious = swap;
            }
        }

        private static void OutputDelta(NetworkShape s, PropagationBuffers buffers, double[] dz)
        {
            double[] a = buffers.A[s.Layers], z = buffers.Z[s.Layers], y = s.Label;
            var f = s.ActivationOf(s.Layers);
            for (int t = 0; t < a.Length; t++)
            {
                if (s.Loss == Loss.CrossEntropy && f == Activation.Sigmoid) { dz[t] = a[t] - y[t]; continue; }
                double da = s.Loss == Loss.CrossEntropy ? -y[t] / a[t] + (1 - y[t]) / (1 - a[t]) : a[t] - y[t];
                dz[t] = da * Activations.Derivative(f, z[t], a[t]);
            }
        }
    }
}
