using System;

namespace GradCheck
{
    /// <summary>
    /// How Backward behaves, checked as torch's gradcheck checks it: Backward(x, 0) is exactly 0 (a backward pass
    /// that adds a constant, or reads stale state, is not), and two calls with the same x and u agree within
    /// NondeterministicTolerance (torch's nondet_tol; code with atomic sums may differ in the last bits).
    /// </summary>
    internal static class BackwardBehaviour
    {
        /// <summary>The seed of the upstream gradient of the reproducibility test: fixed, so results repeat.</summary>
        public const uint ReproducibilitySeed = 20261201;

        public static void Measure(JacobianContext context, JacobianCheckResult result)
        {
            var zero = context.Backward(new double[context.OutputCount], "0");
            result.ZeroUpstreamLargest = Largest(zero, null);
            result.ZeroUpstreamGivesZero = result.ZeroUpstreamLargest == 0;
            var u = DirectionalChecker.Rademacher(new MersenneTwister(ReproducibilitySeed), context.OutputCount);
            var first = context.Backward(u, "±1");
            var second = context.Backward(u, "±1");
            result.BackwardReproducibility = Largest(first, second);
            result.BackwardDeterministic = result.BackwardReproducibility <= context.Options.NondeterministicTolerance;
        }

        /// <summary>max |a − b| (or max |a| without b).</summary>
        private static double Largest(double[] a, double[] b)
        {
            double largest = 0;
            for (int i = 0; i < a.Length; i++) largest = Math.Max(largest, Math.Abs(a[i] - (b == null ? 0 : b[i])));
            return largest;
        }
    }
}
