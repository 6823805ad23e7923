using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// Directional derivatives along K random ±1 directions: O(K) cost evaluations, whatever the size of θ,
    /// each judged like an entry (a centred difference with its own error estimate). When a direction fails,
    /// the same direction restricted to each block names the blocks at fault.
    /// </summary>
    internal static class DirectionalChecker
    {
        public static GradientCheckResult Check(GradientChecker checker, IGradientObjective objective, double[] theta,
            double[] analytic, CancellationToken cancel)
        {
            var options = checker.Options;
            var start = checker.Prepare(objective, ref theta, ref analytic);
            var layout = objective.Layout;
            int seed = options.Seed ?? GradientChecker.NewSeed();
            // θ + t·v for an objective without lines of its own; a line source never reads it.
            var work = objective is ILineCostSource ? null : (double[])theta.Clone();
            long evaluations = 0;
            var samples = new List<Sample>();
            double wobble = Wobble(theta);
            for (int k = 0; k < options.Directions; k++)
            {
                cancel.ThrowIfCancellationRequested();
                int index = k;
                samples.Add(Along(objective, theta, work, analytic, () => SignsOf(seed, index, theta.Length),
                    start.Cost, options.Epsilon, k.ToString(), wobble, ref evaluations));
            }
            start.DetectPrecision(new[] { Each(samples, s => s.Points.Plus1), Each(samples, s => s.Points.Minus1) });
            // As for entries: judged at ±h on rounding alone first. Only if something looks off are σ_J measured
            // and ±2h evaluated for the suspects, which can only widen their tolerance.
            var directions = samples.Select(d => Judge(d, start.Noise, options.Epsilon)).ToList();
            if (directions.Any(Suspect))
            {
                start.MeasureNoise(options.Epsilon, cancel);
                for (int k = 0; k < samples.Count; k++)
                {
                    if (Suspect(Judge(samples[k], start.Noise, options.Epsilon)))
                        Widen(objective, theta, work, samples[k], options.Epsilon, ref evaluations);
                    directions[k] = Judge(samples[k], start.Noise, options.Epsilon);
                }
            }
            evaluations += Settle(objective, theta, work, samples, directions, start, options.Epsilon);
            int failing = directions.FindIndex(d => d.Verdict == CheckVerdict.Wrong);

            var overall = Overall(directions);
            var blocks = layout.Blocks.Select(b => new BlockResult
            {
                Name = b.Name, Shape = b.Shape, Count = b.Count, Verdict = overall, Difference = double.NaN,
            }).ToArray();
            if (failing >= 0)
                for (int b = 0; b < blocks.Length; b++)
                {
                    cancel.ThrowIfCancellationRequested();
                    var block = layout.Blocks[b];
                    var sample = Along(objective, theta, work, analytic,
                        () => SignsOf(seed, failing, theta.Length).Restrict(block.Offset, block.Count), start.Cost,
                        options.Epsilon, block.Name, wobble, ref evaluations);
                    Widen(objective, theta, work, sample, options.Epsilon, ref evaluations);
                    var judged = new List<DirectionResult> { Judge(sample, start.Noise, options.Epsilon) };
                    evaluations += Settle(objective, theta, work, new List<Sample> { sample }, judged, start,
                        options.Epsilon);
                    var d = judged[0];
                    blocks[b].Verdict = d.Verdict;
                    blocks[b].Difference = FiniteDifference.RelativeDifference(d.Analytic, d.Numerical);
                    blocks[b].MaxAbsError = d.AbsError;
                    blocks[b].MaxToleranceRatio = d.Tolerance == 0 ? 0 : d.AbsError / d.Tolerance;
                    blocks[b].FailedCount = d.Verdict == CheckVerdict.Wrong ? 1 : 0;
                }

            var result = ResultBuilder.Start(CheckMode.Directional, options, start, layout, analytic);
            result.CheckedCount = directions.Count;
            result.Seed = seed;
            result.Directions = directions.ToArray();
            result.Difference = Difference(directions);
            result.Blocks = blocks;
            result.FailedCount = directions.Count(d => d.Verdict == CheckVerdict.Wrong);
            result.InconclusiveCount = directions.Count(d => d.Verdict == CheckVerdict.Inconclusive);
            result.KinkCount = directions.Count(d => d.Kink);
            result.FailedBlocks = Verdict.FailedBlocks(blocks).ToArray();
            return ResultBuilder.Finish(result, options, start, evaluations, overall, Message);
        }

        /// <summary>The relative difference of the directions' analytic and numerical slopes as vectors.</summary>
        internal static double Difference(IReadOnlyList<DirectionResult> directions) =>
            FiniteDifference.RelativeDifference(Each(directions, d => d.Analytic), Each(directions, d => d.Numerical));

        /// <summary>
        /// One number of each item. Not LINQ's Select(…).ToArray(): that is generic code over double, which no
        /// precompiled image holds, compiled afresh at the first check in every new shell.
        /// </summary>
        private static double[] Each<T>(IReadOnlyList<T> items, Func<T, double> value)
        {
            var values = new double[items.Count];
            for (int i = 0; i < values.Length; i++) values[i] = value(items[i]);
            return values;
        }

        private static bool[] Kinks(List<DirectionResult> results)
        {
            var kinks = new bool[results.Count];
            for (int i = 0; i < kinks.Length; i++) kinks[i] = results[i].Kink;
            return kinks;
        }

        private static string Message(GradientCheckResult result)
        {
            int count = result.CheckedCount;
            int seed = result.Seed ?? 0;
            return result.Passed ? Text.Format("DirectionsCorrect", count, seed)
                : result.Verdict == CheckVerdict.Inconclusive
                    ? Text.Format("DirectionsInconclusive", result.InconclusiveCount, count, seed)
                : result.FailedBlocks.Length > 0
                    ? Text.Format("DirectionsWrongIn", string.Join(", ", result.FailedBlocks), result.FailedCount,
                        count, seed)
                : Text.Format("DirectionsWrong", result.FailedCount, count, seed);
        }

        /// <summary>
        /// One direction (v, or v restricted to a block), g·v and the costs along it. The direction is drawn afresh
        /// for every line, so that a check of K directions holds one at a time.
        /// </summary>
        private sealed class Sample
        {
            public string Name;
            public Func<SignDirection> Direction;
            public double Dot;
            public FivePoints Points;
            public bool Wide;

            /// <summary>How far the points along v may stray from θ ± h·v (see Wobble).</summary>
            public double Wobble;
        }

        /// <summary>J(θ + t·v) on the one work vector, which is θ again afterwards.</summary>
        private static double CostAt(IGradientObjective objective, double[] theta, double[] work, string name,
            SignDirection v, double t)
        {
            v.PointAlong(theta, t, v.Offset, v.Count, work, v.Offset);
            try { return Validation.Cost(() => objective.Cost(work), "CostPointDirection", Format.Number(t), name); }
            finally { Array.Copy(theta, v.Offset, work, v.Offset, v.Count); }
        }

        /// <summary>
        /// t ↦ J(θ + t·v) along the sample's direction: the objective's own line when it has one. Only an
        /// objective's public <see cref="ILineCostSource"/> gets v written out as P numbers.
        /// </summary>
        private static Func<double, double> LineFor(IGradientObjective objective, double[] theta, double[] work,
            string name, SignDirection v)
        {
            var line = objective is IDirectionLineSource lines ? lines.Line(theta, v)
                : objective is ILineCostSource source ? source.Line(theta, v.ToArray())
                : null;
            if (line == null) return t => CostAt(objective, theta, work, name, v, t);
            return t => Validation.Cost(() => line(t), "CostPointDirection", Format.Number(t), name);
        }

        /// <summary>g·v and the costs at θ ± h·v.</summary>
        private static Sample Along(IGradientObjective objective, double[] theta, double[] work, double[] analytic,
            Func<SignDirection> direction, double cost, double h, string name, double wobble, ref long evaluations)
        {
            var v = direction();
            var s = new Sample { Name = name, Direction = direction, Dot = v.Dot(analytic), Wobble = wobble };
            var line = LineFor(objective, theta, work, name, v);
            s.Points = new FivePoints { Centre = cost, Plus1 = line(h), Minus1 = line(-h) };
            evaluations += 2;
            return s;
        }

        /// <summary>Adds the costs at θ ± 2h·v, for the truncation estimate and kink detection.</summary>
        private static void Widen(IGradientObjective objective, double[] theta, double[] work, Sample s, double h,
            ref long evaluations)
        {
            if (s.Wide) return;
            var line = LineFor(objective, theta, work, s.Name, s.Direction());
            s.Points.Plus2 = line(2 * h);
            s.Points.Minus2 = line(-2 * h);
            s.Wide = true;
            evaluations += 2;
        }

        /// <summary>
        /// The directions the first step could not judge (they look kinked or were left unjudged) judged afresh at
        /// smaller steps along their own lines, as entries are (<see cref="StepSequence"/>). A direction that fails
        /// smoothly keeps its failure: along a line through every parameter, smaller steps only add rounding.
        /// Returns the evaluations.
        /// </summary>
        private static long Settle(IGradientObjective objective, double[] theta, double[] work, List<Sample> samples,
            List<DirectionResult> results, CheckStart start, double h)
        {
            var open = Indices.Where(Indices.All(samples.Count),
                k => results[k].Verdict == CheckVerdict.Inconclusive || results[k].Kink);
            if (open.Length == 0) return 0;
            var picked = Pick(samples, open);
            var pickedResults = Pick(results, open);
            var sequence = new StepSequence(new DirectionLines(objective, theta, work, picked.ToArray()), start.Cost,
                start.Noise);
            var outcomes = sequence.Resolve(Each(picked, s => s.Dot), Each(picked, s => s.Points.Plus1),
                Each(picked, s => s.Points.Minus1), new bool[open.Length], Kinks(pickedResults),
                Each(pickedResults, r => r.Numerical), h);
            for (int n = 0; n < open.Length; n++) JudgeAgain(pickedResults[n], outcomes[n].Estimate);
            return sequence.Evaluations;
        }

        /// <summary>A direction's verdict from its estimate at the smaller steps.</summary>
        private static void JudgeAgain(DirectionResult result, EntryEstimate estimate)
        {
            result.Kink |= estimate.Kink;
            result.Tolerance = Tolerances.EntrySafetyFactor * estimate.Sigma;
            result.Verdict = estimate.Method == EstimateMethod.Unjudged ? CheckVerdict.Inconclusive
                : Math.Abs(result.Analytic - estimate.Reference) > result.Tolerance ? CheckVerdict.Wrong
                : CheckVerdict.Correct;
        }

        /// <summary>The items at <paramref name="positions"/>, in that order.</summary>
        private static List<T> Pick<T>(List<T> items, int[] positions) where T : class
        {
            var picked = new List<T>(positions.Length);
            foreach (int k in positions) picked.Add(items[k]);
            return picked;
        }

        /// <summary>
        /// The lines θ + t·v of some directions (v restricted to a sample's block), for the step sequence.
        /// </summary>
        private sealed class DirectionLines : IStepLines
        {
            private readonly IGradientObjective _objective;
            private readonly double[] _theta, _work;
            private readonly Sample[] _samples;

            public DirectionLines(IGradientObjective objective, double[] theta, double[] work, Sample[] samples)
            {
                _objective = objective;
                _theta = theta;
                _work = work;
                _samples = samples;
            }

            // A line's points lie at θ + t·v as computed; t itself is the step, as for ±h.
            public bool BranchAware => false;

            public double Up(int line, double step) => step;

            public double Down(int line, double step) => step;

            public double Wobble(int line) => _samples[line].Wobble;

            public (double[] Plus, double[] Minus, bool[] Crossed) Costs(int[] lines, double step)
            {
                var plus = new double[lines.Length];
                var minus = new double[lines.Length];
                for (int n = 0; n < lines.Length; n++)
                {
                    var sample = _samples[lines[n]];
                    var at = LineFor(_objective, _theta, _work, sample.Name, sample.Direction());
                    plus[n] = at(step);
                    minus[n] = at(-step);
                }
                return (plus, minus, new bool[lines.Length]);
            }
        }

        private static bool Suspect(DirectionResult d) =>
            d.AbsError > Tolerances.SuspicionThreshold / Tolerances.EntrySafetyFactor * d.Tolerance;

        /// <summary>
        /// How far θ ± h·v may lie from where it should, entry by entry: the rounding of θᵢ ± h onto θ's grid, at
        /// most u·max|θᵢ|. The centred difference along v is then the slope at a point up to that far from θ
        /// (EntryEstimator.Displacement): negligible beside rounding unless J is about 0, as at a minimum
        /// (Rosenbrock's at (1, 1) failed g = 0 along every direction).
        /// </summary>
        private static double Wobble(double[] theta) => Tolerances.MachineEpsilon * PowerOfTwo.LargestMagnitude(theta);

        private static double Displacement(Sample s, double h) => EntryEstimator.Displacement(
            (s.Points.Plus1 - s.Points.Centre) / h, (s.Points.Centre - s.Points.Minus1) / h, h, h, s.Wobble);

        /// <summary>
        /// Judges g·v against the centred difference along v, like an entry: on rounding alone until ±2h are known.
        /// </summary>
        private static DirectionResult Judge(Sample s, double noise, double h)
        {
            var p = s.Points;
            double numerical = FiniteDifference.Centred(p.Plus1, p.Minus1, h);
            var estimate = s.Wide
                ? EntryEstimator.Estimate(p, h, noise, s.Dot, null)
                : new EntryEstimate
                {
                    Reference = numerical,
                    Sigma = Math.Max(EntryEstimator.NoiseFloor(noise,
                        Math.Max(Math.Abs(p.Centre), Math.Max(Math.Abs(p.Plus1), Math.Abs(p.Minus1)))) / h,
                        Tolerances.AbsoluteFloor),
                };
            if (estimate.Method != EstimateMethod.Unjudged) estimate.Sigma += Displacement(s, h);
            double tolerance = Tolerances.EntrySafetyFactor * estimate.Sigma;
            return new DirectionResult
            {
                Name = s.Name,
                Analytic = s.Dot,
                Numerical = numerical,
                AbsError = Math.Abs(s.Dot - numerical),
                Tolerance = tolerance,
                Kink = estimate.Kink,
                Verdict = estimate.Method == EstimateMethod.Unjudged ? CheckVerdict.Inconclusive
                    : Math.Abs(s.Dot - estimate.Reference) > tolerance ? CheckVerdict.Wrong : CheckVerdict.Correct,
            };
        }

        /// <summary>Wrong when a direction is, Inconclusive when one could not be judged, Correct otherwise.</summary>
        private static CheckVerdict Overall(List<DirectionResult> directions) =>
            directions.Any(d => d.Verdict == CheckVerdict.Wrong) ? CheckVerdict.Wrong
            : directions.Any(d => d.Verdict == CheckVerdict.Inconclusive) ? CheckVerdict.Inconclusive
            : CheckVerdict.Correct;

        /// <summary>
        /// Direction k of a check seeded with <paramref name="seed"/>, as signs: drawn afresh when needed, so that
        /// memory stays O(P/32) whatever the number of directions.
        /// </summary>
        internal static SignDirection SignsOf(int seed, int k, int n) =>
            SignDirection.Draw(new MersenneTwister(unchecked((uint)seed * 2654435761u + (uint)k)), n);

        /// <summary>
        /// Direction k of a check seeded with <paramref name="seed"/>, written out (see <see cref="SignsOf"/>).
        /// </summary>
        internal static double[] DirectionOf(int seed, int k, int n) => SignsOf(seed, k, n).ToArray();

        /// <summary>
        /// n random ±1 entries: every bit of every draw is a sign (see <see cref="SignDirection"/>), one MT19937
        /// output for 32 entries.
        /// </summary>
        internal static double[] Rademacher(MersenneTwister random, int n) => SignDirection.Draw(random, n).ToArray();
    }
}
