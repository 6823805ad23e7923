using System;
using System.Collections.Generic;
using System.Linq;

namespace GradCheck
{
    /// <summary>
    /// Per-entry estimates and the error-aware verdict built from them (the rule is written out on
    /// <see cref="Tolerances"/>). Pure functions of the costs: no evaluation happens here.
    /// </summary>
    internal static class Verdict
    {
        /// <summary>σᵢ, the error the centred difference of entry i can have on its own.</summary>
        public static double ErrorEstimate(double centred, double fivePoint, double largestCost, double costNoise, double step)
        {
            double truncation = Math.Abs(centred - fivePoint);
            double floor = Tolerances.RoundingFactor * Tolerances.MachineEpsilon * largestCost;
            double rounding = (double.IsNaN(costNoise) ? floor : Math.Max(costNoise, floor)) / step;
            return Math.Max(truncation + rounding, Tolerances.AbsoluteFloor);
        }

        /// <summary>Judges every block on its own and builds the entries in the order of their tolerance ratio.</summary>
        public static BlockResult[] JudgeBlocks(ParameterLayout layout, double[] analytic, double[] numerical, double[] sigma)
        {
            var blocks = new BlockResult[layout.Blocks.Count];
            for (int b = 0; b < blocks.Length; b++)
            {
                var block = layout.Blocks[b];
                double maxAbs = 0, maxRatio = 0, sumSquares = 0;
                int failed = 0;
                for (int i = block.Offset; i < block.Offset + block.Count; i++)
                {
                    double abs = Math.Abs(analytic[i] - numerical[i]);
                    double z = abs / sigma[i];
                    maxAbs = Math.Max(maxAbs, abs);
                    maxRatio = Math.Max(maxRatio, z / Tolerances.EntrySafetyFactor);
                    sumSquares += z * z;
                    if (z > Tolerances.EntrySafetyFactor) failed++;
                }
                double rms = block.Count == 0 ? 0 : Math.Sqrt(sumSquares / block.Count);
                blocks[b] = new BlockResult
                {
                    Name = block.Name,
                    Shape = block.Shape,
                    Count = block.Count,
                    Difference = FiniteDifference.RelativeDifference(analytic, numerical, block.Offset, block.Count),
                    MaxAbsError = maxAbs,
                    MaxToleranceRatio = maxRatio,
                    FailedCount = failed,
                    Passed = failed == 0 && rms <= Tolerances.BlockSafetyFactor,
                };
            }
            return blocks;
        }

        public static EntryResult Entry(ParameterLayout layout, int i, double analytic, double numerical, double sigma)
        {
            var block = layout.BlockOf(i);
            double abs = Math.Abs(analytic - numerical);
            double tolerance = Tolerances.EntrySafetyFactor * sigma;
            return new EntryResult
            {
                Block = block.Name,
                Index = block.IndexText(i - block.Offset),
                Name = block.Name + block.IndexText(i - block.Offset),
                Position = i,
                Analytic = analytic,
                Numerical = numerical,
                AbsError = abs,
                RelError = FiniteDifference.RelativeDifference(analytic, numerical),
                Tolerance = tolerance,
                ToleranceRatio = abs / tolerance,
                Passed = abs <= tolerance,
            };
        }

        /// <summary>The <paramref name="top"/> entries with the largest tolerance ratio, worst first; ties by position.</summary>
        public static EntryResult[] Worst(ParameterLayout layout, double[] analytic, double[] numerical, double[] sigma, int top)
        {
            if (top == 0) return Array.Empty<EntryResult>();
            var order = Enumerable.Range(0, analytic.Length)
                .OrderByDescending(i => Math.Abs(analytic[i] - numerical[i]) / sigma[i])
                .ThenBy(i => i)
                .Take(top);
            return order.Select(i => Entry(layout, i, analytic[i], numerical[i], sigma[i])).ToArray();
        }

        public static string Message(GradientCheckResult r)
        {
            string suspects = r.FailedBlocks.Length > 0 ? string.Join(", ", r.FailedBlocks) : null;
            if (r.Criterion == VerdictCriterion.Course)
                return r.Passed
                    ? $"Passes the course's rule: difference < {Format.Number(r.Threshold)}."
                    : $"Fails the course's rule: difference >= {Format.Number(r.Threshold)}" + (suspects != null ? $"; suspect {suspects}." : ".");
            if (r.Passed)
                return $"Correct: all {r.ParameterCount} entries within their finite-difference error.";
            string where = suspects != null && (r.Layout.Blocks.Count > 1) ? $" in {suspects}" : string.Empty;
            return $"Wrong{where}: {r.FailedCount} of {r.ParameterCount} entries outside their finite-difference error.";
        }

        public static IEnumerable<string> FailedBlocks(BlockResult[] blocks) => blocks.Where(b => !b.Passed).Select(b => b.Name);
    }
}
