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
    public enum JacobianRule
    {
        /// <summary>JacobianChecker's verdict at ε = 1e-7, default options, full mode.</summary>
        Ours,

        /// <summary>JacobianChecker's verdict at ε = 1e-7 with OutputGradient = the case's dout.</summary>
        OursVjp,

        /// <summary>torch's gradcheck: the full Jacobian at ε = 1e-6, every entry |a − n| ≤ 1e-5 + 1e-3·|n|.</summary>
        Torch,

        /// <summary>The course's: ‖A − N‖ / (‖A‖ + ‖N‖) &lt; 2e-7 over the full Jacobian at ε = 1e-7.</summary>
        Course,
    }

    /// <summary>How a rule's verdict on one variant counts.</summary>
    public enum JacobianOutcome
    {
        /// <summary>Correct backward, called Correct.</summary>
        Clean,

        /// <summary>Correct backward, called Wrong.</summary>
        FalseAlarm,

        /// <summary>Correct backward, called Inconclusive.</summary>
        CleanInconclusive,

        /// <summary>Resolvable bug, called Wrong, naming the pairs right.</summary>
        Caught,

        /// <summary>Resolvable bug, called Wrong, naming a pair it leaves unchanged or leaving out a pair it changes
        /// by ≥ 1e-3 relative and resolvably.</summary>
        WronglyNamed,

        /// <summary>Resolvable bug, called Inconclusive.</summary>
        BugInconclusive,

        /// <summary>Resolvable bug, called Correct.</summary>
        Missed,

        /// <summary>A bug no finite difference at ε = 1e-7 can resolve (tallied apart, whatever the verdict).</summary>
        Unresolvable,

        /// <summary>A bug that changes only the columns of inputs exactly on a kink (tallied apart).</summary>
        KinkOnly,
    }

    /// <summary>What one rule says: a verdict and the pairs (full mode) or input blocks (VJP mode) it names.</summary>
    public sealed class JacobianVerdict
    {
        public CheckVerdict Verdict { get; set; }

        public string[] Named { get; set; }

        public override string ToString() => Verdict + (Named.Length > 0 ? " {" + string.Join(", ", Named) + "}" : "");
    }

    /// <summary>One variant of a case (its correct backward, or one bug) checked and judged by every rule.</summary>
    public sealed class JacobianRow
    {
        public JacobianCase Case { get; set; }

        /// <summary>−1 for the correct backward, else the index into <see cref="JacobianCase.Bugs"/>.</summary>
        public int BugIndex { get; set; }

        public JacobianBug Bug => BugIndex < 0 ? null : Case.Bugs[BugIndex];

        public bool IsBuggy => BugIndex >= 0;

        public string Kind => IsBuggy ? Bug.Kind : "none";

        public string Name => Case.Id + "/" + (IsBuggy ? Bug.Kind : "correct");

        /// <summary>The Jacobian this variant's backward implies, as stored: torch's, or the numpy bug's.</summary>
        public double[] Jacobian => IsBuggy ? Bug.Jacobian : Case.Jacobian;

        public double[] Vjp => IsBuggy ? Bug.Vjp : Case.Vjp;

        public JacobianCheckResult Full { get; set; }

        public JacobianCheckResult Projected { get; set; }

        public JacobianVerdict Ours { get; set; }

        public JacobianVerdict OursVjp { get; set; }

        public JacobianVerdict Torch { get; set; }

        public JacobianVerdict Course { get; set; }

        /// <summary>torch's rule: the worst entry (by |a − n| over its tolerance) as "pair: a vs n".</summary>
        public string TorchWorst { get; set; }

        public JacobianVerdict Verdict(JacobianRule rule) =>
            rule == JacobianRule.Ours ? Ours : rule == JacobianRule.OursVjp ? OursVjp
            : rule == JacobianRule.Torch ? Torch : Course;

        public static bool IsVjp(JacobianRule rule) => rule == JacobianRule.OursVjp;

        private IEnumerable<(string Name, ParameterBlock Output, ParameterBlock Input)> Pairs() =>
            Case.OutputLayout.Blocks.SelectMany(o => Case.InputLayout.Blocks.Select(b =>
                (JacobianCase.PairName(o.Name, b.Name), o, b)));

        /// <summary>Full mode: the fixture's resolvability of a pair, max |J_bug − J_hand| in units of ν_i/ε with
        /// ν_i = u·yscale_i the rounding of output i (0 for a pair the bug leaves alone).</summary>
        public double PairResolvability(string pair) =>
            IsBuggy && Bug.Resolvability.TryGetValue(pair, out var r) ? r : 0;

        /// <summary>The input blocks whose vjp the bug changes: the inputs of the pairs it changes.</summary>
        public string[] VjpChanged => !IsBuggy ? new string[0] : Bug.VjpResolvability.Keys.ToArray();

        /// <summary>VJP mode: the fixture's resolvability of an input block, max |g_bug − g_hand| in units of
        /// ν/ε with ν = u·Σ_i |dout_i|·yscale_i the rounding of ⟨dout, f⟩.</summary>
        public double VjpResolvability(string input) =>
            IsBuggy && Bug.VjpResolvability.TryGetValue(input, out var r) ? r : 0;

        /// <summary>max |g_bug − g| / max |g| over the input block, from the fixture.</summary>
        public double VjpEffect(string input) => IsBuggy && Bug.VjpEffect.TryGetValue(input, out var e) ? e : 0;

        /// <summary>The largest resolvability over what the bug changes, in the rule's mode.</summary>
        public double Resolvability(JacobianRule rule) => !IsBuggy ? 0
            : IsVjp(rule) ? VjpChanged.Select(VjpResolvability).DefaultIfEmpty(0).Max()
            : Bug.Changed.Select(PairResolvability).DefaultIfEmpty(0).Max();

        /// <summary>The resolvability rule: something the bug changes moves by more than c·ν/ε.</summary>
        public bool IsResolvable(JacobianRule rule) =>
            IsBuggy && Resolvability(rule) > JacobianJudge.ResolutionFactor;

        /// <summary>Pairs (or input blocks) named that the bug leaves unchanged; for a correct backward, all.</summary>
        public string[] Innocent(JacobianRule rule)
        {
            var changed = !IsBuggy ? new string[0] : IsVjp(rule) ? VjpChanged : Bug.Changed;
            return Verdict(rule).Named.Where(n => !changed.Contains(n)).ToArray();
        }

        /// <summary>Pairs (or input blocks) the bug changes by ≥ 1e-3 relative and resolvably that go
        /// unnamed.</summary>
        public string[] Unnamed(JacobianRule rule)
        {
            if (!IsBuggy) return new string[0];
            var named = new HashSet<string>(Verdict(rule).Named);
            if (IsVjp(rule))
                return VjpChanged.Where(b => VjpEffect(b) >= JacobianJudge.SmallEffect
                                             && VjpResolvability(b) > JacobianJudge.ResolutionFactor
                                             && !named.Contains(b)).ToArray();
            return Bug.Changed.Where(p => Bug.Effect[p] >= JacobianJudge.SmallEffect
                                          && PairResolvability(p) > JacobianJudge.ResolutionFactor
                                          && !named.Contains(p)).ToArray();
        }

        public JacobianOutcome OutcomeOf(JacobianRule rule)
        {
            var v = Verdict(rule).Verdict;
            if (!IsBuggy)
                return v == CheckVerdict.Correct ? JacobianOutcome.Clean
                    : v == CheckVerdict.Wrong ? JacobianOutcome.FalseAlarm : JacobianOutcome.CleanInconclusive;
            if (Bug.KinkOnly) return JacobianOutcome.KinkOnly;
            if (!IsResolvable(rule)) return JacobianOutcome.Unresolvable;
            if (v == CheckVerdict.Correct) return JacobianOutcome.Missed;
            if (v == CheckVerdict.Inconclusive) return JacobianOutcome.BugInconclusive;
            return Innocent(rule).Length == 0 && Unnamed(rule).Length == 0
                ? JacobianOutcome.Caught : JacobianOutcome.WronglyNamed;
        }

        /// <summary>Right: a correct backward called Correct, a resolvable bug caught and named right, or a bug
        /// tallied apart (unresolvable, kink-only).</summary>
        public bool IsRight(JacobianRule rule)
        {
            var o = OutcomeOf(rule);
            return o == JacobianOutcome.Clean || o == JacobianOutcome.Caught || o == JacobianOutcome.Unresolvable
                   || o == JacobianOutcome.KinkOnly;
        }

        /// <summary>A few lines on what our rule saw: the worst entries with the truth next to them.</summary>
        public string Explain(JacobianRule rule)
        {
            var text = new StringBuilder();
            var r = IsVjp(rule) ? Projected : Full;
            text.Append($"{Name} [{Case.Condition}{(string.IsNullOrEmpty(Case.Note) ? "" : ": " + Case.Note)}]");
            if (IsBuggy)
                text.Append($" bug: {Bug.Description}; changes {{{string.Join(", ", Bug.Changed)}}}, resolvability " +
                            $"{JacobianText.Number(Resolvability(rule))}");
            text.AppendLine();
            text.AppendLine($"  {rule}: {OutcomeOf(rule)}, verdict {Verdict(rule)}; difference " +
                            $"{JacobianText.Number(r.Difference)}, inconclusive entries {r.InconclusiveCount}; " +
                            $"pairs {string.Join(" ", r.Blocks.Select(b => b.Name + ":" + b.Verdict))}");
            text.AppendLine($"  message: {r.Message}");
            foreach (var e in r.Worst)
            {
                double truth = e.OutputPosition < 0 ? Case.Vjp[e.InputPosition]
                    : Case.J(e.OutputPosition, e.InputPosition);
                text.AppendLine($"    {e.Name}: analytic {JacobianText.Number(e.Analytic)}, numerical " +
                                $"{JacobianText.Number(e.Numerical)}, reference {JacobianText.Number(e.Reference)}, " +
                                $"tolerance {JacobianText.Number(e.Tolerance)}, {e.Verdict}; torch's truth " +
                                $"{JacobianText.Number(truth)}");
            }
            if (r.AnalyticJacobian == null) return text.ToString();
            // The worst entries do not list the unjudged ones: for each Inconclusive pair, its entries furthest
            // apart (relative) from their centred difference.
            foreach (var pair in r.Blocks.Where(b => b.Verdict == CheckVerdict.Inconclusive))
            {
                var o = Case.OutputLayout[pair.Output];
                var b = Case.InputLayout[pair.Input];
                var far = Enumerable.Range(o.Offset, o.Count)
                    .SelectMany(i => Enumerable.Range(b.Offset, b.Count).Select(j => (i, j)))
                    .Select(e => (e.i, e.j, a: r.AnalyticJacobian[e.i, e.j], n: r.NumericalJacobian[e.i, e.j]))
                    .OrderByDescending(e => Math.Abs(e.a - e.n) / Math.Max(Math.Max(Math.Abs(e.a), Math.Abs(e.n)),
                        double.Epsilon))
                    .Take(3);
                foreach (var e in far)
                    text.AppendLine($"    {pair.Name} (inconclusive pair) {Case.OutputLayout.EntryName(e.i)} ← " +
                                    $"{Case.InputLayout.EntryName(e.j)}: analytic {JacobianText.Number(e.a)}, " +
                                    $"numerical {JacobianText.Number(e.n)}, torch's truth " +
                                    $"{JacobianText.Number(Case.J(e.i, e.j))}; x = " +
                                    $"{JacobianText.Number(Case.X[e.j])}");
            }
            return text.ToString();
        }

        public override string ToString() =>
            $"{Name}: ours {Ours}, ours-vjp {OursVjp}, torch {Torch}, course {Course}";
    }

    /// <summary>Counts of one rule over a set of rows (a family, or all).</summary>
    public sealed class JacobianTally
    {
        public string Group { get; set; }

        public JacobianRule Rule { get; set; }

        public int Clean { get; set; }

        public int FalseAlarms { get; set; }

        public int CleanInconclusive { get; set; }

        public int Resolvable { get; set; }

        public int Missed { get; set; }

        public int BugInconclusive { get; set; }

        /// <summary>Resolvable bugs called Wrong.</summary>
        public int Caught { get; set; }

        public int WronglyNamed { get; set; }

        /// <summary>Of the resolvable bugs called Wrong, those naming something the bug leaves unchanged.</summary>
        public int InnocentBlamed { get; set; }

        public int Unresolvable { get; set; }

        public int UnresolvableCorrect { get; set; }

        public int UnresolvableWrong { get; set; }

        public int UnresolvableInconclusive { get; set; }

        public int KinkOnly { get; set; }

        public int KinkOnlyCorrect { get; set; }

        public int KinkOnlyWrong { get; set; }

        public int KinkOnlyInconclusive { get; set; }
    }

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
