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
            if (Options.Method == CheckMethod.Taylor) return TaylorChecker.Check(this, objective, theta, analytic, cancel);
            if (Options.Directions > 0) return DirectionalChecker.Check(this, objective, theta, analytic, cancel);
            var start = Prepare(objective, theta, ref analytic);
            var layout = objective.Layout;
            double h = Options.Epsilon;
            int? seed = Options.Sample > 0 ? Options.Seed ?? NewSeed() : (int?)null;
            int[] entries = seed.HasValue ? EntrySampler.Stratified(layout, Options.Sample, seed.Value) : Enumerable.Range(0, layout.Count).ToArray();

            var deltas = new[] { h, -h, 2 * h, -2 * h };
            var (costs, crossed) = PerturbedCosts.Evaluate(objective, theta, entries, deltas, Options.DegreeOfParallelism, cancel, progress);
            var table = new EntryTable(layout.Count, entries, analytic);
            for (int j = 0; j < entries.Length; j++)
            {
                int i = entries[j];
                for (int s = 0; s < deltas.Length; s++) Validation.PerturbedCost(costs[s][j], layout, i, deltas[s]);
                var points = new FivePoints { Plus1 = costs[0][j], Minus1 = costs[1][j], Centre = start.Cost, Plus2 = costs[2][j], Minus2 = costs[3][j] };
                var crossing = crossed == null ? (BranchCrossing?)null
                    : new BranchCrossing { Plus1 = crossed[0][j], Minus1 = crossed[1][j], Plus2 = crossed[2][j], Minus2 = crossed[3][j] };
                table.Set(i, FiniteDifference.Centred(points.Plus1, points.Minus1, h), EntryEstimator.Estimate(points, h, start.Noise, analytic[i], crossing));
            }

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
                Evaluations = start.Evaluations + (long)deltas.Length * entries.Length,
                Cost = start.Cost,
                CostNoise = start.Noise,
                Analytic = analytic,
                Numerical = table.Numerical,
                Blocks = blocks,
                Worst = Verdict.Worst(layout, table, Options.Top),
                FailedCount = blocks.Sum(b => b.FailedCount),
                KinkCount = blocks.Sum(b => b.KinkCount),
                FailedBlocks = Verdict.FailedBlocks(blocks).ToArray(),
                NumericalError = Math.Sqrt(entries.Select(i => double.IsPositiveInfinity(table.Sigma[i]) ? 0 : table.Sigma[i] * table.Sigma[i]).DefaultIfEmpty(0).Average()),
                Layout = layout,
            };
            result.Passed = Options.Criterion == VerdictCriterion.Course
                ? result.Difference < Options.Threshold
                : result.FailedBlocks.Length == 0;
            result.Elapsed = start.Clock.Elapsed;
            result.Message = Verdict.Message(result);
            return result;
        }

        /// <summary>What every mode needs first: valid inputs, J(θ), the gradient under test and the cost's noise.</summary>
        internal (double Cost, double Noise, long Evaluations, Stopwatch Clock) Prepare(IGradientObjective objective, double[] theta, ref double[] analytic)
        {
            if (objective == null) throw new ArgumentNullException(nameof(objective));
            if (theta == null) throw new ArgumentNullException(nameof(theta));
            Options.Validate();
            var clock = Stopwatch.StartNew();
            var layout = objective.Layout;
            Validation.Parameters(layout, theta);
            double cost = Validation.Cost(() => objective.Cost(theta), "J(θ)");
            var gradient = analytic;
            analytic = Validation.Gradient(layout, gradient ?? Validation.Guard(() => objective.Gradient(theta)));
            double noise = MeasureNoise(objective, theta, cost);
            return (cost, noise, (CostNoise.Points - 1) * CostNoise.RelativeSpacings.Length + 1, clock);
        }

        /// <summary>ECnoise on two lines through θ (θ itself is their middle point, whose cost is known); NaN when inconclusive.</summary>
        private static double MeasureNoise(IGradientObjective objective, double[] theta, double cost)
        {
            var (direction, scale) = CostNoise.Line(theta);
            var samples = new double[CostNoise.Points];
            var point = new double[theta.Length];
            int middle = CostNoise.Points / 2;
            double noise = double.NaN;
            foreach (double relative in CostNoise.RelativeSpacings)
            {
                double spacing = relative * scale;
                for (int k = 0; k < CostNoise.Points; k++)
                {
                    if (k == middle) { samples[k] = cost; continue; }
                    for (int i = 0; i < theta.Length; i++) point[i] = theta[i] + (k - middle) * spacing * direction[i];
                    samples[k] = Validation.Cost(() => objective.Cost(point), "a point near θ (noise estimate)");
                }
                double estimate = CostNoise.FromSamples(samples);
                if (!double.IsNaN(estimate) && !(estimate >= noise)) noise = estimate;
            }
            return noise;
        }

        internal static int NewSeed() => Guid.NewGuid().GetHashCode() & int.MaxValue;
    }
}
