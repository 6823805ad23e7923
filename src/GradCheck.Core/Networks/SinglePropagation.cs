using System;

namespace GradCheck
{
    /// <summary>
    /// <see cref="Propagation"/>'s forward and backward passes with every number and every operation float32, as
    /// float32 training code computes them: the same formulas, layer shapes and loop orders, on the network's
    /// shape; only the arithmetic is float. Serial: the checker runs a float32 network's costs on every core at once
    /// (<see cref="IThreadSafeObjective"/>), one pass per thread.
    /// </summary>
    internal static class SinglePropagation
    {
        /// <summary>Z_l = W_l·A_{l−1} + b_l and A_l = f_l(Z_l) (⊙ D_l / p with dropout) for each layer; J.</summary>
        public static float Forward(NetworkShape s, SingleData d, float[] theta, SingleBuffers buffers)
        {
            for (int l = 1; l <= s.Layers; l++) ForwardLayer(s, d, theta, buffers, l);
            return Cost(s, d, theta, buffers);
        }

        private static void ForwardLayer(NetworkShape s, SingleData d, float[] theta, SingleBuffers buffers, int l)
        {
            int m = s.Examples, rows = s.Sizes[l], inner = s.Sizes[l - 1];
            int w = s.WeightOffset[l], b = s.BiasOffset[l];
            float[] z = buffers.Z[l], f = buffers.F[l];
            for (int r = 0; r < rows; r++)
                ForwardRow(theta, w + r * inner, theta[b + r], buffers.A[l - 1], inner, m, z, r * m);
            s.ActivationOf(l).ActivateLayer(z, f, rows, m);
            if (d.MaskOf(l) != null) d.Dropout(l, f, buffers.A[l]);
        }

        /// <summary>Row r of Z_l: Σ_k W[r,k]·A[k,j] summed in k order from 0, then b added, as np.dot + b.</summary>
        private static void ForwardRow(float[] theta, int weightRow, float bias, float[] previous, int inner, int m,
            float[] z, int rowStart)
        {
            Array.Clear(z, rowStart, m);
            for (int k = 0; k < inner; k++) AddScaled(z, rowStart, theta[weightRow + k], previous, k * m, m);
            for (int j = 0; j < m; j++) z[rowStart + j] += bias;
        }

        /// <summary>The loss of the output the buffers hold, plus the L2 penalty at θ.</summary>
        private static float Cost(NetworkShape s, SingleData d, float[] theta, SingleBuffers buffers)
        {
            int L = s.Layers;
            s.LossFunction.Terms(buffers.Z[L], buffers.A[L], d.Label, buffers.Terms, s.Sizes[L], s.Examples);
            float data = s.LossFunction.Total(buffers.Terms, s.Examples);
            return d.L2 == 0 ? data : L2Penalty.Add(s, d.L2, data, L2Penalty.SumOfSquares(s, theta, buffers.Squares));
        }

        /// <summary>
        /// Backprop after <see cref="Forward"/>: dZ_L from the loss, dW_l = (1/m)·dZ_l·A_{l−1}ᵀ (+ (λ·W_l)/m),
        /// db_l = (1/m)·Σ_j dZ_l, dA_{l−1} = W_lᵀ·dZ_l (⊙ D_{l−1} / p), dZ_{l−1} = dA_{l−1} ⊙ f′(Z_{l−1}).
        /// </summary>
        public static void Backward(NetworkShape s, SingleData d, float[] theta, SingleBuffers buffers,
            float[] gradient)
        {
            int m = s.Examples, L = s.Layers;
            float[] dz = buffers.DeltaZ, dPrevious = buffers.DeltaPrevious;
            s.LossFunction.OutputDelta(s.ActivationOf(L), buffers.Z[L], buffers.A[L], d.Label, dz, s.Sizes[L], m);
            for (int l = L; l >= 1; l--)
            {
                LayerGradient(s, buffers.A[l - 1], dz, l, gradient);
                if (l == 1) break;
                DeltaBelow(s, d, theta, buffers, dz, dPrevious, l);
                var swap = dz; dz = dPrevious; dPrevious = swap;
            }
            L2Penalty.AddGradient(s, d.L2, theta, gradient);
        }

        /// <summary>dW_l = (1/m)·dZ_l·A_{l−1}ᵀ and db_l = (1/m)·Σ_j dZ_l (pairwise, as np.sum).</summary>
        private static void LayerGradient(NetworkShape s, float[] previous, float[] dz, int l, float[] gradient)
        {
            int m = s.Examples, rows = s.Sizes[l], inner = s.Sizes[l - 1];
            int w = s.WeightOffset[l], b = s.BiasOffset[l];
            for (int r = 0; r < rows; r++)
            {
                for (int k = 0; k < inner; k++)
                    gradient[w + r * inner + k] = 1f / m * Dot(dz, r * m, previous, k * m, m);
                gradient[b + r] = 1f / m * Summation.Pairwise(dz, r * m, m);
            }
        }

        /// <summary>dZ_{l−1} from dZ_l: W_lᵀ·dZ_l row by row in order, dA·D/p, then back through f_{l−1}.</summary>
        private static void DeltaBelow(NetworkShape s, SingleData d, float[] theta, SingleBuffers buffers,
            float[] dz, float[] dPrevious, int l)
        {
            int m = s.Examples, rows = s.Sizes[l], inner = s.Sizes[l - 1], w = s.WeightOffset[l];
            Array.Clear(dPrevious, 0, inner * m);
            for (int r = 0; r < rows; r++)
                for (int k = 0; k < inner; k++) AddScaled(dPrevious, k * m, theta[w + r * inner + k], dz, r * m, m);
            if (d.MaskOf(l - 1) != null) d.Dropout(l - 1, dPrevious, dPrevious);
            s.ActivationOf(l - 1).Backward(dPrevious, buffers.Z[l - 1], buffers.F[l - 1], inner, m);
        }

        /// <summary>y[yStart + j] += w·x[xStart + j] for j in [0, n).</summary>
        private static void AddScaled(float[] y, int yStart, float w, float[] x, int xStart, int n)
        {
            for (int j = 0; j < n; j++) y[yStart + j] += w * x[xStart + j];
        }

        /// <summary>Σ_j a[aStart + j]·b[bStart + j], in order.</summary>
        private static float Dot(float[] a, int aStart, float[] b, int bStart, int n)
        {
            float sum = 0;
            for (int j = 0; j < n; j++) sum += a[aStart + j] * b[bStart + j];
            return sum;
        }
    }
}
