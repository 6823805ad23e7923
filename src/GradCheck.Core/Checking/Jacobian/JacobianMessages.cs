using System.Linq;

namespace GradCheck
{
    /// <summary>The one line of each Jacobian mode's result, and the behaviour notes every mode may add.</summary>
    internal static class JacobianMessages
    {
        public static string Full(JacobianCheckResult r)
        {
            string size = r.OutputCount + " × " + r.InputCount;
            string failed = string.Join(", ", r.FailedBlocks);
            if (r.Criterion == VerdictCriterion.Course)
                return r.Verdict == CheckVerdict.Wrong && r.Difference < r.Threshold
                    ? Text.Format("JacobianWrongElsewhere") : Course(r, failed);
            switch (r.Verdict)
            {
                case CheckVerdict.Correct:
                    return r.Seed.HasValue ? Text.Format("JacobianCorrectSampled", r.CheckedCount, size)
                        : Text.Format("JacobianCorrect", r.CheckedCount, size);
                case CheckVerdict.Inconclusive when r.FailedBlocks.Length == 0:
                    return Inconclusive(r);
                case CheckVerdict.Wrong:
                case CheckVerdict.Inconclusive:
                    if (r.FailedBlocks.Length == 0) return Text.Format("JacobianWrongElsewhere");
                    return r.FailedCount == 0 ? Text.Format("JacobianWrongTogether", failed)
                        : Text.Format("JacobianWrongIn", failed, r.FailedCount, r.CheckedCount);
                default:
                    throw new System.ArgumentOutOfRangeException(nameof(r), r.Verdict, null);
            }
        }

        public static string Directional(JacobianCheckResult r)
        {
            int seed = r.Seed ?? 0, count = r.CheckedCount;
            switch (r.Verdict)
            {
                case CheckVerdict.Correct:
                    return Text.Format("JacobianDirectionsCorrect", count, seed);
                case CheckVerdict.Inconclusive:
                    return Text.Format("JacobianDirectionsInconclusive", r.InconclusiveCount, count, seed);
                case CheckVerdict.Wrong when r.FailedCount == 0:
                    return Text.Format("JacobianWrongElsewhere");
                case CheckVerdict.Wrong:
                    return r.FailedBlocks.Length == 0
                        ? Text.Format("JacobianDirectionsWrong", r.FailedCount, count, seed)
                        : Text.Format("JacobianDirectionsWrongIn", string.Join(", ", r.FailedBlocks), r.FailedCount,
                            count, seed);
                default:
                    throw new System.ArgumentOutOfRangeException(nameof(r), r.Verdict, null);
            }
        }

        public static string Projected(JacobianCheckResult r) =>
            r.Verdict == CheckVerdict.Wrong && r.ProjectedCheck.Verdict != CheckVerdict.Wrong
                ? Text.Format("JacobianWrongElsewhere") : Text.Format("JacobianProjected", r.ProjectedCheck.Message);

        /// <summary>What Backward's behaviour and Forward add to the line: empty when all is well.</summary>
        public static string Behaviour(JacobianCheckResult r, CheckOptions options)
        {
            string notes = string.Empty;
            if (r.ForwardVerdict == CheckVerdict.Wrong)
                notes += r.ForwardFailedBlocks.Length > 0
                    ? Text.Format("ForwardWrong", string.Join(", ", r.ForwardFailedBlocks))
                    : Text.Format("ForwardWrongAlong");
            if (!r.ZeroUpstreamGivesZero)
                notes += Text.Format("ZeroUpstreamNotZero", Format.Number(r.ZeroUpstreamLargest));
            if (!r.BackwardDeterministic)
                notes += Text.Format("BackwardNondeterministic", Format.Number(r.BackwardReproducibility),
                    Format.Number(options.NondeterministicTolerance));
            return notes;
        }

        private static string Course(JacobianCheckResult r, string failed)
        {
            string difference = Format.Number(r.Difference), threshold = Format.Number(r.Threshold);
            if (r.Difference < r.Threshold) return Text.Format("JacobianCourseCorrect", difference, threshold);
            return failed.Length > 0 ? Text.Format("JacobianCourseWrongIn", difference, threshold, failed)
                : Text.Format("JacobianCourseWrong", difference, threshold);
        }

        private static string Inconclusive(JacobianCheckResult r)
        {
            var blocks = r.Blocks.Where(b => b.Verdict == CheckVerdict.Inconclusive).Select(b => b.Name).ToArray();
            return blocks.Length > 0
                ? Text.Format("JacobianInconclusiveIn", r.InconclusiveCount, r.CheckedCount, string.Join(", ", blocks))
                : Text.Format("JacobianInconclusiveUnresolved", r.CheckedCount);
        }
    }
}
