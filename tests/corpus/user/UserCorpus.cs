// The user-code verdict corpus of issue 9: runs every case of UserLayers.cs (its correct gradient and each buggy
// one) through GradientChecker, and judges the results under three rules: ours (Verdict at ε = 1e-7), the
// course's (Difference < 2e-7 at ε = 1e-7) and torch.autograd.gradcheck's (|a − n| ≤ 1e-5 + 1e-3·|n|
// at ε = 1e-6).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    public static class UserJudge
    {
        public const double Epsilon = 1e-7;
        public const double TorchEpsilon = 1e-6;
        public const double CourseThreshold = 2e-7;
        public const double TorchAbsoluteTolerance = 1e-5;
        public const double TorchRelativeTolerance = 1e-3;

        /// <summary>u = 2⁻⁵².</summary>
        public const double UnitRoundoff = 2.220446049250313e-16;

        /// <summary>2⁻²⁴, the rounding of a cost rounded through float.</summary>
        public const double FloatRoundoff = 5.9604644775390625e-8;

        /// <summary>
        /// c of the resolvability rule: a bug is resolvable when some block it changes moves by more than c·ν/ε.
        /// A centred difference carries about ν/ε of rounding from its two evaluations (more where the forward pass
        /// cancels); at c = 10 the bug stands well clear of that.
        /// </summary>
        public const double ResolutionFactor = 10;

        /// <summary>Blocks changed by less than this (relative) need not be named.</summary>
        public const double SmallEffect = 1e-3;

        public static readonly UserRule[] Rules = { UserRule.Ours, UserRule.Course, UserRule.Torch };

        public static string Title(UserRule rule) =>
            rule == UserRule.Ours ? "GradCheck (Verdict, ε = 1e-7)"
            : rule == UserRule.Course ? "course (Difference < 2e-7, ε = 1e-7)"
            : "torch (|a−n| ≤ 1e-5 + 1e-3·|n|, ε = 1e-6)";

        /// <summary>Checks one variant at ε = 1e-7 (ours and the course's rule) and ε = 1e-6 (torch's).</summary>
        public static UserRow Run(UserCase c, int bugIndex)
        {
            var gradient = bugIndex < 0 ? c.Truth : c.Bugs[bugIndex].Gradient;
            var layer = UserLayer.Create(c, gradient);
            var check = new GradientChecker(new CheckOptions { Epsilon = Epsilon })
                .Check(layer, (double[])c.Theta.Clone());
            // The anchors' rules run as the anchors do, in double at their own ε, whatever precision ours chose.
            var torch = new GradientChecker(new CheckOptions { Epsilon = TorchEpsilon, Precision = Precision.Double })
                .Check(layer, (double[])c.Theta.Clone());
            var course = !check.SwitchedToSingle ? check
                : new GradientChecker(new CheckOptions { Epsilon = Epsilon, Precision = Precision.Double })
                    .Check(layer, (double[])c.Theta.Clone());
            return Judge(c, bugIndex, check, torch, course);
        }

        /// <summary>
        /// Judges a variant from its checks, however they were run (C# or Test-Gradient): ours, torch's (double,
        /// ε = 1e-6) and the course's (double, ε = 1e-7; ours when it stayed in double).
        /// </summary>
        public static UserRow Judge(UserCase c, int bugIndex, GradientCheckResult check, GradientCheckResult torch,
            GradientCheckResult course = null)
        {
            course = course ?? check;
            return new UserRow
            {
                Case = c,
                BugIndex = bugIndex,
                Check = check,
                TorchCheck = torch,
                Ours = new UserVerdict { Verdict = check.Verdict, Named = (string[])check.FailedBlocks.Clone() },
                Course = new UserVerdict
                {
                    Verdict = course.Difference < CourseThreshold ? CheckVerdict.Correct : CheckVerdict.Wrong,
                    Named = course.Blocks.Where(b => b.Difference >= CourseThreshold).Select(b => b.Name).ToArray(),
                },
                Torch = TorchVerdict(torch),
            };
        }

        public static UserVerdict TorchVerdict(GradientCheckResult r)
        {
            var named = new List<string>();
            foreach (var block in r.Layout.Blocks)
                for (int i = block.Offset; i < block.Offset + block.Count; i++)
                    if (!(Math.Abs(r.Analytic[i] - r.Numerical[i])
                          <= TorchAbsoluteTolerance + TorchRelativeTolerance * Math.Abs(r.Numerical[i])))
                    {
                        named.Add(block.Name);
                        break;
                    }
            return new UserVerdict
            {
                Verdict = named.Count == 0 ? CheckVerdict.Correct : CheckVerdict.Wrong,
                Named = named.ToArray(),
            };
        }

        /// <summary>Every variant of every case: the correct gradient first, then each bug.</summary>
        public static UserRow[] RunAll(IEnumerable<UserCase> cases) =>
            cases.SelectMany(c => Enumerable.Range(-1, c.Bugs.Length + 1).Select(b => Run(c, b))).ToArray();

        public static UserTally Tally(string group, UserRule rule, IEnumerable<UserRow> rows)
        {
            var t = new UserTally { Group = group, Rule = rule };
            foreach (var row in rows)
            {
                var o = row.OutcomeOf(rule);
                if (!row.IsBuggy) t.Clean++;
                else if (row.IsResolvable) t.Resolvable++;
                else t.Unresolvable++;
                switch (o)
                {
                    case UserOutcome.FalseAlarm: t.FalseAlarms++; break;
                    case UserOutcome.CleanInconclusive: t.CleanInconclusive++; break;
                    case UserOutcome.Missed: t.Missed++; break;
                    case UserOutcome.BugInconclusive: t.BugInconclusive++; break;
                    case UserOutcome.Caught: t.Caught++; break;
                    case UserOutcome.WronglyNamed:
                        t.Caught++;
                        t.WronglyNamed++;
                        if (row.Innocent(rule).Length > 0) t.InnocentBlamed++;
                        break;
                    case UserOutcome.Unresolvable:
                        var v = row.Verdict(rule).Verdict;
                        if (v == CheckVerdict.Correct) t.UnresolvableCorrect++;
                        else if (v == CheckVerdict.Wrong) t.UnresolvableWrong++;
                        else t.UnresolvableInconclusive++;
                        break;
                }
            }
            return t;
        }
    }

    internal static class UserText
    {
        public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
    }
}
