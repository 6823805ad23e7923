using System;
using System.Collections.Generic;
using System.Linq;

namespace GradCheck
{
    /// <summary>
    /// The one result builder of every Jacobian mode: what every result says (options, layouts, counts, time,
    /// backward's behaviour), the block pairs and worst entries from the scalar checks behind the mode, and the
    /// verdict by the chosen criterion. Sums, maxima and verdicts are loops, not LINQ over values: generic code over
    /// double, int or an enum that no precompiled image holds, JIT-compiled at the first check in every new shell.
    /// </summary>
    internal static class JacobianResultBuilder
    {
        /// <summary>The separator of a block pair's name: "y ← W".</summary>
        public const string Arrow = " ← ";

        public static JacobianCheckResult Start(JacobianMode mode, JacobianContext context) =>
            new JacobianCheckResult
            {
                Mode = mode,
                Epsilon = context.Options.Epsilon,
                Threshold = context.Options.Threshold,
                Criterion = context.Options.Criterion,
                InputLayout = context.Function.InputLayout,
                OutputLayout = context.Function.OutputLayout,
                InputCount = context.InputCount,
                OutputCount = context.OutputCount,
                Blocks = Array.Empty<JacobianBlockResult>(),
                Worst = Array.Empty<JacobianEntryResult>(),
                FailedBlocks = Array.Empty<string>(),
            };

        /// <summary>
        /// The block pairs, worst entries, counts and matrices of the full mode from its per-output scalar checks;
        /// returns the error-aware verdict: Wrong when a pair is, Inconclusive when a pair is or when no output's
        /// check resolved anything, Correct otherwise.
        /// </summary>
        public static CheckVerdict FromComponents(JacobianCheckResult result, JacobianContext context,
            GradientCheckResult[] rows, double[,] analytic)
        {
            var numerical = Numerical(rows, context.InputCount);
            result.AnalyticJacobian = analytic;
            result.NumericalJacobian = numerical;
            result.Blocks = Pairs(context, rows, analytic, numerical).ToArray();
            Count(result, context.Options);
            result.Difference = Difference(analytic, numerical, 0, rows.Length, 0, context.InputCount);
            result.Worst = WorstFirst(rows.SelectMany((r, i) => r.Worst.Select(e => Entry(context, i, e))).ToList(),
                context.Options.Top);
            result.NumericalError = Math.Sqrt(MeanSquare(rows));
            result.Precision = rows.All(r => r.Precision == Precision.Single) ? Precision.Single : Precision.Double;
            bool resolved = rows.Any(r => r.Verdict != CheckVerdict.Inconclusive);
            return Combined(result.Blocks, b => b.Verdict, resolved);
        }

        /// <summary>
        /// The verdicts of <paramref name="items"/> combined: Wrong over Inconclusive over Correct; nothing resolved is
        /// Inconclusive.
        /// </summary>
        public static CheckVerdict Combined<T>(IReadOnlyList<T> items, Func<T, CheckVerdict> verdictOf, bool resolved)
            where T : class
        {
            var combined = resolved ? CheckVerdict.Correct : CheckVerdict.Inconclusive;
            for (int i = 0; i < items.Count; i++) combined = Worse(combined, verdictOf(items[i]));
            return combined;
        }

        /// <summary>The worse of two verdicts: Wrong over Inconclusive over Correct.</summary>
        public static CheckVerdict Worse(CheckVerdict a, CheckVerdict b) =>
            a == CheckVerdict.Wrong || b == CheckVerdict.Wrong ? CheckVerdict.Wrong
            : a == CheckVerdict.Inconclusive || b == CheckVerdict.Inconclusive ? CheckVerdict.Inconclusive
            : CheckVerdict.Correct;

        /// <summary>
        /// The first <paramref name="top"/> entries by ToleranceRatio, largest first (NaN last), then by output and
        /// input position: a total order, since no two entries share both positions.
        /// </summary>
        private static JacobianEntryResult[] WorstFirst(List<JacobianEntryResult> entries, int top)
        {
            entries.Sort((a, b) =>
            {
                int byRatio = b.ToleranceRatio.CompareTo(a.ToleranceRatio);
                if (byRatio != 0) return byRatio;
                int byOutput = a.OutputPosition.CompareTo(b.OutputPosition);
                return byOutput != 0 ? byOutput : a.InputPosition.CompareTo(b.InputPosition);
            });
            var worst = new JacobianEntryResult[Math.Max(0, Math.Min(top, entries.Count))];
            entries.CopyTo(0, worst, 0, worst.Length);
            return worst;
        }

        /// <summary>The outputs' mean squared numerical error, summed in order as LINQ's Average sums.</summary>
        private static double MeanSquare(GradientCheckResult[] rows)
        {
            double sum = 0;
            foreach (var r in rows) sum += r.NumericalError * r.NumericalError;
            return sum / rows.Length;
        }

        /// <summary>FailedBlocks and the counts from the block pairs.</summary>
        public static void Count(JacobianCheckResult result, CheckOptions options)
        {
            if (options.Criterion == VerdictCriterion.Course)
                foreach (var b in result.Blocks.Where(b => !double.IsNaN(b.Difference)))
                    b.Verdict = b.Difference < options.Threshold ? CheckVerdict.Correct : CheckVerdict.Wrong;
            result.FailedBlocks = result.Blocks.Where(b => b.Verdict == CheckVerdict.Wrong).Select(b => b.Name)
                .ToArray();
            result.FailedCount = result.CheckedCount = result.InconclusiveCount = 0;
            foreach (var b in result.Blocks)
            {
                result.FailedCount += b.FailedCount;
                result.CheckedCount += b.CheckedCount;
                result.InconclusiveCount += b.InconclusiveCount;
            }
        }

