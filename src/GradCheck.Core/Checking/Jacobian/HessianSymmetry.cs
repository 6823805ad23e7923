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
                : OfPairs(objective, theta, Math.Max(1, options.Directions), options.Seed ?? 0);
            double allowed = HessianChecker.SymmetryTolerance(theta.Length);
            result.Asymmetry = asymmetry;
            result.Symmetric = asymmetry <= allowed;
            if (result.Symmetric == true) return;
            result.Verdict = CheckVerdict.Wrong;
            result.Message += Text.Format("HessianAsymmetric", Format.Number(asymmetry), Format.Number(allowed));
        }

        /// <summary>max over i &lt; j of |Hᵢⱼ − Hⱼᵢ| / (|Hᵢⱼ| + |Hⱼᵢ|); 0 where both are 0.</summary>
        private static double OfMatrix(double[,] h)
        {
            double worst = 0;
            int p = h.GetLength(0);
            for (int i = 0; i < p; i++)
                for (int j = i + 1; j < p; j++)
                    worst = Math.Max(worst, Relative(h[i, j], h[j, i], Math.Abs(h[i, j]) + Math.Abs(h[j, i])));
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
                var hw = Validation.Backward(objective.Layout,
                    objective.HessianVector((double[])theta.Clone(), w), "w");
                var hv = Validation.Backward(objective.Layout,
                    objective.HessianVector((double[])theta.Clone(), v), "v");
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

        private static double Relative(double a, double b, double scale) => scale == 0 ? 0 : Math.Abs(a - b) / scale;
    }
}
