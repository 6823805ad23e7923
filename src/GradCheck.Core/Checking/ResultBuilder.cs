using System;

namespace GradCheck
{
    /// <summary>
    /// The one result builder behind every mode: what every result says of the check (its options, J(θ), the
    /// noise, the gradient, the layout, the evaluations and the time), the verdict by the chosen criterion, and the
    /// message. Each mode adds only what it alone measured.
    /// </summary>
    internal static class ResultBuilder
    {
        /// <summary>A result with every field that does not depend on the mode filled in.</summary>
        public static GradientCheckResult Start(CheckMode mode, CheckOptions options, CheckStart start,
            ParameterLayout layout, double[] analytic) =>
            new GradientCheckResult
            {
                Mode = mode,
                Epsilon = options.Epsilon,
                Threshold = options.Threshold,
                Criterion = options.Criterion,
                ParameterCount = layout.Count,
                Cost = start.Cost,
                Analytic = analytic,
                Layout = layout,
                Blocks = Array.Empty<BlockResult>(),
                Worst = Array.Empty<EntryResult>(),
                FailedBlocks = Array.Empty<string>(),
            };

        /// <summary>
        /// Closes the result: the noise as finally measured, every evaluation (the mode's and the start's), the
        /// verdict (the course's rule, Difference &lt; Threshold, when that is the criterion; the mode's own
        /// error-aware verdict otherwise), the time, and the message.
        /// </summary>
        public static GradientCheckResult Finish(GradientCheckResult result, CheckOptions options, CheckStart start,
            long evaluations, CheckVerdict errorAware, Func<GradientCheckResult, string> message)
        {
            result.CostNoise = start.Noise;
            result.Precision = start.Precision;
            result.Evaluations = start.Evaluations + evaluations;
            result.Verdict = options.Criterion != VerdictCriterion.Course ? errorAware
                : result.Difference < options.Threshold ? CheckVerdict.Correct : CheckVerdict.Wrong;
            result.Elapsed = start.Clock.Elapsed;
            result.Message = message(result);
            return result;
        }
    }
}
