// Part of the corpus in Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Corpus
{
    /// <summary>One case judged by every rule.</summary>
    public sealed class CaseRow
    {
        public CorpusCase Case { get; set; }

        public int Id => Case.Id;

        public BugKind Kind => Case.Kind;

        public double Effect => Case.Effect;

        public bool IsBuggy => Case.IsBuggy;

        public bool NearKink => Case.NearKink;

        public string[] AffectedBlocks => Case.AffectedBlocks;

        /// <summary>The check at ε = 1e-7 with default options (ours and the course's rule).</summary>
        public GradientCheckResult Check { get; set; }

        /// <summary>The check at ε = 1e-6 (torch's rule).</summary>
        public GradientCheckResult TorchCheck { get; set; }

        public RuleVerdict GradCheck { get; set; }

        public RuleVerdict Course { get; set; }

        public RuleVerdict Torch { get; set; }

        public RuleVerdict Verdict(VerdictRule rule) =>
            rule == VerdictRule.GradCheck ? GradCheck : rule == VerdictRule.Course ? Course : Torch;

        public Outcome OutcomeOf(VerdictRule rule)
        {
            var v = Verdict(rule);
            if (!IsBuggy) return v.Passed ? Outcome.Clean : Outcome.FalseAlarm;
            if (v.Passed)
                return Effect < VerdictCorpus.SmallEffect ? Outcome.MissedSmall
                    : IsBelowResolution ? Outcome.BelowResolution : Outcome.Missed;
            return NamesResolvableBlocks(rule) ? Outcome.Caught : Outcome.WronglyNamed;
        }

        /// <summary>
        /// Every block the bug changes by ≥ 1e-3 has resolvability below <see cref="VerdictCorpus.ResolutionLimit"/>.
        /// </summary>
        public bool IsBelowResolution =>
            Enumerable.Range(0, Case.Layout.Blocks.Count).Where(b => Case.BlockChange[b] >= VerdictCorpus.SmallEffect)
                .All(b => BlockResolvability(b) < VerdictCorpus.ResolutionLimit);

        /// <summary>
        /// The naming rule: every block named is changed by the bug, and every block the bug changes by ≥ 1e-3 and
        /// that a finite difference can resolve (resolvability ≥ 1) is named.
        /// </summary>
        public bool NamesResolvableBlocks(VerdictRule rule)
        {
            var v = Verdict(rule);
            var named = new HashSet<string>(v.Named, StringComparer.OrdinalIgnoreCase);
            for (int b = 0; b < Case.Layout.Blocks.Count; b++)
            {
                string name = Case.Layout.Blocks[b].Name;
                double change = Case.BlockChange[b];
                if (named.Contains(name) && change == 0) return false;
                if (!named.Contains(name) && change >= VerdictCorpus.SmallEffect
                    && BlockResolvability(b) >= VerdictCorpus.ResolutionLimit)
                    return false;
            }
            return true;
        }

        /// <summary>
        /// Whether the named blocks are exactly the blocks the bug changes at all (the strictest naming).
        /// </summary>
        public bool NamesExactly(VerdictRule rule) =>
            Verdict(rule).Named.OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                .SequenceEqual(AffectedBlocks.OrderBy(n => n, StringComparer.OrdinalIgnoreCase),
                    StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Whether a caught bug's named blocks include every block the bug changes by ≥ 1e-3 and nothing it leaves
        /// alone: the naming rule with blocks that change only slightly excused. False for clean or missed cases.
        /// </summary>
        public bool NamesMajorBlocks(VerdictRule rule)
        {
            var v = Verdict(rule);
            if (!IsBuggy || v.Passed) return false;
            var names = Case.Layout.Blocks.Select(b => b.Name).ToList();
            var named = new HashSet<string>(v.Named, StringComparer.OrdinalIgnoreCase);
            for (int b = 0; b < names.Count; b++)
            {
                double change = Case.BlockChange[b];
                if (named.Contains(names[b]) && change == 0) return false;
                if (!named.Contains(names[b]) && change >= VerdictCorpus.SmallEffect) return false;
            }
            return true;
        }

        /// <summary>
        /// How visible the bug is to any finite difference at ε = 1e-7: max_i |g_bug,i − g_i| over u·|J|/ε, the change
        /// of a centred difference that one rounding unit of J makes. Below 1 the bug moves J(θ ± ε)
        /// by less than an ulp.
        /// </summary>
        public double Resolvability
        {
            get
            {
                double largest = 0;
                for (int i = 0; i < Case.Gradient.Length; i++)
                    largest = Math.Max(largest, Math.Abs(Case.Gradient[i] - Case.CleanGradient[i]));
                double unit = VerdictCorpus.UnitRoundoff * Math.Abs(Check.Cost) / Check.Epsilon;
                return largest == 0 ? 0 : unit == 0 ? double.PositiveInfinity : largest / unit;
            }
        }

        /// <summary>
        /// <see cref="Resolvability"/> restricted to block <paramref name="block"/> (its index in the layout).
        /// </summary>
        public double BlockResolvability(int block)
        {
            var b = Case.Layout.Blocks[block];
            double largest = 0;
            for (int i = b.Offset; i < b.Offset + b.Count; i++)
                largest = Math.Max(largest, Math.Abs(Case.Gradient[i] - Case.CleanGradient[i]));
            double unit = VerdictCorpus.UnitRoundoff * Math.Abs(Check.Cost) / Check.Epsilon;
            return largest == 0 ? 0 : unit == 0 ? double.PositiveInfinity : largest / unit;
        }

        /// <summary>
        /// The cost's measured noise (ECnoise) in units of u·|J|: about 1 for a well-measured cost, far above when
        /// something else was measured.
        /// </summary>
        public double NoiseRatio =>
            Check.Cost == 0 ? double.NaN : Check.CostNoise / (VerdictCorpus.UnitRoundoff * Math.Abs(Check.Cost));

        /// <summary>
        /// Whether the rule got the case right: passed a clean case, or failed a buggy one naming exactly the
        /// affected blocks.
        /// </summary>
        public bool IsRight(VerdictRule rule)
        {
            var o = OutcomeOf(rule);
            return o == Outcome.Clean || o == Outcome.Caught;
        }

        /// <summary>A few lines on what the rule saw: the worst entries with their numbers and tolerance.</summary>
        public string Explain(VerdictRule rule)
        {
            var text = new StringBuilder();
            var v = Verdict(rule);
            text.Append(
                $"{Case} | effect {CorpusText.Number(Effect)}; affected {{{string.Join(",", AffectedBlocks)}}}");
            if (IsBuggy)
            {
                var changes = Case.Layout.Blocks.Select((b, i) => new { b.Name, Change = Case.BlockChange[i] })
                    .Where(x => x.Change > 0);
                text.Append($" (block changes " +
                    $"{string.Join(", ", changes.Select(x => x.Name + " " + CorpusText.Number(x.Change)))}); " +
                    $"resolvability {CorpusText.Number(Resolvability)}");
            }
            text.Append($"; J = {CorpusText.Number(Check.Cost)}, its noise (ECnoise) " +
                $"{CorpusText.Number(Check.CostNoise)} = {CorpusText.Number(NoiseRatio)}·u|J|; " +
                $"nearest kink |z| = {CorpusText.Number(Case.NearestKink)}");
            text.AppendLine();
            text.Append($"  {Rules.Title(rule)}: {OutcomeOf(rule)}, {(v.Passed ? "passed" : "failed")}, " +
                $"named {{{string.Join(",", v.Named)}}}");
            if (rule == VerdictRule.Course) text.Append($"; difference {CorpusText.Number(Check.Difference)}");
            text.AppendLine();
            if (rule == VerdictRule.GradCheck)
            {
                foreach (var e in Check.Worst)
                    text.AppendLine($"    {e.Name}: analytic {CorpusText.Number(e.Analytic)}, " +
                        $"numerical {CorpusText.Number(e.Numerical)}, |Δ| {CorpusText.Number(e.AbsError)}, " +
                        $"tolerance {CorpusText.Number(e.Tolerance)}, " +
                        $"exact {CorpusText.Number(Case.CleanGradient[e.Position])}");
                // The blocks named wrongly: affected but not named, or named but untouched by the bug.
                var named = new HashSet<string>(v.Named, StringComparer.OrdinalIgnoreCase);
                for (int b = 0; b < Check.Blocks.Length; b++)
                {
                    var block = Check.Blocks[b];
                    bool affected = Case.BlockChange[b] > 0;
                    if (affected == named.Contains(block.Name)) continue;
                    int worst = WorstBugEntry(b);
                    text.Append($"    {(affected ? "not named" : "named, unaffected")} {block.Name}: " +
                        $"block change {CorpusText.Number(Case.BlockChange[b])}, " +
                        $"resolvability {CorpusText.Number(BlockResolvability(b))}, " +
                        $"max |Δ|/tolerance {CorpusText.Number(block.MaxToleranceRatio)}");
                    if (worst >= 0)
                        text.Append($"; {Case.Layout.EntryName(worst)}: " +
                            $"analytic {CorpusText.Number(Case.Gradient[worst])}, " +
                            $"numerical {CorpusText.Number(Check.Numerical[worst])}, " +
                            $"exact {CorpusText.Number(Case.CleanGradient[worst])}");
                    text.AppendLine();
                }
            }
            else
            {
                var r = rule == VerdictRule.Course ? Check : TorchCheck;
                for (int b = 0; b < r.Blocks.Length; b++)
                    text.AppendLine($"    {r.Blocks[b].Name}: " +
                        $"difference {CorpusText.Number(r.Blocks[b].Difference)}, " +
                        $"max |Δ| {CorpusText.Number(r.Blocks[b].MaxAbsError)}, " +
                        $"change by the bug {CorpusText.Number(Case.BlockChange[b])}");
            }
            return text.ToString();
        }

        /// <summary>
        /// The entry of block <paramref name="block"/> that the bug moves most (−1 when it moves none).
        /// </summary>
        private int WorstBugEntry(int block)
        {
            var b = Case.Layout.Blocks[block];
            int worst = -1;
            double largest = 0;
            for (int i = b.Offset; i < b.Offset + b.Count; i++)
            {
                double d = Math.Abs(Case.Gradient[i] - Case.CleanGradient[i]);
                if (d > largest) { largest = d; worst = i; }
            }
            return worst;
        }

        public override string ToString() =>
            $"{Id} {Kind} effect={CorpusText.Number(Effect)} ours={GradCheck} course={Course} torch={Torch}";
    }
}
