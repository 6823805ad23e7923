using System;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// Checks a Hessian (H·v, or the whole H) against centred differences of the gradient: the Jacobian check of
    /// θ ↦ ∇J(θ). That says something only when the gradient is itself right, so given the cost the gradient is
    /// checked first, and a gradient that is not Correct makes the Hessian check Inconclusive. Symmetry is judged
    /// too: a Hessian whose |vᵀHw − wᵀHv| exceeds its own rounding fails (see <see cref="SymmetryTolerance"/>).
    /// </summary>
    public sealed class HessianChecker
    {
        /// <summary>
        /// How far vᵀHw and wᵀHv may differ, relative to |v|ᵀ|H||w| + |w|ᵀ|H||v|: 64·P·u, the rounding of a sum of
        /// P products with room for how H itself was computed (u = 2⁻⁵³, or 2⁻²⁴ for a float32 Hessian).
        /// </summary>
        public static double SymmetryTolerance(int parameters, Precision precision = Precision.Double) =>
            32.0 * parameters * StepGrid.UnitOf(precision);

        public HessianChecker(CheckOptions options = null)
        {
            Options = options ?? new CheckOptions();
        }

        public CheckOptions Options { get; }

        /// <param name="cost">When given, the cost whose gradient the objective's is: checked first.</param>
        public JacobianCheckResult Check(IHessianObjective objective, double[] theta, IGradientObjective cost = null,
            CancellationToken cancel = default, Action<CheckProgress> progress = null)
        {
            if (objective == null) throw new ArgumentNullException(nameof(objective));
            var gradientCheck = cost == null ? null : CheckGradient(cost, theta, cancel, progress);
            var function = GradientFunction.For(objective);
            var result = new JacobianChecker(Options).Check(function, theta, cancel, progress);
            result.GradientCheck = gradientCheck;
            if (gradientCheck != null && gradientCheck.Verdict != CheckVerdict.Correct)
            {
                result.Verdict = CheckVerdict.Inconclusive;
                result.Message = Text.Format("HessianGradientNotCorrect", gradientCheck.Verdict, gradientCheck.Message);
            }
            else if (gradientCheck == null && result.Verdict == CheckVerdict.Correct)
                result.Message += Text.Format("HessianGradientUnchecked");
            // Symmetry needs no right gradient: an asymmetric H is Wrong whatever the gradient.
            HessianSymmetry.Judge(result, objective, theta, Options);
            return result;
        }

        /// <summary>One check per ε, as <see cref="JacobianChecker.Sweep"/>.</summary>
        public JacobianCheckResult[] Sweep(IHessianObjective objective, double[] theta, double[] epsilons,
            IGradientObjective cost = null, CancellationToken cancel = default,
            Action<CheckProgress> progress = null) =>
            EpsilonSweep.Run(Options, epsilons,
                options => new HessianChecker(options).Check(objective, theta, cost, cancel, progress),
                r => r.NumericalError, JacobianChecker.MarkBest);

        private GradientCheckResult CheckGradient(IGradientObjective cost, double[] theta, CancellationToken cancel,
            Action<CheckProgress> progress)
        {
            var options = Options.Clone();
            options.OutputGradient = null;
            options.Directions = 0;
            return new GradientChecker(options).Check(cost, theta, null, cancel, progress);
        }
    }
}
