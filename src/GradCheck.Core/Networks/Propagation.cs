using System;
using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>
    /// Forward and backward propagation over a flat θ, written as the course writes them and summing in
    /// numpy's order, so that costs and gradients agree with numpy's to rounding.
    /// </summary>
    internal static class Propagation
    {
        /// <summary>Below this many multiply-adds a layer is not worth splitting across threads.</summary>
        private const double ParallelLayerWork = 1 << 20;

        /// <summary>
        /// Z_l = W_l·A_{l−1} + b_l, A_l = f_l(Z_l) (⊙ D_l / p with dropout) for every layer; returns the cost. With
        /// <paramref name="parallel"/>, the rows of a large layer are shared among threads; each row is computed
        /// alone, so the bits do not change.
        /// </summary>
        public static double Forward(NetworkShape s, double[] theta, PropagationBuffers buffers, bool parallel = false)
        {
            for (int l = 1; l <= s.Layers; l++) ForwardLayer(s, theta, buffers, l, parallel);
            return Cost(s, theta, buffers);
        }

        /// <summary>
        /// One layer; the inner loop runs along examples so memory is read in order. <paramref name="theta"/> may
        /// hold θ from entry <paramref name="first"/> on only (entry i at theta[i − first]), for a layer whose
        /// parameters all lie there.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        public static void ForwardLayer(NetworkShape s, double[] theta, PropagationBuffers buffers, int l,
            bool parallel = false, bool activate = true, int first = 0)
        {
            int m = s.Examples, rows = s.Sizes[l], inner = s.Sizes[l - 1];
            double[] previous = buffers.A[l - 1], z = buffers.Z[l], f = buffers.F[l];
            int w = s.WeightOffset[l] - first, b = s.BiasOffset[l] - first;
            var g = activate ? s.ActivationOf(l) : null;
            int parts = PartsOf(s, l, parallel);
            if (parts > 1)
            {
                ParallelParts.Run(parts, [MethodImpl(HotPath.Optimize)] (part) =>
                {
                    for (int r = part * rows / parts; r < (part + 1) * rows / parts; r++)
                        ForwardRow(theta, w + r * inner, theta[b + r], previous, inner, m, z, f, r * m, g);
                });
            }
            else
            {
                for (int r = 0; r < rows; r++) ForwardRow(theta, w + r * inner, theta[b + r], previous, inner, m, z,
                    f, r * m, g);
            }
            if (!activate) return;
            g.CompleteLayer(z, f, rows, m);
            if (s.MaskOf(l) != null) s.Dropout.Apply(l, f, buffers.A[l], 0, rows * m);
        }

        /// <summary>
        /// How many parts layer l's rows are shared in: one (this thread) unless <paramref name="parallel"/> and the
        /// layer has at least <see cref="ParallelLayerWork"/> multiply-adds.
        /// </summary>
        private static int PartsOf(NetworkShape s, int l, bool parallel)
        {
            int rows = s.Sizes[l];
            bool share = parallel && (double)rows * s.Sizes[l - 1] * s.Examples >= ParallelLayerWork && rows > 1;
            return share ? Math.Min(rows, Environment.ProcessorCount * 4) : 1;
        }

        /// <summary>
        /// V₁·X + v_b1 for a direction v: how far Z₁ moves per unit of t along θ + t·v, layer 1 being linear in
        /// its parameters. Row by row through <see cref="ForwardRow"/>, as <see cref="ForwardLayer"/> computes Z₁,
        /// each row's weights read out of v into scratch of one row: v is never written out whole.
        /// </summary>
        public static double[] FirstLayerSlope(NetworkShape s, LineDirection v, bool parallel)
        {
            int m = s.Examples, rows = s.Sizes[1];
            var slope = new double[rows * m];
            int parts = PartsOf(s, 1, parallel);
            if (parts > 1)
                ParallelParts.Run(parts,
                    part => SlopeRows(s, v, slope, part * rows / parts, (part + 1) * rows / parts));
            else SlopeRows(s, v, slope, 0, rows);
            return slope;
        }

        /// <summary>Rows [first, end) of <see cref="FirstLayerSlope"/>.</summary>
        [MethodImpl(HotPath.Optimize)]
        private static void SlopeRows(NetworkShape s, LineDirection v, double[] slope, int first, int end)
        {
            int m = s.Examples, inner = s.Sizes[0];
            var weights = new double[inner];
            for (int r = first; r < end; r++)
            {
                v.CopyTo(s.WeightOffset[1] + r * inner, inner, weights, 0);
                ForwardRow(weights, 0, v[s.BiasOffset[1] + r], s.Input, inner, m, slope, null, r * m, null);
            }
        }

        /// <summary>
        /// Row r of Z_l, and of f(Z_l) unless <paramref name="g"/> is null. Σ_k W[r,k]·A[k,j] accumulates in k
        /// order, then b is added, as np.dot(W, A) + b does. The rows of <paramref name="previous"/> and
        /// <paramref name="z"/> are m long: the incremental evaluation passes a subset of the columns, packed.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        internal static void ForwardRow(double[] theta, int weightRow, double bias, double[] previous, int inner, int m,
            double[] z, double[] a, int rowStart, ActivationFunction g)
        {
            Kernels.DenseRow(z, rowStart, theta, weightRow, previous, inner, m);
            for (int j = 0; j < m; j++) z[rowStart + j] += bias;
            g?.ActivateRow(z, a, rowStart, m);
        }

        /// <summary>The loss of the output the buffers hold, plus the L2 penalty at θ.</summary>
        public static double Cost(NetworkShape s, double[] theta, PropagationBuffers buffers)
        {
            double data = DataCost(s, buffers);
            return s.L2 == 0 ? data : L2Penalty.Add(s, data, L2Penalty.SumOfSquares(s, theta, buffers.Squares));
        }

        /// <summary>The loss alone: its terms into the buffers, then their average.</summary>
        [MethodImpl(HotPath.Optimize)]
        public static double DataCost(NetworkShape s, PropagationBuffers buffers)
        {
            int L = s.Layers;
            s.LossFunction.Terms(buffers.Z[L], buffers.A[L], s.Label, buffers.Terms, s.Sizes[L], s.Examples);
            return s.LossFunction.Total(buffers.Terms, s.Examples);
        }

        /// <summary>
        /// Backprop after <see cref="Forward"/>: dZ_L from the loss, dW_l = (1/m)·dZ_l·A_{l−1}ᵀ (+ (λ·W_l)/m),
        /// db_l = (1/m)·Σ_j dZ_l, dA_{l−1} = W_lᵀ·dZ_l (⊙ D_{l−1} / p), dZ_{l−1} = dA_{l−1} ⊙ f′(Z_{l−1}).
        /// </summary>
        public static void Backward(NetworkShape s, double[] theta, PropagationBuffers buffers, double[] gradient,
            bool parallel = false)
        {
            int m = s.Examples, L = s.Layers;
            double[] dz = buffers.DeltaZ, dPrevious = buffers.DeltaPrevious;
            s.LossFunction.OutputDelta(s.ActivationOf(L), buffers.Z[L], buffers.A[L], s.Label, dz, s.Sizes[L], m);
            for (int l = L; l >= 1; l--)
            {
                LayerGradient(s, buffers.A[l - 1], dz, l, gradient, parallel);
                if (l == 1) break;
                DeltaBelow(s, theta, buffers, dz, dPrevious, l);
                var swap = dz; dz = dPrevious; dPrevious = swap;
            }
            L2Penalty.AddGradient(s, theta, gradient);
        }

        /// <summary>
        /// dW_l = (1/m)·dZ_l·A_{l−1}ᵀ and db_l = (1/m)·Σ_j dZ_l. With <paramref name="parallel"/>, the rows of a large
        /// layer are shared among threads; each row is computed alone, so the bits do not change.
        /// </summary>
        private static void LayerGradient(NetworkShape s, double[] previous, double[] dz, int l, double[] gradient,
            bool parallel)
        {
            int rows = s.Sizes[l], parts = PartsOf(s, l, parallel);
            if (parts > 1)
                ParallelParts.Run(parts, [MethodImpl(HotPath.Optimize)] (part) =>
                    GradientRows(s, previous, dz, l, gradient, part * rows / parts, (part + 1) * rows / parts));
            else GradientRows(s, previous, dz, l, gradient, 0, rows);
        }

        /// <summary>Rows [first, end) of dW_l and db_l.</summary>
        [MethodImpl(HotPath.Optimize)]
        private static void GradientRows(NetworkShape s, double[] previous, double[] dz, int l, double[] gradient,
            int first, int end)
        {
            int m = s.Examples, inner = s.Sizes[l - 1];
            int w = s.WeightOffset[l], b = s.BiasOffset[l];
            for (int r = first; r < end; r++)
            {
                Kernels.ScaledDots(gradient, w + r * inner, 1.0 / m, dz, r * m, previous, inner, m);
                gradient[b + r] = 1.0 / m * Summation.Pairwise(dz, r * m, m);
            }
        }

        /// <summary>
        /// dZ_{l−1} from dZ_l: W_lᵀ·dZ_l row by row in order, the course's dA·D/p, then back through f_{l−1}.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        private static void DeltaBelow(NetworkShape s, double[] theta, PropagationBuffers buffers, double[] dz,
            double[] dPrevious, int l)
        {
            int m = s.Examples, rows = s.Sizes[l], inner = s.Sizes[l - 1], w = s.WeightOffset[l];
            Array.Clear(dPrevious, 0, inner * m);
            for (int r = 0; r < rows; r++)
                for (int k = 0; k < inner; k++) Kernels.AddScaled(dPrevious, k * m, theta[w + r * inner + k], dz,
                    r * m, m);
            if (s.MaskOf(l - 1) != null) s.Dropout.Apply(l - 1, dPrevious, dPrevious, 0, inner * m);
            s.ActivationOf(l - 1).Backward(dPrevious, buffers.Z[l - 1], buffers.F[l - 1], inner, m);
        }
    }
}
