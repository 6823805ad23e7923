using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace GradCheck
{
    /// <summary>One random direction v of a directional or Taylor check.</summary>
    public sealed class DirectionResult
    {
        /// <summary>0-based index of the direction; the block name when localising a failure.</summary>
        public string Name { get; internal set; }

        /// <summary>g·v.</summary>
        public double Analytic { get; internal set; }

        /// <summary>(J(θ+hv) − J(θ−hv)) / 2h.</summary>
        public double Numerical { get; internal set; }

        public double AbsError { get; internal set; }

        public double Tolerance { get; internal set; }

        public bool Kink { get; internal set; }

        public bool Passed { get; internal set; }
    }

    /// <summary>
    /// Directional derivatives along K random ±1 directions: O(K) cost evaluations, whatever the size of θ,
    /// each judged like an entry (a centred difference with its own error estimate). When a direction fails,
    /// the same direction restricted to each block names the blocks at fault.
    /// </summary>
    internal static class DirectionalChecker
    {
        public static GradientCheckResult Check(GradientChecker checker, IGradientObjective objective, double[] theta, double[] analytic, CancellationToken cancel)
        {
            var options = checker.Options;
            var start = checker.Prepare(objective, theta, ref analytic);
            var layout = objective.Layout;
            int seed = options.Seed ?? GradientChecker.NewSeed();
            var random = new MersenneTwister(unchecked((uint)seed));
            long evaluations = 0;
            var samples = new List<(string Name, double Dot, FivePoints Points, double[] V)>();
            for (int k = 0; k < options.Directions; k++)
            {
                cancel.ThrowIfCancellationRequested();
                var v = Rademacher(random, theta.Length);
                var (dot, points) = Along(objective, theta, analytic, v, 0, theta.Length, start.Cost, options.Epsilon, k.ToString(), ref evaluations);
                samples.Add((k.ToString(), dot, points, v));
            }
            // As for entries: judged on rounding alone first; σ_J is measured only if something looks off.
            var directions = samples.Select(d => Judge(d.Name, d.Dot, d.Points, start.Noise, options.Epsilon)).ToList();
            if (directions.Any(d => d.AbsError > Tolerances.SuspicionThreshold / Tolerances.EntrySafetyFactor * d.Tolerance))
            {
                start.MeasureNoise(cancel);
                directions = samples.Select(d => Judge(d.Name, d.Dot, d.Points, start.Noise, options.Epsilon)).ToList();
            }
            int failing = directions.FindIndex(d => !d.Passed);
            double[] firstFailing = failing < 0 ? null : samples[failing].V;

            var blocks = layout.Blocks.Select(b => new BlockResult { Name = b.Name, Shape = b.Shape, Count = b.Count, Passed = true, Difference = double.NaN }).ToArray();
            if (firstFailing != null)
                for (int b = 0; b < blocks.Length; b++)
                {
                    cancel.ThrowIfCancellationRequested();
                    var block = layout.Blocks[b];
                    var (dot, points) = Along(objective, theta, analytic, firstFailing, block.Offset, block.Count, start.Cost, options.Epsilon, block.Name, ref evaluations);
                    var d = Judge(block.Name, dot, points, start.Noise, options.Epsilon);
                    blocks[b].Passed = d.Passed;
                    blocks[b].Difference = FiniteDifference.RelativeDifference(d.Analytic, d.Numerical);
                    blocks[b].MaxAbsError = d.AbsError;
                    blocks[b].MaxToleranceRatio = d.Tolerance == 0 ? 0 : d.AbsError / d.Tolerance;
                    blocks[b].FailedCount = d.Passed ? 0 : 1;
                }
            evaluations += start.Evaluations;

            var result = new GradientCheckResult
            {
                Mode = CheckMode.Directional,
                Epsilon = options.Epsilon,
                Threshold = options.Threshold,
                Criterion = options.Criterion,
                ParameterCount = layout.Count,
                CheckedCount = directions.Count,
                Seed = seed,
                Evaluations = evaluations,
                Cost = start.Cost,
                CostNoise = start.Noise,
                Analytic = analytic,
                Directions = directions.ToArray(),
                Difference = FiniteDifference.RelativeDifference(directions.Select(d => d.Analytic).ToArray(), directions.Select(d => d.Numerical).ToArray()),
                Blocks = blocks,
                Worst = Array.Empty<EntryResult>(),
                FailedCount = directions.Count(d => !d.Passed),
                KinkCount = directions.Count(d => d.Kink),
                FailedBlocks = blocks.Where(b => !b.Passed).Select(b => b.Name).ToArray(),
                Layout = layout,
            };
            result.Passed = options.Criterion == VerdictCriterion.Course ? result.Difference < options.Threshold : result.FailedCount == 0;
            result.Elapsed = start.Clock.Elapsed;
            string where = result.FailedBlocks.Length > 0 ? $" in {string.Join(", ", result.FailedBlocks)}" : string.Empty;
            result.Message = result.Passed
                ? $"Correct along all {directions.Count} random directions (seed {seed})."
                : $"Wrong{where}: {result.FailedCount} of {directions.Count} random directions outside their finite-difference error (seed {seed}).";
            return result;
        }

        /// <summary>g·v and the costs at θ ± h·v, θ ± 2h·v with v restricted to entries [offset, offset+count).</summary>
        private static (double Dot, FivePoints Points) Along(IGradientObjective objective, double[] theta, double[] analytic, double[] v,
            int offset, int count, double cost, double h, string name, ref long evaluations)
        {
            double dot = 0;
            for (int i = offset; i < offset + count; i++) dot += analytic[i] * v[i];
            var point = (double[])theta.Clone();
            double At(double t)
            {
                for (int i = offset; i < offset + count; i++) point[i] = theta[i] + t * v[i];
                return Validation.Cost(() => objective.Cost(point), $"θ + {Format.Number(t)}·v (direction {name})");
            }
            var p = new FivePoints { Centre = cost, Plus1 = At(h), Minus1 = At(-h), Plus2 = At(2 * h), Minus2 = At(-2 * h) };
            evaluations += 4;
            return (dot, p);
        }

        /// <summary>Judges g·v against the centred difference along v, like an entry.</summary>
        private static DirectionResult Judge(string name, double dot, FivePoints p, double noise, double h)
        {
            var estimate = EntryEstimator.Estimate(p, h, noise, dot, null);
            double tolerance = Tolerances.EntrySafetyFactor * estimate.Sigma;
            double numerical = FiniteDifference.Centred(p.Plus1, p.Minus1, h);
            return new DirectionResult
            {
                Name = name,
                Analytic = dot,
                Numerical = numerical,
                AbsError = Math.Abs(dot - numerical),
                Tolerance = tolerance,
                Kink = estimate.Kink,
                Passed = !(Math.Abs(dot - estimate.Reference) > tolerance),
            };
        }

        internal static double[] Rademacher(MersenneTwister random, int n)
        {
            var v = new double[n];
            for (int i = 0; i < n; i++) v[i] = (random.NextUInt32() & 1) == 0 ? 1 : -1;
            return v;
        }
    }
}
