using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// Compares a gradient with finite differences of its cost, entry by entry (all, or a stratified
    /// sample), and judges each block against the finite-difference error it can have (see <see cref="Tolerances"/>).
    /// </summary>
    public sealed class GradientChecker
    {
        public GradientChecker(CheckOptions options = null)
        {
            Options = options ?? new CheckOptions();
        }

        public CheckOptions Options { get; }

        /// <summary>
        /// Checks <paramref name="objective"/> at <paramref name="theta"/>. When <paramref name="analytic"/> is
        /// given it is the gradient under test and the objective supplies only the cost.
        /// </summary>
        /// <param name="progress">Called on this thread, about ten times a second while costs are evaluated.</param>
        public GradientCheckResult Check(IGradientObjective objective, double[] theta, double[] analytic = null,
            CancellationToken cancel = default, Action<CheckProgress> progress = null)
        {
            if (Options.Method == CheckMethod.Taylor)
                return TaylorChecker.Check(this, objective, theta, analytic, cancel);
            if (Options.Directions > 0) return DirectionalChecker.Check(this, objective, theta, analytic, cancel);
            var start = Prepare(objective, theta, ref analytic);
            var layout = objective.Layout;
            double h = Options.Epsilon;
            int? seed = Options.Sample > 0 ? Options.Seed ?? NewSeed() : (int?)null;
            int[] entries = seed.HasValue
                ? EntrySampler.Stratified(layout, Options.Sample, seed.Value)
                : Enumerable.Range(0, layout.Count).ToArray();

            // First ±h for every entry: the course's centred differences. Judged against rounding alone, most
            // entries of a right gradient pass already, and a larger σ (with truncation) could only pass them too.
            // Only entries that fail so, sit at a kink, or lie in a block that fails so, need ±2h as well.
            var near = PerturbedCosts.Evaluate(objective, theta, entries, new[] { h, -h }, Options.DegreeOfParallelism,
                cancel, progress);
            start.DetectPrecision(near.Costs);
            var table = new EntryTable(layout.Count, entries, analytic) { BranchAware = near.Crossed != null };
            for (int j = 0; j < entries.Length; j++)
            {
                int i = entries[j];
                Validation.PerturbedCost(near.Costs[0][j], layout, i, h);
                Validation.PerturbedCost(near.Costs[1][j], layout, i, -h);
                table.CostPlus[i] = near.Costs[0][j];
                table.CostMinus[i] = near.Costs[1][j];
                table.CrossedNear[i] = near.Crossed != null && (near.Crossed[0][j] || near.Crossed[1][j]);
            }
            JudgeOnRounding(table, near.Costs, theta, start.Cost, start.Noise, h);
            if (!table.BranchAware) MarkSidesDisagree(table, theta, start.Cost, start.Noise, h);
            // σ_J is at least one rounding of J, so measuring it can only widen tolerances: when everything
            // passes on that floor already, the measurement could change nothing and is skipped.
            if (Options.AlwaysMeasureTruncation || AnySuspect(layout, table))
            {
                start.MeasureNoise(h, cancel);
                JudgeOnRounding(table, near.Costs, theta, start.Cost, start.Noise, h);
            }
            int[] far = Options.AlwaysMeasureTruncation ? entries : NeedingTruncation(layout, table, near.Crossed);
            var wide = PerturbedCosts.Evaluate(objective, theta, far, new[] { 2 * h, -2 * h },
                Options.DegreeOfParallelism, cancel, progress);
            int[] slot = new int[layout.Count];
            for (int j = 0; j < entries.Length; j++) slot[entries[j]] = j;
            for (int k = 0; k < far.Length; k++)
            {
                int i = far[k], j = slot[i];
                Validation.PerturbedCost(wide.Costs[0][k], layout, i, 2 * h);
                Validation.PerturbedCost(wide.Costs[1][k], layout, i, -2 * h);
                var points = new FivePoints
                {
                    Plus1 = near.Costs[0][j], Minus1 = near.Costs[1][j], Centre = start.Cost,
                    Plus2 = wide.Costs[0][k], Minus2 = wide.Costs[1][k],
                };
                points.Realise(theta[i], h);
                var crossing = near.Crossed == null || wide.Crossed == null ? (BranchCrossing?)null
                    : new BranchCrossing
                    {
                        Plus1 = near.Crossed[0][j], Minus1 = near.Crossed[1][j],
                        Plus2 = wide.Crossed[0][k], Minus2 = wide.Crossed[1][k],
                    };
                double step = Steps.Realised(theta[i], h);
                table.Set(i, table.Numerical[i], EntryEstimator.Estimate(points, h, start.Noise, analytic[i], crossing),
                    step);
            }

            var sequence = new StepSequence(objective, theta, table, start.Cost, start.Noise);
            sequence.Resolve(Undecided(table), h, Options, cancel, progress);
            int[] suspects = Refine(objective, theta, layout, table, start.Cost, start.Noise, h, cancel, progress);
            long coarser = Coarsen(objective, theta, layout, table, start.Cost, start.Noise, h, cancel, progress);

            var blocks = Verdict.JudgeBlocks(layout, table);
            var result = new GradientCheckResult
            {
                Difference = Verdict.RelativeDifference(table, 0, entries.Length),
                Epsilon = h,
                Threshold = Options.Threshold,
                Criterion = Options.Criterion,
                ParameterCount = layout.Count,
                CheckedCount = entries.Length,
                SampledEntries = seed.HasValue ? entries : null,
                Seed = seed,
                Evaluations = start.Evaluations + 2L * entries.Length + 2L * far.Length + 4L * suspects.Length
                    + sequence.Evaluations + coarser,
                CostNoise = start.Noise,
                Precision = start.Precision,
                Cost = start.Cost,
                Analytic = analytic,
                Numerical = table.Numerical,
                Blocks = blocks,
                Worst = Verdict.Worst(layout, table, Options.Top),
                FailedCount = blocks.Sum(b => b.FailedCount),
                KinkCount = blocks.Sum(b => b.KinkCount),
                UnresolvedCount = Verdict.Unresolved(table),
                InconclusiveCount = blocks.Sum(b => b.InconclusiveCount),
                FailedBlocks = Verdict.FailedBlocks(blocks).ToArray(),
                NumericalError = Math.Sqrt(entries
                    .Select(i => double.IsPositiveInfinity(table.Sigma[i]) ? 0 : table.Sigma[i] * table.Sigma[i])
                    .DefaultIfEmpty(0).Average()),
                Layout = layout,
            };
            result.Verdict = Options.Criterion == VerdictCriterion.Course
                ? result.Difference < Options.Threshold ? CheckVerdict.Correct : CheckVerdict.Wrong
                : Verdict.Overall(table, blocks);
            result.Elapsed = start.Clock.Elapsed;
            result.Message = Verdict.Message(result);
            return result;
        }

        /// <summary>
        /// Every checked entry judged against its centred difference with rounding alone: σᵢ = σ_J / h.
        /// </summary>
        /// <remarks>
        /// Numerical keeps the course's (J₊ − J₋)/2h; the entry is judged against the same difference over the step
        /// actually realised in θ, (θ + h) − (θ − h), which differs from 2h wherever h is not a whole number of
        /// θ's ulps (for θ = 1e8 and h = 1e-7, by 4%).
        /// </remarks>
        private static void JudgeOnRounding(EntryTable table, double[][] costs, double[] theta, double cost,
            double noise, double h)
        {
            for (int j = 0; j < table.Checked.Length; j++)
            {
                int i = table.Checked[j];
                double step = Steps.Realised(theta[i], h);
                double reference = FiniteDifference.Centred(costs[0][j], costs[1][j], step);
                double sigma = EntryEstimator.NoiseFloor(noise,
                    Math.Max(Math.Abs(cost), Math.Max(Math.Abs(costs[0][j]), Math.Abs(costs[1][j])))) / step;
                table.Set(i, FiniteDifference.Centred(costs[0][j], costs[1][j], h),
                    new EntryEstimate
                    {
                        Reference = reference,
                        Sigma = Math.Max(sigma, Tolerances.AbsoluteFloor),
                        Method = EstimateMethod.Centred,
                    },
                    step);
            }
        }

        /// <summary>Whether any entry lies beyond SuspicionThreshold·σ or any block fails its rms test.</summary>
        private static bool AnySuspect(ParameterLayout layout, EntryTable table) =>
            table.Checked.Any(i => table.Score(i) > Tolerances.SuspicionThreshold)
                || Verdict.JudgeBlocks(layout, table).Any(b => !b.Passed);

        /// <summary>
        /// A second, better-conditioned look at every suspect: an entry within its tolerance but more than
        /// <see cref="Tolerances.SuspicionThreshold"/> σ off. At H = RefinementStepFactor·h the rounding error
        /// σ_J/H is a hundred times smaller, so a mismatch of a few rounding units at h, invisible there,
        /// stands out at H if it is real. An entry that fails at H takes H's estimate; one that passes keeps h's.
        /// Returns the entries looked at again.
        /// </summary>
        private int[] Refine(IGradientObjective objective, double[] theta, ParameterLayout layout, EntryTable table,
            double cost, double noise, double h, CancellationToken cancel, Action<CheckProgress> progress)
        {
            int[] suspects = table.Checked.Where(i => table.Judged(i)
                && table.Score(i) > Tolerances.SuspicionThreshold
                && table.Score(i) <= Tolerances.EntrySafetyFactor).ToArray();
            if (suspects.Length == 0) return suspects;
            double wide = Tolerances.RefinementStepFactor * h;
            var deltas = new[] { wide, -wide, 2 * wide, -2 * wide };
            var (costs, crossed) = PerturbedCosts.Evaluate(objective, theta, suspects, deltas,
                Options.DegreeOfParallelism, cancel, progress);
            for (int k = 0; k < suspects.Length; k++)
            {
                int i = suspects[k];
                for (int s = 0; s < deltas.Length; s++) Validation.PerturbedCost(costs[s][k], layout, i, deltas[s]);
                var points = new FivePoints
                {
                    Plus1 = costs[0][k], Minus1 = costs[1][k], Centre = cost, Plus2 = costs[2][k], Minus2 = costs[3][k],
                };
                points.Realise(theta[i], wide);
                var crossing = crossed == null ? (BranchCrossing?)null
                    : new BranchCrossing
                    {
                        Plus1 = crossed[0][k], Minus1 = crossed[1][k], Plus2 = crossed[2][k], Minus2 = crossed[3][k],
                    };
                double step = Steps.Realised(theta[i], wide);
                var refined = EntryEstimator.Estimate(points, wide, noise, table.Analytic[i], crossing);
                // Without branch information a failure at H counts only where H looks smooth: a kink within 2H
                // would otherwise be taken for a bug that the small steps had already ruled out.
                bool trusted = table.BranchAware || !refined.Kink;
                if (trusted
                    && Math.Abs(table.Analytic[i] - refined.Reference) > Tolerances.EntrySafetyFactor * refined.Sigma)
                    table.Set(i, table.Numerical[i], refined, step);
            }
            return suspects;
        }

        /// <summary>
        /// Entries too small for their tolerance at h (rounding σ_J / h exceeds |g| and the reference), looked at
        /// with steps CoarserStepFactor times larger, up to CoarserLevels times, where rounding weighs less: a
        /// float32 cost, whose rounding is 2⁻²³·|J|, resolves nothing at the course's 1e-7. Each step with no kink in
        /// reach that gives a smaller σ judges the entry; the search goes on while rounding still dominates σ
        /// (see Sharpening), and a kink ends it. Returns the evaluations.
        /// </summary>
        private long Coarsen(IGradientObjective objective, double[] theta, ParameterLayout layout, EntryTable table,
            double cost, double noise, double h, CancellationToken cancel, Action<CheckProgress> progress)
        {
            long evaluations = 0;
            int[] open = table.Checked
                .Where(i => table.Judged(i) && !table.Kink[i] && Verdict.IsUnresolved(table, i)).ToArray();
            for (int level = 1; level <= Tolerances.CoarserLevels && open.Length > 0; level++)
            {
                double wide = h * Math.Pow(Tolerances.CoarserStepFactor, level);
                var deltas = new[] { wide, -wide, 2 * wide, -2 * wide };
                var (costs, crossed) = PerturbedCosts.Evaluate(objective, theta, open, deltas,
                    Options.DegreeOfParallelism, cancel, progress);
                evaluations += 4L * open.Length;
                var still = new System.Collections.Generic.List<int>();
                for (int k = 0; k < open.Length; k++)
                {
                    int i = open[k];
                    for (int s = 0; s < deltas.Length; s++)
                        Validation.PerturbedCost(costs[s][k], layout, i, deltas[s]);
                    var points = new FivePoints
                    {
                        Plus1 = costs[0][k], Minus1 = costs[1][k], Centre = cost,
                        Plus2 = costs[2][k], Minus2 = costs[3][k],
                    };
                    points.Realise(theta[i], wide);
                    var crossing = crossed == null ? (BranchCrossing?)null
                        : new BranchCrossing
                        {
                            Plus1 = crossed[0][k], Minus1 = crossed[1][k],
                            Plus2 = crossed[2][k], Minus2 = crossed[3][k],
                        };
                    var estimate = EntryEstimator.Estimate(points, wide, noise, table.Analytic[i], crossing);
                    if (estimate.Kink || estimate.Method != EstimateMethod.Centred) continue;
                    if (estimate.Sigma < table.Sigma[i])
                        table.Set(i, table.Numerical[i], estimate, Steps.Realised(theta[i], wide));
                    if (Sharpening(table, i, estimate)) still.Add(i);
                }
                open = still.ToArray();
            }
            return evaluations;
        }

        /// <summary>
        /// Whether a larger step could still sharpen the entry's verdict: rounding, not truncation, dominates its σ,
        /// it does not fail, and its tolerance is not yet within DecisiveFraction of |g|.
        /// </summary>
        private static bool Sharpening(EntryTable table, int i, EntryEstimate estimate)
        {
            double size = Math.Max(Math.Abs(table.Analytic[i]), Math.Abs(estimate.Reference));
            double tolerance = Tolerances.EntrySafetyFactor * estimate.Sigma;
            bool failing = Math.Abs(table.Analytic[i] - estimate.Reference) > tolerance;
            return !failing && estimate.Truncation < estimate.Sigma - estimate.Truncation
                && tolerance > StepSequence.DecisiveFraction * size;
        }

        /// <summary>
        /// Entries the first step cannot decide, for <see cref="StepSequence"/>: every unjudged one; and, where the
        /// objective cannot say which steps cross a kink, every failing one (a kink or curvature within reach of h
        /// fails a right gradient too), every one judged by the kink heuristic, and every one whose tolerance is
        /// wide with truncation (its truncation exceeds its rounding and its tolerance DecisiveFraction of |g|).
        /// </summary>
        private static int[] Undecided(EntryTable t) => t.Checked.Where(i => !t.Judged(i)
            || !t.BranchAware && (t.Kink[i] || t.SidesDisagree[i] || t.Score(i) > Tolerances.EntrySafetyFactor
                || WideWithTruncation(t, i))).ToArray();

        /// <summary>
        /// Where the objective cannot tell its branches: entries whose one-sided slopes at h disagree beyond what
        /// a smooth J's h·|J″| and rounding allow. The centred difference of a kink right at θ is the mean of the
        /// two slopes and may match a g that is neither; for a smooth J this flags little beyond stationary points,
        /// which the smaller steps then settle at once.
        /// </summary>
        private static void MarkSidesDisagree(EntryTable t, double[] theta, double cost, double noise, double h)
        {
            foreach (int i in t.Checked)
            {
                double up = (theta[i] + h) - theta[i], down = theta[i] - (theta[i] - h);
                double forward = (t.CostPlus[i] - cost) / up, backward = (cost - t.CostMinus[i]) / down;
                double largest = Math.Max(Math.Abs(cost), Math.Max(Math.Abs(t.CostPlus[i]), Math.Abs(t.CostMinus[i])));
                double rounding = StepSequence.KinkRoundingFactor * EntryEstimator.NoiseFloor(noise, largest) / up;
                t.SidesDisagree[i] = Math.Abs(forward - backward)
                    > Tolerances.KinkRelativeGap * Math.Max(Math.Abs(forward), Math.Abs(backward)) + rounding;
            }
        }

        private static bool WideWithTruncation(EntryTable t, int i)
        {
            double truncation = t.Truncation[i], rounding = t.Sigma[i] - truncation;
            double size = Math.Max(Math.Abs(t.Analytic[i]), Math.Abs(t.Reference[i]));
            return truncation > rounding
                && Tolerances.EntrySafetyFactor * t.Sigma[i] > StepSequence.DecisiveFraction * size;
        }

        /// <summary>
        /// Entries whose verdict could change once truncation is measured: those outside their rounding-only
        /// tolerance, those whose ±h changed an activation branch, and every entry of a block that fails its
        /// rounding-only rms test. Ascending.
        /// </summary>
        private static int[] NeedingTruncation(ParameterLayout layout, EntryTable table, bool[][] crossed)
        {
            var needed = new bool[layout.Count];
            for (int j = 0; j < table.Checked.Length; j++)
            {
                int i = table.Checked[j];
                if (table.Score(i) > Tolerances.EntrySafetyFactor || table.SidesDisagree[i]
                    || crossed != null && (crossed[0][j] || crossed[1][j])) needed[i] = true;
            }
            foreach (var block in Verdict.JudgeBlocks(layout, table).Zip(layout.Blocks, (r, b) => (r, b)))
                if (!block.r.Passed)
                    foreach (int i in table.Checked)
                        if (i >= block.b.Offset && i < block.b.Offset + block.b.Count) needed[i] = true;
            return table.Checked.Where(i => needed[i]).ToArray();
        }

        /// <summary>What every mode needs first: valid inputs, J(θ) and the gradient under test.</summary>
        internal CheckStart Prepare(IGradientObjective objective, double[] theta, ref double[] analytic)
        {
            if (objective == null) throw new ArgumentNullException(nameof(objective));
            if (theta == null) throw new ArgumentNullException(nameof(theta));
            Options.Validate();
            var clock = Stopwatch.StartNew();
            var layout = objective.Layout;
            Validation.Parameters(layout, theta);
            Validation.StepResolves(layout, theta, Options.Epsilon);
            // Copies, so that an objective that writes into its argument cannot change the θ every later cost starts
            // from.
            double cost = Validation.Cost(() => objective.Cost((double[])theta.Clone()), "CostPointTheta");
            var gradient = analytic;
            analytic = Validation.Gradient(layout,
                gradient ?? Validation.Guard(() => objective.Gradient((double[])theta.Clone())));
            return new CheckStart(objective, theta, cost, clock);
        }

        internal static int NewSeed() => Guid.NewGuid().GetHashCode() & int.MaxValue;
    }
}
