using System;

namespace GradCheck
{
    /// <summary>
    /// Symmetry of a Hessian as a property of the result: over every pair of unit vectors when the whole H is at
    /// hand, or over the random pairs (v, w) of the directional mode otherwise.
    /// </summary>
    internal static class HessianSymmetry
    {
        public static void Judge(JacobianCheckResult result, IHessianObjective objective, double[] theta,
            CheckOptions options)
        {
            double asymmetry = result.AnalyticJacobian != null ? OfMatrix(result.AnalyticJacobian)
                : OfPairs(objective, theta, Math.Max(1, options.Directions), result.Seed ?? options.Seed ?? 0);
            double allowed = HessianChecker.SymmetryTolerance(theta.Length, options.Precision ?? Precision.Double);
            result.Asymmetry = asymmetry;
            result.Symmetric = asymmetry <= allowed;
            if (result.Symmetric == true) return;
            string note = Text.Format("HessianAsymmetric", Format.Number(asymmetry), Format.Number(allowed));
            // A check that found J itself right says so no longer: the Hessian is wrong for its asymmetry alone.
            result.Message = result.Verdict == CheckVerdict.Correct ? Text.Format("JacobianWrongElsewhere") + note
                : result.Message + note;
            result.Verdict = CheckVerdict.Wrong;
        }

        /// <summary>
        /// max over i &lt; j of |Hᵢⱼ − Hⱼᵢ| / (2·max|H|): relative to the size of H, since an entry that should be 0
        /// comes out as a rounding of the terms it is made of, not as a rounding of itself. 0 for H = 0.
        /// </summary>
        private static double OfMatrix(double[,] h)
        {
            double worst = 0, largest = 0;
            int p = h.GetLength(0);
            foreach (double v in h) largest = Math.Max(largest, Math.Abs(v));
            for (int i = 0; i < p; i++)
                for (int j = i + 1; j < p; j++)
                    worst = Math.Max(worst, Relative(h[i, j], h[j, i], 2 * largest));
            return worst;
        }

        /// <summary>max over K random ±1 pairs of |vᵀHw − wᵀHv| / (|v|ᵀ|Hw| + |w|ᵀ|Hv|).</summary>
        private static double OfPairs(IHessianObjective objective, double[] theta, int pairs, int seed)
        {
            double worst = 0;
            for (int k = 0; k < pairs; k++)
            {
                var v = DirectionalChecker.DirectionOf(unchecked(seed ^ 0x68E31DA4), 2 * k, theta.Length);
                var w = DirectionalChecker.DirectionOf(unchecked(seed ^ 0x68E31DA4), 2 * k + 1, theta.Length);
                var hw = Product(objective, theta, w, "w");
                var hv = Product(objective, theta, v, "v");
                double a = 0, b = 0, scale = 0;
                for (int i = 0; i < theta.Length; i++)
                {
                    a += v[i] * hw[i];
                    b += w[i] * hv[i];
                    scale += Math.Abs(hw[i]) + Math.Abs(hv[i]);
                }
                worst = Math.Max(worst, Relative(a, b, scale));
            }
            return worst;
        }

        /// <summary>H·<paramref name="vector"/>, guarded and checked like every call of the user's code.</summary>
        private static double[] Product(IHessianObjective objective, double[] theta, double[] vector, string name)
        {
            var product = Validation.GuardBackward(
                () => objective.HessianVector((double[])theta.Clone(), (double[])vector.Clone()), name);
            return Validation.Backward(objective.Layout, product, name);
        }

        private static double Relative(double a, double b, double scale) => scale == 0 ? 0 : Math.Abs(a - b) / scale;
    }
}
