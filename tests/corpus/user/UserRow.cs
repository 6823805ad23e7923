// Part of the corpus in UserCorpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>One variant of a case (its correct gradient, or one bug) checked and judged by every rule.</summary>
    public sealed class UserRow
    {
        public UserCase Case { get; set; }

        /// <summary>−1 for the correct gradient, else the index into <see cref="UserCase.Bugs"/>.</summary>
        public int BugIndex { get; set; }

        public UserBug Bug => BugIndex < 0 ? null : Case.Bugs[BugIndex];

        public bool IsBuggy => BugIndex >= 0;

        public string Kind => IsBuggy ? Bug.Kind : "none";

        public string Name => Case.Id + (IsBuggy ? "/" + Bug.Kind : "/correct");

        public double[] Gradient => IsBuggy ? Bug.Gradient : Case.Truth;

        public GradientCheckResult Check { get; set; }

        public GradientCheckResult TorchCheck { get; set; }

        public UserVerdict Ours { get; set; }

        public UserVerdict Course { get; set; }

        public UserVerdict Torch { get; set; }

        public UserVerdict Verdict(UserRule rule) =>
            rule == UserRule.Ours ? Ours : rule == UserRule.Course ? Course : Torch;

        /// <summary>ν: the rounding of one evaluation of the cost, u·|J|, or 2⁻²⁴·|J| for a float32-rounded
        /// cost.</summary>
        public double Rounding => (Case.Float32 ? UserJudge.FloatRoundoff : UserJudge.UnitRoundoff) * Math.Abs(Case.J);

        /// <summary>max over block b of |g_bug − g_truth| in units of ν/ε (ε = 1e-7): ∞ when ν = 0 and it
        /// moves.</summary>
        public double BlockResolvability(int b)
        {
            if (!IsBuggy) return 0;
            var block = Case.Layout.Blocks[b];
            double largest = 0;
            for (int i = block.Offset; i < block.Offset + block.Count; i++)
                largest = Math.Max(largest, Math.Abs(Bug.Gradient[i] - Case.Truth[i]));
            double unit = Rounding / UserJudge.Epsilon;
            return largest == 0 ? 0 : unit == 0 ? double.PositiveInfinity : largest / unit;
        }

        /// <summary>The largest resolvability over the blocks the bug changes.</summary>
        public double Resolvability => !IsBuggy ? 0 :
            Enumerable.Range(0, Case.Layout.Blocks.Count).Where(b => Changes(b)).Select(BlockResolvability)
                .DefaultIfEmpty(0).Max();

        /// <summary>The resolvability rule: some block the bug changes moves by more than c·ν/ε.</summary>
        public bool IsResolvable => IsBuggy && Resolvability > UserJudge.ResolutionFactor;

        public bool Changes(int b) => IsBuggy && Bug.Changed.Contains(Case.Layout.Blocks[b].Name);

        public double BlockChange(int b)
        {
            if (!IsBuggy) return 0;
            return Bug.Change.TryGetValue(Case.Layout.Blocks[b].Name, out var v) ? v : 0;
        }

        /// <summary>Blocks named that the bug leaves unchanged (for a correct gradient: every block named).</summary>
        public string[] Innocent(UserRule rule) =>
            Verdict(rule).Named.Where(n => !IsBuggy || !Bug.Changed.Contains(n)).ToArray();

        /// <summary>Blocks the bug changes by ≥ 1e-3 relative and resolvably that the rule does not name.</summary>
        public string[] Unnamed(UserRule rule)
        {
            var named = new HashSet<string>(Verdict(rule).Named);
            return Enumerable.Range(0, Case.Layout.Blocks.Count)
                .Where(b => Changes(b) && BlockChange(b) >= UserJudge.SmallEffect
                            && BlockResolvability(b) > UserJudge.ResolutionFactor
                            && !named.Contains(Case.Layout.Blocks[b].Name))
                .Select(b => Case.Layout.Blocks[b].Name).ToArray();
        }

        public UserOutcome OutcomeOf(UserRule rule)
        {
            var v = Verdict(rule).Verdict;
            if (!IsBuggy)
                return v == CheckVerdict.Correct ? UserOutcome.Clean
                    : v == CheckVerdict.Wrong ? UserOutcome.FalseAlarm : UserOutcome.CleanInconclusive;
            if (!IsResolvable) return UserOutcome.Unresolvable;
            if (v == CheckVerdict.Correct) return UserOutcome.Missed;
            if (v == CheckVerdict.Inconclusive) return UserOutcome.BugInconclusive;
            return Innocent(rule).Length == 0 && Unnamed(rule).Length == 0
                ? UserOutcome.Caught : UserOutcome.WronglyNamed;
        }

        /// <summary>Right: a correct gradient called Correct, a resolvable bug caught and named right, or
        /// unresolvable.</summary>
        public bool IsRight(UserRule rule)
        {
            var o = OutcomeOf(rule);
            return o == UserOutcome.Clean || o == UserOutcome.Caught || o == UserOutcome.Unresolvable;
        }

        /// <summary>The check's noise estimate in units of ν (NaN when J = 0 or unmeasured).</summary>
        public double NoiseRatio => Rounding == 0 ? double.NaN : Check.CostNoise / Rounding;

        /// <summary>A few lines on what our rule saw: the worst entries with the truth next to them.</summary>
        public string Explain(UserRule rule = UserRule.Ours)
        {
            var text = new StringBuilder();
            var r = rule == UserRule.Torch ? TorchCheck : Check;
            text.Append($"{Name} [{Case.Condition}{(string.IsNullOrEmpty(Case.Note) ? "" : ": " + Case.Note)}]");
            if (IsBuggy)
                text.Append($" bug: {Bug.Description}; changes {{{string.Join(",", Bug.Changed)}}}, " +
                            $"resolvability {UserText.Number(Resolvability)}");
            text.AppendLine();
            text.AppendLine($"  {rule}: {OutcomeOf(rule)}, verdict {Verdict(rule)}; J = {UserText.Number(r.Cost)}, " +
                            $"noise {UserText.Number(r.CostNoise)} = {UserText.Number(NoiseRatio)}·ν, difference " +
                            $"{UserText.Number(r.Difference)}, kinks {r.KinkCount}, unresolved {r.UnresolvedCount}; " +
                            $"blocks {string.Join(" ", r.Blocks.Select(b => b.Name + ":" + b.Verdict))}");
            foreach (var e in r.Worst)
                text.AppendLine($"    {e.Name}: analytic {UserText.Number(e.Analytic)}, " +
                                $"numerical {UserText.Number(e.Numerical)}, " +
                                $"reference {UserText.Number(e.Reference)} ({e.Method}, " +
                                $"step {UserText.Number(e.Step)}" +
                                $"{(e.Kink ? ", kink" : "")}), tolerance {UserText.Number(e.Tolerance)}, " +
                                $"truth {UserText.Number(Case.Truth[e.Position])}");
            return text.ToString();
        }

        public override string ToString() => $"{Name}: ours {Ours}, course {Course}, torch {Torch}";
    }
}