        /// <summary>
        /// Closes the result: backward's behaviour, the verdict by the criterion (the course's rule on the whole
        /// Difference, or the mode's error-aware verdict), then any behaviour that fails, the counts and the message.
        /// </summary>
        public static JacobianCheckResult Finish(JacobianCheckResult result, JacobianContext context,
            CheckVerdict errorAware, Func<JacobianCheckResult, string> message)
        {
            BackwardBehaviour.Measure(context, result);
            var verdict = context.Options.Criterion != VerdictCriterion.Course ? errorAware
                : result.Difference < context.Options.Threshold ? CheckVerdict.Correct : CheckVerdict.Wrong;
            if (result.ForwardVerdict.HasValue) verdict = Worse(verdict, result.ForwardVerdict.Value);
            if (!result.ZeroUpstreamGivesZero || !result.BackwardDeterministic) verdict = CheckVerdict.Wrong;
            result.Verdict = verdict;
            result.Precision = context.Options.Precision ?? result.Precision;
            result.Evaluations = context.Evaluations.Count;
            result.DerivativeCalls = context.DerivativeCalls;
            result.Elapsed = context.Clock.Elapsed;
            result.Message = message(result) + JacobianMessages.Behaviour(result, context.Options);
            return result;
        }

        public static string PairName(string output, string input) => output + Arrow + input;

        private static IEnumerable<JacobianBlockResult> Pairs(JacobianContext context, GradientCheckResult[] rows,
            double[,] analytic, double[,] numerical)
        {
            var inputs = context.Function.InputLayout.Blocks;
            foreach (var output in context.Function.OutputLayout.Blocks)
                for (int b = 0; b < inputs.Count; b++)
                    yield return Pair(rows, output, inputs[b], b, analytic, numerical);
        }

        private static JacobianBlockResult Pair(GradientCheckResult[] rows, ParameterBlock output,
            ParameterBlock input, int inputBlock, double[,] analytic, double[,] numerical)
        {
            var parts = rows.Skip(output.Offset).Take(output.Count).Select(r => r.Blocks[inputBlock]).ToArray();
            return WithCounts(new JacobianBlockResult
            {
                Name = PairName(output.Name, input.Name),
                Output = output.Name,
                Input = input.Name,
                Difference = Difference(analytic, numerical, output.Offset, output.Offset + output.Count,
                    input.Offset, input.Offset + input.Count),
                MaxAbsError = Largest(parts, p => p.MaxAbsError),
                MaxToleranceRatio = Largest(parts, p => p.MaxToleranceRatio),
                Verdict = Combined(parts, p => p.Verdict, true),
            }, parts);
        }

        /// <summary><paramref name="pair"/> with the parts' failed, checked and inconclusive counts summed.</summary>
        private static JacobianBlockResult WithCounts(JacobianBlockResult pair, BlockResult[] parts)
        {
            foreach (var p in parts)
            {
                pair.FailedCount += p.FailedCount;
                pair.CheckedCount += p.CheckedCount;
                pair.InconclusiveCount += p.InconclusiveCount;
            }
            return pair;
        }

        /// <summary>
        /// The largest of the parts' values, NaN only when every one is, as LINQ's Max over double: it skips leading
        /// NaNs and then keeps any larger value. No parts is an error, as it is for Max.
        /// </summary>
        private static double Largest(BlockResult[] parts, Func<BlockResult, double> valueOf)
        {
            if (parts.Length == 0) throw new InvalidOperationException("A block pair without outputs has no maximum.");
            double largest = double.NaN;
            foreach (var p in parts)
            {
                double v = valueOf(p);
                if (v > largest || double.IsNaN(largest)) largest = v;
            }
            return largest;
        }

        private static double[,] Numerical(GradientCheckResult[] rows, int inputs)
        {
            var numerical = new double[rows.Length, inputs];
            for (int i = 0; i < rows.Length; i++)
                for (int j = 0; j < inputs; j++) numerical[i, j] = rows[i].Numerical[j];
            return numerical;
        }

        /// <summary>
        /// ‖A − N‖ / (‖A‖ + ‖N‖) over rows [r0, r1) and columns [c0, c1) where N was computed; 0 for 0/0.
        /// </summary>
        public static double Difference(double[,] a, double[,] n, int r0, int r1, int c0, int c1)
        {
            double diff = 0, normA = 0, normN = 0;
            for (int i = r0; i < r1; i++)
                for (int j = c0; j < c1; j++)
                {
                    if (double.IsNaN(n[i, j])) continue;
                    double d = a[i, j] - n[i, j];
                    diff += d * d;
                    normA += a[i, j] * a[i, j];
                    normN += n[i, j] * n[i, j];
                }
            double denominator = Math.Sqrt(normA) + Math.Sqrt(normN);
            return denominator == 0 ? 0 : Math.Sqrt(diff) / denominator;
        }

        private static JacobianEntryResult Entry(JacobianContext context, int output, EntryResult e)
        {
            string outputName = context.Function.OutputLayout.EntryName(output);
            return Entry(outputName, output, e);
        }

        /// <summary>A scalar check's entry as an entry of J, of output <paramref name="outputName"/>.</summary>
        public static JacobianEntryResult Entry(string outputName, int output, EntryResult e) =>
            new JacobianEntryResult
            {
                Name = PairName(outputName, e.Name),
                Output = outputName,
                Input = e.Name,
                OutputPosition = output,
                InputPosition = e.Position,
                Analytic = e.Analytic,
                Numerical = e.Numerical,
                Reference = e.Reference,
                AbsError = e.AbsError,
                Tolerance = e.Tolerance,
                ToleranceRatio = e.ToleranceRatio,
                Verdict = e.Verdict,
            };
    }
}
