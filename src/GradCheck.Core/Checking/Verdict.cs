using System;
using System.Collections.Generic;
using System.Linq;

namespace GradCheck
{
    /// <summary>Per-entry estimates of one check, indexed by flat position; entries not checked hold NaN.</summary>
    internal sealed class EntryTable
    {
        public EntryTable(int count, int[] checkedEntries, double[] analytic)
        {
            Checked = checkedEntries;
            Analytic = analytic;
            Numerical = Filled(count, double.NaN);
            Reference = Filled(count, double.NaN);
            Sigma = Filled(count, double.NaN);
            Method = new EstimateMethod[count];
            Kink = new bool[count];
            Step = new double[count];
            Truncation = new double[count];
            CostPlus = new double[count];
            CostMinus = new double[count];
            CrossedNear = new bool[count];
            SidesDisagree = new bool[count];
            Plateau = new bool[count];
        }

        /// <summary>Positions checked, ascending.</summary>
        public int[] Checked { get; }
        public double[] Analytic { get; }

        /// <summary>The centred differences (the course's gradapprox).</summary>
        public double[] Numerical { get; }

        /// <summary>What each entry is judged against: the centred difference, or a one-sided one at a kink.</summary>
        public double[] Reference { get; }
        public double[] Sigma { get; }
        public EstimateMethod[] Method { get; }
        public bool[] Kink { get; }

        /// <summary>
        /// The step of the estimate judged against: ε, a smaller one, or the refinement step for a suspect.
        /// </summary>
        public double[] Step { get; }

        /// <summary>The truncation part of σ, where it was measured.</summary>
        public double[] Truncation { get; }

        /// <summary>J(θ + h·eᵢ) and J(θ − h·eᵢ) at the first step, for the smaller steps to start from.</summary>
        public double[] CostPlus { get; }

        public double[] CostMinus { get; }

        /// <summary>Whether θ ± h changed an activation branch, for an objective that tracks its branches.</summary>
        public bool[] CrossedNear { get; }

        /// <summary>
        /// Whether the one-sided slopes at h disagree more than a smooth J allows (objectives without branches).
        /// </summary>
        public bool[] SidesDisagree { get; }

        /// <summary>
        /// Whether J is the same at θ and θ ± h although g is not 0: the step is below J's resolution.
        /// </summary>
        public bool[] Plateau { get; }

        /// <summary>Whether the objective says exactly which perturbations change a branch.</summary>
        public bool BranchAware { get; set; }

        /// <summary>
        /// Whether σ_J is known only roughly, as a float32 cost's is (its rounding can move in steps that ECnoise on
        /// short lines does not see): the block test then needs two judged entries, and one entry alone is judged by
        /// its own tolerance, not at a third of it.
        /// </summary>
        public bool RoughNoise { get; set; }

        public void Set(int i, double centred, EntryEstimate estimate, double step)
        {
            Step[i] = step;
            Numerical[i] = centred;
            Reference[i] = estimate.Reference;
            Sigma[i] = estimate.Sigma;
            // An error estimate that is not a finite number bounds nothing: the entry is not judged, never passed.
            Method[i] = double.IsNaN(estimate.Sigma) || double.IsInfinity(estimate.Sigma) ? EstimateMethod.Unjudged
                : estimate.Method;
            Kink[i] = estimate.Kink;
            Truncation[i] = estimate.Truncation;
        }

        /// <summary>
        /// Whether the entry was judged at all: an unjudged one has no finite difference to compare with.
        /// </summary>
        public bool Judged(int i) => Method[i] != EstimateMethod.Unjudged;

        /// <summary>|g − reference| / σ, the entry's error in units of its own error estimate.</summary>
        public double Score(int i) =>
            double.IsPositiveInfinity(Sigma[i]) ? 0 : Math.Abs(Analytic[i] - Reference[i]) / Sigma[i];

        private static double[] Filled(int count, double value)
        {
            var a = new double[count];
            for (int i = 0; i < count; i++) a[i] = value;
            return a;
        }
    }

