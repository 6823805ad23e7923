using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// Compares a gradient with centred finite differences of its cost, entry by entry, and judges each
    /// block against the finite-difference error it can have (see <see cref="Tolerances"/>).
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
            if (objective == null) throw new ArgumentNullException(nameof(objective));
            if (theta == null) throw new ArgumentNullException(nameof(theta));
            Options.Validate();
            var layout = objective.Layout;
            var clock = Stopwatch.StartNew();
            Validation.Parameters(layout, theta);

            double h = Options.Epsilon;
            double cost = Validation.Cost(() => objective.Cost(theta), "J(θ)");
            analytic = Validation.Gradient(layout, analytic ?? Validation.Guard(() => objective.Gradient(theta)));

            double noise = MeasureNoise(objective, theta, cost, cancel);
            int count = layout.Count;
            var entries = Enumerable.Range(0, count).ToArray();
            var deltas = new[] { h, -h, 2 * h, -2 * h };
            double[][] costs = PerturbedCosts.Evaluate(objective, theta, entries, deltas, Options.DegreeOfParallelism,
                cancel, progress, onEntry: null);

            var numerical = new double[count];
            var sigma = new double[count];
            for (int j = 0; j < count; j++)
            {
                int i = entries[j];
                double plus = costs[0][j], minus = costs[1][j], plus2 = costs[2][j], minus2 = costs[3][j];
                for (int s = 0; s < deltas.Length; s++)
                    Validation.PerturbedCost(costs[s][j], layout, i, deltas[s]);
                numerical[i] = FiniteDifference.Centred(plus, minus, h);
                double largest = Math.Max(Math.Abs(cost), Math.Max(Math.Abs(plus), Math.Abs(minus)));
                sigma[i] = Verdict.ErrorEstimate(numerical[i], FiniteDifference.FivePointStencil(plus, minus, plus2, minus2, h), largest, noise, h);
            }

            var blocks = Verdict.JudgeBlocks(layout, analytic, numerical, sigma);
            var result = new GradientCheckResult
            {
                Difference = FiniteDifference.RelativeDifference(analytic, numerical),
                Epsilon = h,
                Threshold = Options.Threshold,
                Criterion = Options.Criterion,
                ParameterCount = count,
                Evaluations = 1 + (CostNoise.Points - 1) + (long)deltas.Length * count,
                CostNoise = noise,
                Cost = cost,
                Analytic = analytic,
                Numerical = numerical,
                Blocks = blocks,
                Worst = Verdict.Worst(layout, analytic, numerical, sigma, Options.Top),
                FailedCount = blocks.Sum(b => b.FailedCount),
                FailedBlocks = Verdict.FailedBlocks(blocks).ToArray(),
                Layout = layout,
            };
            result.Passed = Options.Criterion == VerdictCriterion.Course
                ? result.Difference < Options.Threshold
                : result.FailedBlocks.Length == 0;
            result.Elapsed = clock.Elapsed;
            result.Message = Verdict.Message(result);
            return result;
        }

        /// <summary>ECnoise on the line through θ (θ itself is the middle point, whose cost is known); NaN when inconclusive.</summary>
        private static double MeasureNoise(IGradientObjective objective, double[] theta, double cost, CancellationToken cancel)
        {
            var (direction, spacing) = CostNoise.Line(theta);
            var samples = new double[CostNoise.Points];
            var point = new double[theta.Length];
            int middle = CostNoise.Points / 2;
            for (int k = 0; k < CostNoise.Points; k++)
            {
                cancel.ThrowIfCancellationRequested();
                if (k == middle) { samples[k] = cost; continue; }
                for (int i = 0; i < theta.Length; i++) point[i] = theta[i] + (k - middle) * spacing * direction[i];
                samples[k] = Validation.Cost(() => objective.Cost(point), "a point near θ (noise estimate)");
            }
            return CostNoise.FromSamples(samples);
        }
    }
}
