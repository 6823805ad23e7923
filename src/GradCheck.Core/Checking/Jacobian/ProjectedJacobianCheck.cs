using System.Linq;

namespace GradCheck
{
    /// <summary>
    /// The OutputGradient mode: the vector-Jacobian product for the one upstream gradient u given, judged as the
    /// scalar check of ⟨u, f(x)⟩ (CS231n's eval_numerical_gradient_array), with every option of that check.
    /// </summary>
    internal static class ProjectedJacobianCheck
    {
        /// <summary>How the projection's block pairs and entries name their output: "⟨dy, y⟩".</summary>
        public const string ProjectionName = "⟨dy, y⟩";

        public static JacobianCheckResult Run(JacobianContext context)
        {
            var objective = new ProjectedObjective(context.Evaluations, context.Options.OutputGradient,
                "-OutputGradient");
            var gradient = context.Backward(context.Options.OutputGradient, "-OutputGradient");
            var check = context.ScalarChecker().Check(objective, context.X, gradient, context.Cancel,
                context.Progress);
            var result = JacobianResultBuilder.Start(JacobianMode.OutputGradient, context);
            result.ProjectedCheck = check;
            result.Precision = check.Precision;
            if (context.Function is IForwardDerivative forward)
                result.ForwardVerdict = DirectionalJacobianCheck.Forward(context, forward,
                    context.Options.OutputGradient, check.Seed ?? context.Options.Seed ?? 0, 0);
            result.Seed = check.Seed;
            result.Difference = check.Difference;
            result.NumericalError = check.NumericalError;
            result.Blocks = check.Blocks.Select(Pair).ToArray();
            JacobianResultBuilder.Count(result, context.Options);
            result.Worst = check.Worst.Select(e => JacobianResultBuilder.Entry(ProjectionName, -1, e)).ToArray();
            // A zero dy makes ⟨dy, f⟩ constant: every product agrees with it, whatever Backward computes.
            bool zero = IsZero(context.Options.OutputGradient);
            return JacobianResultBuilder.Finish(result, context, zero ? CheckVerdict.Inconclusive : check.Verdict,
                zero ? (System.Func<JacobianCheckResult, string>)(r => Text.Format("OutputGradientZero"))
                    : JacobianMessages.Projected);
        }

        /// <summary>Whether every entry of dy is 0 (a loop: Array.TrueForAll over double is JIT-compiled).</summary>
        private static bool IsZero(double[] dy)
        {
            foreach (double u in dy)
                if (u != 0) return false;
            return true;
        }

        private static JacobianBlockResult Pair(BlockResult block) =>
            new JacobianBlockResult
            {
                Name = JacobianResultBuilder.PairName(ProjectionName, block.Name),
                Output = ProjectionName,
                Input = block.Name,
                Difference = block.Difference,
                MaxAbsError = block.MaxAbsError,
                MaxToleranceRatio = block.MaxToleranceRatio,
                FailedCount = block.FailedCount,
                CheckedCount = block.CheckedCount,
                InconclusiveCount = block.InconclusiveCount,
                Verdict = block.Verdict,
            };
    }
}
