using System.Collections.Generic;
using System.Linq;

namespace GradCheck.Commands
{
    /// <summary>
    /// A Jacobian check as the report draws a gradient check: each (output block, input block) pair becomes a block
    /// of shape (outputs of the pair, inputs of the pair), so that the report's tables and heatmaps show J pair by
    /// pair with the same scale and colours. Only the report reads it; the user's result is not changed.
    /// </summary>
    internal static class JacobianReportView
    {
        public static GradientCheckResult From(JacobianCheckResult j)
        {
            var pairs = Pairs(j).ToList();
            var view = new GradientCheckResult
            {
                Name = j.Name, Mode = Mode(j.Mode), Verdict = j.Verdict, Difference = j.Difference,
                Epsilon = j.Epsilon, Threshold = j.Threshold, Criterion = j.Criterion, Message = j.Message,
                ParameterCount = j.InputCount * j.OutputCount, Evaluations = j.Evaluations, Elapsed = j.Elapsed,
                Cost = double.NaN, CostNoise = double.NaN, FailedCount = j.FailedCount, CheckedCount = j.CheckedCount,
                InconclusiveCount = j.InconclusiveCount, Seed = j.Seed, NumericalError = j.NumericalError,
                BestEpsilon = j.BestEpsilon, FailedBlocks = j.FailedBlocks, Directions = j.Directions,
                Layout = ParameterLayout.Create(pairs.Select(p => new KeyValuePair<string, int[]>(p.Name, p.Shape))),
            };
            view.Blocks = j.Blocks.Select((b, k) => Block(b, pairs[k].Shape)).ToArray();
            if (j.AnalyticJacobian != null) Fill(view, j, pairs);
            view.Worst = j.Worst.Select(e => Entry(e, j, view.Layout)).Where(e => e != null).ToArray();
            return view;
        }

        private sealed class Pair
        {
            public string Name;
            public int[] Shape;
            public ParameterBlock Output, Input;
        }

        private static IEnumerable<Pair> Pairs(JacobianCheckResult j)
        {
            bool projected = j.Mode == JacobianMode.OutputGradient;
            foreach (var output in projected ? new ParameterBlock[] { null } : j.OutputLayout.Blocks.ToArray())
                foreach (var input in j.InputLayout.Blocks)
                    yield return new Pair
                    {
                        Name = j.Blocks.Length == 0 ? input.Name : (output?.Name ?? "⟨dy, y⟩") + " ← " + input.Name,
                        Shape = new[] { output?.Count ?? 1, input.Count },
                        Output = output, Input = input,
                    };
        }

        private static CheckMode Mode(JacobianMode mode) =>
            mode == JacobianMode.Directional ? CheckMode.Directional : CheckMode.Entries;

        private static BlockResult Block(JacobianBlockResult b, int[] shape) =>
            new BlockResult
            {
                Name = b.Name, Shape = shape, Count = shape[0] * shape[1], Difference = b.Difference,
                MaxAbsError = b.MaxAbsError, MaxToleranceRatio = b.MaxToleranceRatio, FailedCount = b.FailedCount,
                CheckedCount = b.CheckedCount, InconclusiveCount = b.InconclusiveCount, Verdict = b.Verdict,
            };

        /// <summary>Each pair's sub-matrix of A and N, row-major, one after another as the layout lays them.</summary>
        private static void Fill(GradientCheckResult view, JacobianCheckResult j, List<Pair> pairs)
        {
            var analytic = new List<double>();
            var numerical = new List<double>();
            foreach (var p in pairs)
                for (int i = p.Output.Offset; i < p.Output.Offset + p.Output.Count; i++)
                    for (int k = p.Input.Offset; k < p.Input.Offset + p.Input.Count; k++)
                    {
                        analytic.Add(j.AnalyticJacobian[i, k]);
                        numerical.Add(j.NumericalJacobian[i, k]);
                    }
            view.Analytic = analytic.ToArray();
            view.Numerical = numerical.ToArray();
        }

        private static EntryResult Entry(JacobianEntryResult e, JacobianCheckResult j, ParameterLayout layout)
        {
            var input = j.InputLayout.BlockOf(e.InputPosition);
            var output = e.OutputPosition < 0 ? null : j.OutputLayout.BlockOf(e.OutputPosition);
            string pair = (output?.Name ?? "⟨dy, y⟩") + " ← " + input.Name;
            if (!layout.TryGetBlock(pair, out var block)) return null;
            int row = output == null ? 0 : e.OutputPosition - output.Offset;
            int local = row * input.Count + e.InputPosition - input.Offset;
            return new EntryResult
            {
                Block = pair, Name = e.Name, Index = block.IndexText(local), Position = block.Offset + local,
                Analytic = e.Analytic, Numerical = e.Numerical, Reference = e.Reference, AbsError = e.AbsError,
                RelError = FiniteDifference.RelativeDifference(e.Analytic, e.Numerical), Tolerance = e.Tolerance,
                ToleranceRatio = e.ToleranceRatio, Verdict = e.Verdict,
            };
        }
    }
}
