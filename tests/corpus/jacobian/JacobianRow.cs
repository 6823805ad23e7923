// Part of the corpus in JacobianCorpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
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
}