    /// <summary>
    /// The error-aware verdict built from per-entry estimates (the rule is written out on
    /// <see cref="Tolerances"/>). Pure functions of the table: no evaluation happens here.
    /// </summary>
    internal static class Verdict
    {
        public static BlockResult[] JudgeBlocks(ParameterLayout layout, EntryTable t)
        {
            var blocks = new BlockResult[layout.Blocks.Count];
            int next = 0;
            for (int b = 0; b < blocks.Length; b++)
            {
                var block = layout.Blocks[b];
                int end = block.Offset + block.Count, first = next;
                double maxAbs = 0, maxRatio = 0, sumSquares = 0;
                int failed = 0, kinks = 0, unjudged = 0;
                for (; next < t.Checked.Length && t.Checked[next] < end; next++)
                {
                    int i = t.Checked[next];
                    if (t.Kink[i]) kinks++;
                    if (!t.Judged(i)) { unjudged++; continue; }
                    double z = t.Score(i);
                    maxAbs = Math.Max(maxAbs, Math.Abs(t.Analytic[i] - t.Numerical[i]));
                    maxRatio = Math.Max(maxRatio, z / Tolerances.EntrySafetyFactor);
                    sumSquares += z * z;
                    if (z > Tolerances.EntrySafetyFactor) failed++;
                }
                int count = next - first, judged = count - unjudged;
                double rms = judged == 0 ? 0 : Math.Sqrt(sumSquares / judged);
                bool wrong = failed > 0 || rms > Tolerances.BlockSafetyFactor && (judged > 1 || !t.RoughNoise);
                blocks[b] = new BlockResult
                {
                    Name = block.Name,
                    Shape = block.Shape,
                    Count = block.Count,
                    CheckedCount = count,
                    Difference = RelativeDifference(t, first, next),
                    MaxAbsError = maxAbs,
                    MaxToleranceRatio = maxRatio,
                    FailedCount = failed,
                    KinkCount = kinks,
                    InconclusiveCount = unjudged,
                    // A block none of whose entries was checked has shown nothing, and says so.
                    Verdict = wrong ? CheckVerdict.Wrong
                        : unjudged > 0 || count == 0 && block.Count > 0 ? CheckVerdict.Inconclusive
                        : CheckVerdict.Correct,
                };
            }
            return blocks;
        }

        /// <summary>The course's formula over the checked entries Checked[from..to).</summary>
        public static double RelativeDifference(EntryTable t, int from, int to) =>
            FiniteDifference.RelativeDifference(t.Analytic, t.Numerical, t.Checked, from, to);

        public static EntryResult Entry(ParameterLayout layout, EntryTable t, int i)
        {
            var block = layout.BlockOf(i);
            double tolerance = Tolerances.EntrySafetyFactor * t.Sigma[i];
            double judged = Math.Abs(t.Analytic[i] - t.Reference[i]);
            return new EntryResult
            {
                Block = block.Name,
                Index = block.IndexText(i - block.Offset),
                Name = block.Name + block.IndexText(i - block.Offset),
                Position = i,
                Analytic = t.Analytic[i],
                Numerical = t.Numerical[i],
                Reference = t.Reference[i],
                Method = t.Method[i],
                Step = t.Step[i],
                Kink = t.Kink[i],
                AbsError = Math.Abs(t.Analytic[i] - t.Numerical[i]),
                RelError = FiniteDifference.RelativeDifference(t.Analytic[i], t.Numerical[i]),
                Tolerance = tolerance,
                ToleranceRatio = double.IsPositiveInfinity(tolerance) ? 0 : judged / tolerance,
                Verdict = !t.Judged(i) ? CheckVerdict.Inconclusive
                    : judged > tolerance ? CheckVerdict.Wrong : CheckVerdict.Correct,
            };
        }

        /// <summary>
        /// Entries whose tolerance exceeds both |g| and the reference (and that are not both exactly 0).
        /// </summary>
        public static int Unresolved(EntryTable t) => Indices.Count(t.Checked, i => IsUnresolved(t, i));

