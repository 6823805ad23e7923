using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>
    /// The course's compute_cost_with_regularization: J = cross-entropy + (1/m·λ/2)·(Σ W1² + Σ W2² + …), each
    /// Σ summed as np.sum(np.square(W)) does, and backprop adds (λ·W_l)/m to each dW_l. Biases are not penalised.
    /// λ = 0 leaves the cost untouched, bit for bit.
    /// </summary>
    internal static class L2Penalty
    {
        /// <summary>
        /// Σ_l Σ W_l², the blocks added in layer order; <paramref name="squares"/> holds the largest block.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        public static double SumOfSquares(NetworkShape s, double[] theta, double[] squares)
        {
            double total = 0;
            for (int l = 1; l <= s.Layers; l++)
            {
                int w = s.WeightOffset[l], count = s.BiasOffset[l] - w;
                for (int i = 0; i < count; i++) squares[i] = theta[w + i] * theta[w + i];
                total += Summation.Pairwise(squares, 0, count);
            }
            return total;
        }

        /// <summary>
        /// The data cost with the penalty for this sum of squares added; the data cost itself when λ = 0.
        /// </summary>
        public static double Add(NetworkShape s, double dataCost, double sumOfSquares) =>
            s.L2 == 0 ? dataCost : dataCost + 1.0 / s.Examples * s.L2 / 2 * sumOfSquares;

        /// <summary>The sum of squares with one weight w moved by step: (w + step)² − w² = step·(2w + step).</summary>
        public static double Moved(double sumOfSquares, double w, double step) => sumOfSquares + step * (2 * w + step);

        /// <summary>Adds (λ·W_l)/m to every dW_l.</summary>
        public static void AddGradient(NetworkShape s, double[] theta, double[] gradient)
        {
            if (s.L2 == 0) return;
            for (int l = 1; l <= s.Layers; l++)
                for (int i = s.WeightOffset[l]; i < s.BiasOffset[l]; i++) gradient[i] += s.L2 * theta[i] / s.Examples;
        }

        /// <summary>
        /// <see cref="SumOfSquares(NetworkShape, double[], double[])"/> in float32: each block's squares summed as
        /// numpy sums a float32 array.
        /// </summary>
        public static float SumOfSquares(NetworkShape s, float[] theta, float[] squares)
        {
            float total = 0;
            for (int l = 1; l <= s.Layers; l++)
            {
                int w = s.WeightOffset[l], count = s.BiasOffset[l] - w;
                for (int i = 0; i < count; i++) squares[i] = theta[w + i] * theta[w + i];
                total += Summation.Pairwise(squares, 0, count);
            }
            return total;
        }

        /// <summary>The float32 data cost with the penalty of λ (a float32 number) added; itself when λ = 0.</summary>
        public static float Add(NetworkShape s, float l2, float dataCost, float sumOfSquares) =>
            l2 == 0 ? dataCost : dataCost + 1f / s.Examples * l2 / 2 * sumOfSquares;

        /// <summary>Adds (λ·W_l)/m to every dW_l, in float32.</summary>
        public static void AddGradient(NetworkShape s, float l2, float[] theta, float[] gradient)
        {
            if (l2 == 0) return;
            for (int l = 1; l <= s.Layers; l++)
                for (int i = s.WeightOffset[l]; i < s.BiasOffset[l]; i++) gradient[i] += l2 * theta[i] / s.Examples;
        }
    }
}
