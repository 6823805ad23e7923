// Part of the corpus in Float32Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>One variant of a case (its correct gradient, or one bug) checked and judged by every rule.</summary>
    public sealed class Float32Row
    {
        public Float32Case Case { get; set; }

        public Float32Numerics Numerics { get; set; }

        /// <summary>−1 for the correct gradient, else the index into <see cref="Float32Case.Bugs"/>.</summary>
        public int BugIndex { get; set; }

        public Float32Bug Bug => BugIndex < 0 ? null : Case.Bugs[BugIndex];

        public bool IsBuggy => BugIndex >= 0;

        public string Kind => IsBuggy ? Bug.Kind : "none";

        public string Name => Case.Id + (IsBuggy ? "/" + Bug.Kind : "/correct");

        public float[] Gradient => IsBuggy ? Bug.Gradient : Case.Correct;

        public GradientCheckResult Single { get; set; }

        public GradientCheckResult Default { get; set; }

        public GradientCheckResult Undeclared { get; set; }

        public Dictionary<Float32Rule, Float32Verdict> Verdicts { get; } =
            new Dictionary<Float32Rule, Float32Verdict>();

        /// <summary>JAX's two sides: ⟨v, ct·g⟩ and ct·(numerical JVP), in float32.</summary>
        public float JaxProduct { get; set; }

        public float JaxNumerical { get; set; }

        /// <summary>What torch.autograd.gradcheck itself said on torch's float32 forward (from the fixture).</summary>
        public bool TorchGradcheck => IsBuggy ? Bug.TorchGradcheck : Case.TorchGradcheck;

        public string[] TorchFailedOnTorch => IsBuggy ? Bug.TorchFailed : Case.TorchFailed;

        /// <summary>What the JAX emulation said on torch's float32 forward (from the fixture).</summary>
        public bool JaxPassedOnTorch => IsBuggy ? Bug.JaxPassed : Case.JaxPassed;

        public Float32Verdict Verdict(Float32Rule rule) => Verdicts[rule];

        public GradientCheckResult CheckOf(Float32Rule rule)
        {
            switch (rule)
            {
                case Float32Rule.OursSingle: return Single;
                case Float32Rule.OursDefault: return Default;
                case Float32Rule.OursUndeclared: return Undeclared;
                case Float32Rule.Torch:
                case Float32Rule.Jax:
                    return null;
                default: throw new ArgumentOutOfRangeException(nameof(rule), rule, "No such rule.");
            }
        }

        public double Effect => IsBuggy ? Bug.Effect : 0;

        public EffectSize EffectSize => Float32Judge.SizeOf(Effect);

        /// <summary>
        /// max over block b's entries of |g_bug,64 − g_truth|·hᵢ/ν, with hᵢ = BestStep·max(1, |θᵢ|) the float32
        /// step a centred difference can best resolve with: the move in units of the difference's rounding at that
        /// step (∞ when ν = 0 and it moves). It does not depend on the steps our checker takes.
        /// </summary>
        public double BlockResolvability(int b)
        {
            if (!IsBuggy) return 0;
            var block = Case.Layout.Blocks[b];
            double largest = 0;
            for (int i = block.Offset; i < block.Offset + block.Count; i++)
            {
                double h = BestStep * Math.Max(1, Math.Abs((double)Case.Theta[i]));
                largest = Math.Max(largest, Math.Abs(Bug.Gradient64[i] - Case.Truth[i]) * h);
            }
            return largest == 0 ? 0 : Numerics.Nu == 0 ? double.PositiveInfinity : largest / Numerics.Nu;
        }

        /// <summary>
        /// (3u)^⅓ with u = 2⁻²⁴, about 5.6e-3: the centred step that minimises truncation h²·|J‴|/6 plus rounding
        /// u·|J|/h for |J‴| ≈ |J|.
        /// </summary>
        public static readonly double BestStep = Math.Pow(3 * Math.Pow(2, -24), 1.0 / 3);

        public bool Changes(int b) => IsBuggy && Bug.Changed.Contains(Case.Layout.Blocks[b].Name);

        /// <summary>The largest resolvability over the blocks the bug changes.</summary>
        public double Resolvability => !IsBuggy ? 0 :
            Enumerable.Range(0, Case.Layout.Blocks.Count).Where(Changes).Select(BlockResolvability)
                .DefaultIfEmpty(0).Max();

        /// <summary>The resolvability rule: some entry of a block the bug changes moves by more than c·ν/h.</summary>
        public bool IsResolvable => IsBuggy && Resolvability > Float32Judge.ResolutionFactor;

        public double BlockChange(int b)
        {
            if (!IsBuggy) return 0;
            return Bug.Change.TryGetValue(Case.Layout.Blocks[b].Name, out var v) ? v : 0;
        }

        /// <summary>Blocks named that the bug leaves unchanged (for a correct gradient: every block named).</summary>
        public string[] Innocent(Float32Rule rule) =>
            Verdict(rule).Named.Where(n => !IsBuggy || !Bug.Changed.Contains(n)).ToArray();

        /// <summary>Blocks the bug changes by ≥ 1e-3 relative and resolvably that the rule does not name (none for
        /// JAX, which names no block).</summary>
        public string[] Unnamed(Float32Rule rule)
        {
            if (rule == Float32Rule.Jax) return new string[0];
            var named = new HashSet<string>(Verdict(rule).Named);
            return Enumerable.Range(0, Case.Layout.Blocks.Count)
                .Where(b => Changes(b) && BlockChange(b) >= Float32Judge.SmallEffect
                            && BlockResolvability(b) > Float32Judge.ResolutionFactor
                            && !named.Contains(Case.Layout.Blocks[b].Name))
                .Select(b => Case.Layout.Blocks[b].Name).ToArray();
        }

        public Float32Outcome OutcomeOf(Float32Rule rule)
        {
            var v = Verdict(rule).Verdict;
            if (!IsBuggy)
                return v == CheckVerdict.Correct ? Float32Outcome.Clean
                    : v == CheckVerdict.Wrong ? Float32Outcome.FalseAlarm : Float32Outcome.CleanInconclusive;
            if (!IsResolvable) return Float32Outcome.Unresolvable;
            if (v == CheckVerdict.Correct) return Float32Outcome.Missed;
            if (v == CheckVerdict.Inconclusive) return Float32Outcome.BugInconclusive;
            return Innocent(rule).Length == 0 && Unnamed(rule).Length == 0
                ? Float32Outcome.Caught : Float32Outcome.WronglyNamed;
        }

        /// <summary>Right: a correct gradient called Correct, a resolvable bug caught and named right, or
        /// unresolvable.</summary>
        public bool IsRight(Float32Rule rule)
        {
            var o = OutcomeOf(rule);
            return o == Float32Outcome.Clean || o == Float32Outcome.Caught || o == Float32Outcome.Unresolvable;
        }

        /// <summary>A few lines on what one of our checks saw: the worst entries with the truth next to them.</summary>
        public string Explain(Float32Rule rule = Float32Rule.OursSingle)
        {
            var text = new StringBuilder();
            text.Append($"{Name} [{Case.Condition}{(string.IsNullOrEmpty(Case.Note) ? "" : ": " + Case.Note)}]");
            if (IsBuggy)
                text.Append($" bug: {Bug.Description}; changes {{{string.Join(",", Bug.Changed)}}}, effect " +
                            $"{Float32Text.Number(Effect)}, resolvability {Float32Text.Number(Resolvability)}");
            text.AppendLine();
            var r = CheckOf(rule);
            if (r == null)
            {
                text.AppendLine($"  {rule}: {OutcomeOf(rule)}, verdict {Verdict(rule)}");
                return text.ToString();
            }
            double noise = Numerics.Nu == 0 ? double.NaN : r.CostNoise / Numerics.Nu;
            text.AppendLine($"  {rule}: {OutcomeOf(rule)}, verdict {Verdict(rule)}; precision {r.Precision}, " +
                            $"ε {Float32Text.Number(r.Epsilon)}, J = {Float32Text.Number(r.Cost)}, noise " +
                            $"{Float32Text.Number(r.CostNoise)} = {Float32Text.Number(noise)}·ν, difference " +
                            $"{Float32Text.Number(r.Difference)}, kinks {r.KinkCount}, " +
                            $"unresolved {r.UnresolvedCount}; " +
                            $"blocks {string.Join(" ", r.Blocks.Select(b => b.Name + ":" + b.Verdict))}");
            foreach (var e in r.Worst)
                text.AppendLine($"    {e.Name}: analytic {Float32Text.Number(e.Analytic)}, " +
                                $"numerical {Float32Text.Number(e.Numerical)}, " +
                                $"reference {Float32Text.Number(e.Reference)} ({e.Method}, " +
                                $"step {Float32Text.Number(e.Step)}{(e.Kink ? ", kink" : "")}), " +
                                $"tolerance {Float32Text.Number(e.Tolerance)}, " +
                                $"truth {Float32Text.Number(Case.Truth[e.Position])}");
            return text.ToString();
        }

        public override string ToString() =>
            Name + ": " + string.Join(", ", Float32Judge.Rules.Select(r => r + " " + Verdict(r)));
    }
}