        public static bool IsUnresolved(EntryTable t, int i)
        {
            double tolerance = Tolerances.EntrySafetyFactor * t.Sigma[i];
            if (double.IsPositiveInfinity(tolerance)) return false;
            double size = Math.Max(Math.Abs(t.Analytic[i]), Math.Abs(t.Reference[i]));
            return size > 0 && tolerance > size;
        }

        /// <summary>
        /// The verdict of the whole check: Wrong when a block is, Inconclusive when a block is or when no checked
        /// entry was resolved at all (a check that judged nothing cannot say Correct), Correct otherwise.
        /// </summary>
        public static CheckVerdict Overall(EntryTable t, BlockResult[] blocks)
        {
            if (blocks.Any(b => b.Verdict == CheckVerdict.Wrong)) return CheckVerdict.Wrong;
            if (blocks.Any(b => b.Verdict == CheckVerdict.Inconclusive)) return CheckVerdict.Inconclusive;
            return Indices.Any(t.Checked, i => t.Judged(i) && !IsUnresolved(t, i))
                ? CheckVerdict.Correct : CheckVerdict.Inconclusive;
        }

        /// <summary>
        /// The <paramref name="top"/> checked entries furthest outside their tolerance, worst first; ties by position.
        /// </summary>
        public static EntryResult[] Worst(ParameterLayout layout, EntryTable t, int top)
        {
            if (top == 0) return Array.Empty<EntryResult>();
            var worst = Ranking.Top(t.Checked, t.Score, top);
            var entries = new EntryResult[worst.Length];
            for (int k = 0; k < worst.Length; k++) entries[k] = Entry(layout, t, worst[k]);
            return entries;
        }

        public static string Message(GradientCheckResult r)
        {
            string suspects = r.FailedBlocks.Length > 0 ? string.Join(", ", r.FailedBlocks) : null;
            string threshold = Format.Number(r.Threshold);
            if (r.Criterion == VerdictCriterion.Course)
                return r.Passed ? Text.Format("CourseRulePasses", threshold)
                    : suspects != null ? Text.Format("CourseRuleFailsSuspects", threshold, suspects)
                    : Text.Format("CourseRuleFails", threshold);
            string notes = (r.KinkCount > 0 ? Text.Format("KinksJudgedOneSided", r.KinkCount) : string.Empty)
                + (r.UnresolvedCount > 0 ? Text.Format("UnresolvedEntries", r.UnresolvedCount) : string.Empty);
            if (r.Verdict == CheckVerdict.Inconclusive) return Inconclusive(r) + notes;
            if (r.Passed)
                return (r.CheckedCount < r.ParameterCount
                    ? Text.Format("CorrectSampled", r.CheckedCount, r.ParameterCount)
                    : Text.Format("CorrectAll", r.ParameterCount)) + notes;
            if (r.FailedCount == 0 && suspects != null) return Text.Format("WrongTogether", suspects) + notes;
            return (suspects != null && r.Layout.Blocks.Count > 1
                ? Text.Format("WrongIn", suspects, r.FailedCount, r.CheckedCount)
                : Text.Format("Wrong", r.FailedCount, r.CheckedCount)) + notes;
        }

        /// <summary>Which entries could not be judged, where, and what to try.</summary>
        private static string Inconclusive(GradientCheckResult r)
        {
            var blocks = r.Blocks.Where(b => b.Verdict == CheckVerdict.Inconclusive).Select(b => b.Name).ToArray();
            return blocks.Length > 0
                ? Text.Format("InconclusiveIn", r.InconclusiveCount, r.CheckedCount, string.Join(", ", blocks))
                : Text.Format("InconclusiveUnresolved", r.CheckedCount);
        }

        public static IEnumerable<string> FailedBlocks(BlockResult[] blocks) =>
            blocks.Where(b => b.Verdict == CheckVerdict.Wrong).Select(b => b.Name);
    }
}
