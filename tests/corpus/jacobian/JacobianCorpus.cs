// The Jacobian verdict corpus: runs every case of JacobianLayers.cs (its correct backward pass and each buggy one)
// through JacobianChecker, in full mode and in VJP mode (OutputGradient = the case's dout), and judges them beside
// two rules computed here: torch.autograd.gradcheck's (the full Jacobian by centred differences at ε = 1e-6, every
// entry |a − n| ≤ 1e-5 + 1e-3·|n|) and the course's (‖A − N‖ / (‖A‖ + ‖N‖) < 2e-7 at ε = 1e-7).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    public static class JacobianJudge
    {
        public const double Epsilon = 1e-7;
        public const double TorchEpsilon = 1e-6;
        public const double CourseThreshold = 2e-7;
        public const double TorchAbsoluteTolerance = 1e-5;
        public const double TorchRelativeTolerance = 1e-3;

        /// <summary>u = 2⁻⁵², as the user corpus's.</summary>
        public const double UnitRoundoff = 2.220446049250313e-16;

        /// <summary>c of the resolvability rule: a bug is resolvable when something it changes moves by more than
        /// c·ν/ε (the user corpus's rule, per output).</summary>
        public const double ResolutionFactor = 10;

        /// <summary>Pairs changed by less than this (relative) need not be named.</summary>
        public const double SmallEffect = 1e-3;

        /// <summary>How closely the hand backward passes match torch and the numpy bugs (make_jacobian_corpus.py
        /// asserts it for numpy; the Pester file for C#).</summary>
        public const double Match = 1e-10;

        /// <summary>How closely the C# forward passes match torch's y, per entry, relative.</summary>
        public const double ForwardMatch = 1e-12;

        public static readonly JacobianRule[] Rules =
            { JacobianRule.Ours, JacobianRule.OursVjp, JacobianRule.Torch, JacobianRule.Course };

        public static string Title(JacobianRule rule) =>
            rule == JacobianRule.Ours ? "GradCheck full (Verdict, ε = 1e-7)"
            : rule == JacobianRule.OursVjp ? "GradCheck VJP (Verdict, OutputGradient = dout, ε = 1e-7)"
            : rule == JacobianRule.Torch ? "torch (|a−n| ≤ 1e-5 + 1e-3·|n|, ε = 1e-6)"
            : "course (Difference < 2e-7, ε = 1e-7)";

        /// <summary>Checks one variant by every rule.</summary>
        public static JacobianRow Run(JacobianCase c, int bugIndex)
        {
            var layer = JacobianLayer.Create(c, bugIndex < 0 ? null : c.Bugs[bugIndex].Kind);
            var full = new JacobianChecker(new CheckOptions { Epsilon = Epsilon }).Check(layer, (double[])c.X.Clone());
            var projected = new JacobianChecker(new CheckOptions
            {
                Epsilon = Epsilon,
                OutputGradient = (double[])c.Dout.Clone(),
            }).Check(layer, (double[])c.X.Clone());
            var analytic = layer.JacobianRows((double[])c.X.Clone());
            var row = new JacobianRow
            {
                Case = c,
                BugIndex = bugIndex,
                Full = full,
                Projected = projected,
                Ours = new JacobianVerdict
                {
                    Verdict = full.Verdict,
                    Named = full.Blocks.Where(b => b.Verdict == CheckVerdict.Wrong)
                        .Select(b => JacobianCase.PairName(b.Output, b.Input)).ToArray(),
                },
                OursVjp = new JacobianVerdict
                {
                    Verdict = projected.Verdict,
                    Named = projected.Blocks.Where(b => b.Verdict == CheckVerdict.Wrong).Select(b => b.Input).ToArray(),
                },
            };
            row.Torch = TorchRule(c, analytic, Numerical(layer, c.X, TorchEpsilon), out var worst);
            row.TorchWorst = worst;
            row.Course = CourseRule(c, analytic, Numerical(layer, c.X, Epsilon));
            return row;
        }

        /// <summary>The full Jacobian by centred differences: column j = (f(x + h e_j) − f(x − h e_j)) / 2h.</summary>
        public static double[] Numerical(IVectorFunction f, double[] x, double h)
        {
            int m = f.OutputLayout.Count, n = x.Length;
            var jacobian = new double[m * n];
            for (int j = 0; j < n; j++)
            {
                var plus = (double[])x.Clone();
                var minus = (double[])x.Clone();
                plus[j] += h;
                minus[j] -= h;
                var a = f.Evaluate(plus);
                var b = f.Evaluate(minus);
                for (int i = 0; i < m; i++) jacobian[i * n + j] = (a[i] - b[i]) / (2 * h);
            }
            return jacobian;
        }

        private static IEnumerable<(string Name, ParameterBlock Output, ParameterBlock Input)> Pairs(JacobianCase c) =>
            c.OutputLayout.Blocks.SelectMany(o => c.InputLayout.Blocks.Select(b =>
                (JacobianCase.PairName(o.Name, b.Name), o, b)));

        public static JacobianVerdict TorchRule(JacobianCase c, double[] a, double[] n, out string worst)
        {
            var named = new List<string>();
            int inputs = c.Inputs;
            double worstRatio = 0;
            worst = "";
            foreach (var p in Pairs(c))
            {
                bool failed = false;
                for (int i = p.Output.Offset; i < p.Output.Offset + p.Output.Count; i++)
                    for (int j = p.Input.Offset; j < p.Input.Offset + p.Input.Count; j++)
                    {
                        int k = i * inputs + j;
                        double tolerance = TorchAbsoluteTolerance + TorchRelativeTolerance * Math.Abs(n[k]);
                        double ratio = Math.Abs(a[k] - n[k]) / tolerance;
                        if (!(ratio <= 1)) failed = true;
                        if (ratio > worstRatio)
                        {
                            worstRatio = ratio;
                            worst = $"{p.Name} [{i},{j}]: a {JacobianText.Number(a[k])} vs n " +
                                    JacobianText.Number(n[k]);
                        }
                    }
                if (failed) named.Add(p.Name);
            }
            return new JacobianVerdict
            {
                Verdict = named.Count == 0 ? CheckVerdict.Correct : CheckVerdict.Wrong,
                Named = named.ToArray(),
            };
        }

        /// <summary>‖A − N‖ / (‖A‖ + ‖N‖) over the given entries (0 when both are 0).</summary>
        private static double Difference(IEnumerable<int> entries, double[] a, double[] n)
        {
            double diff = 0, na = 0, nn = 0;
            foreach (int k in entries)
            {
                diff += (a[k] - n[k]) * (a[k] - n[k]);
                na += a[k] * a[k];
                nn += n[k] * n[k];
            }
            double denominator = Math.Sqrt(na) + Math.Sqrt(nn);
            return denominator == 0 ? 0 : Math.Sqrt(diff) / denominator;
        }

        public static JacobianVerdict CourseRule(JacobianCase c, double[] a, double[] n)
        {
            int inputs = c.Inputs;
            Func<ParameterBlock, ParameterBlock, IEnumerable<int>> entries = (o, b) =>
                Enumerable.Range(o.Offset, o.Count).SelectMany(i => Enumerable.Range(b.Offset, b.Count)
                    .Select(j => i * inputs + j));
            double total = Difference(Enumerable.Range(0, a.Length), a, n);
            return new JacobianVerdict
            {
                Verdict = total < CourseThreshold ? CheckVerdict.Correct : CheckVerdict.Wrong,
                Named = Pairs(c).Where(p => !(Difference(entries(p.Output, p.Input), a, n) < CourseThreshold))
                    .Select(p => p.Name).ToArray(),
            };
        }

        /// <summary>Every variant of every case: the correct backward first, then each bug.</summary>
        public static JacobianRow[] RunAll(IEnumerable<JacobianCase> cases) =>
            cases.SelectMany(c => Enumerable.Range(-1, c.Bugs.Length + 1).Select(b => Run(c, b))).ToArray();

        public static JacobianTally Tally(string group, JacobianRule rule, IEnumerable<JacobianRow> rows)
        {
            var t = new JacobianTally { Group = group, Rule = rule };
            foreach (var row in rows)
            {
                var o = row.OutcomeOf(rule);
                var v = row.Verdict(rule).Verdict;
                switch (o)
                {
                    case JacobianOutcome.Clean: t.Clean++; break;
                    case JacobianOutcome.FalseAlarm: t.Clean++; t.FalseAlarms++; break;
                    case JacobianOutcome.CleanInconclusive: t.Clean++; t.CleanInconclusive++; break;
                    case JacobianOutcome.Missed: t.Resolvable++; t.Missed++; break;
                    case JacobianOutcome.BugInconclusive: t.Resolvable++; t.BugInconclusive++; break;
                    case JacobianOutcome.Caught: t.Resolvable++; t.Caught++; break;
                    case JacobianOutcome.WronglyNamed:
                        t.Resolvable++;
                        t.Caught++;
                        t.WronglyNamed++;
                        if (row.Innocent(rule).Length > 0) t.InnocentBlamed++;
                        break;
                    case JacobianOutcome.Unresolvable:
                        t.Unresolvable++;
                        if (v == CheckVerdict.Correct) t.UnresolvableCorrect++;
                        else if (v == CheckVerdict.Wrong) t.UnresolvableWrong++;
                        else t.UnresolvableInconclusive++;
                        break;
                    case JacobianOutcome.KinkOnly:
                        t.KinkOnly++;
                        if (v == CheckVerdict.Correct) t.KinkOnlyCorrect++;
                        else if (v == CheckVerdict.Wrong) t.KinkOnlyWrong++;
                        else t.KinkOnlyInconclusive++;
                        break;
                }
            }
            return t;
        }
    }

    internal static class JacobianText
    {
        public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
    }
}
