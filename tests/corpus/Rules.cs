// Part of the corpus in Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Corpus
{
    /// <summary>The rules, each a pure function of check results.</summary>
    public static class Rules
    {
        public const double CourseEpsilon = 1e-7;
        public const double CourseThreshold = 2e-7;
        public const double TorchEpsilon = 1e-6;
        public const double TorchAbsoluteTolerance = 1e-5;
        public const double TorchRelativeTolerance = 1e-3;

        public static readonly VerdictRule[] All = { VerdictRule.GradCheck, VerdictRule.Course, VerdictRule.Torch };

        /// <summary>The label the report uses.</summary>
        public static string Title(VerdictRule rule)
        {
            switch (rule)
            {
                case VerdictRule.GradCheck: return "GradCheck default";
                case VerdictRule.Course: return "course rule 2e-7";
                default: return "torch gradcheck atol 1e-5 rtol 1e-3";
            }
        }

        /// <summary>Ours: the checker's own verdict and failed blocks (default options).</summary>
        public static RuleVerdict GradCheck(GradientCheckResult result) => new RuleVerdict
        {
            Rule = VerdictRule.GradCheck, Passed = result.Passed, Named = (string[])result.FailedBlocks.Clone()
        };

        /// <summary>The course's: Difference &lt; 2e-7; named = blocks whose own difference is ≥ 2e-7.</summary>
        public static RuleVerdict Course(GradientCheckResult result) => new RuleVerdict
        {
            Rule = VerdictRule.Course,
            Passed = result.Difference < CourseThreshold,
            Named = result.Blocks.Where(b => b.Difference >= CourseThreshold).Select(b => b.Name).ToArray(),
        };

        /// <summary>
        /// torch's: every entry within 1e-5 + 1e-3·|numerical| at ε = 1e-6; named = blocks with a violating entry.
        /// </summary>
        public static RuleVerdict Torch(GradientCheckResult resultAtTorchEpsilon)
        {
            var r = resultAtTorchEpsilon;
            var named = new List<string>();
            foreach (var block in r.Layout.Blocks)
            {
                for (int i = block.Offset; i < block.Offset + block.Count; i++)
                    if (TorchViolates(r.Analytic[i], r.Numerical[i])) { named.Add(block.Name); break; }
            }
            return new RuleVerdict { Rule = VerdictRule.Torch, Passed = named.Count == 0, Named = named.ToArray() };
        }

        public static bool TorchViolates(double analytic, double numerical) =>
            !(Math.Abs(analytic - numerical) <= TorchAbsoluteTolerance + TorchRelativeTolerance * Math.Abs(numerical));
    }
}
