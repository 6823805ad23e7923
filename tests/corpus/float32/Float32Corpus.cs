// The float32 verdict corpus of issue 14: runs every case of Float32Layers.cs (its correct float32 gradient and each
// buggy one) through GradientChecker, and judges the results under these rules: ours with Precision.Single, ours at
// the default options (the layer wrapped by SinglePrecisionObjective, which declares single precision), ours on the
// same layer behind a double interface that declares nothing, torch.autograd.gradcheck's rule on float32 inputs and
// JAX's check_grads rule in float32 (both emulated here in float arithmetic on the same C# forward).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    public enum Float32Rule
    {
        /// <summary>GradientChecker's verdict with CheckOptions.Precision = Precision.Single.</summary>
        OursSingle,

        /// <summary>GradientChecker's verdict at the default options (Precision and ε left unset), on the layer
        /// wrapped by SinglePrecisionObjective.Wrap.</summary>
        OursDefault,

        /// <summary>GradientChecker's verdict at the default options on the layer behind a double interface that
        /// does not declare its precision (<see cref="UndeclaredFloat32Objective"/>).</summary>
        OursUndeclared,

        /// <summary>torch.autograd.gradcheck's defaults on a float32 input: θᵢ ± 1e-6 and the difference in float32,
        /// every entry |a − n| ≤ 1e-5 + 1e-3·|n|.</summary>
        Torch,

        /// <summary>JAX's check_grads(f, (θ,), order=1, modes=["rev"]) in float32: one random projection, eps =
        /// 1e-4, |ip − ip_num| ≤ 2e-3 + 2e-3·|ip_num|. It names no block.</summary>
        Jax,
    }

    /// <summary>How a rule's verdict on one variant counts.</summary>
    public enum Float32Outcome
    {
        /// <summary>Correct gradient, called Correct.</summary>
        Clean,

        /// <summary>Correct gradient, called Wrong.</summary>
        FalseAlarm,

        /// <summary>Correct gradient, called Inconclusive.</summary>
        CleanInconclusive,

        /// <summary>Resolvable bug, called Wrong, naming the blocks right (JAX: called Wrong).</summary>
        Caught,

        /// <summary>Resolvable bug, called Wrong, naming an unchanged block or leaving out a resolvable changed
        /// one.</summary>
        WronglyNamed,

        /// <summary>Resolvable bug, called Inconclusive.</summary>
        BugInconclusive,

        /// <summary>Resolvable bug, called Correct.</summary>
        Missed,

        /// <summary>A bug float32 cannot resolve by the rule of <see cref="Float32Judge.ResolutionFactor"/>
        /// (tallied apart, whatever the verdict).</summary>
        Unresolvable,
    }

    /// <summary>A bug's effect relative to its block, in the bins the targets speak of.</summary>
    public enum EffectSize
    {
        /// <summary>≥ 1e-2: must be caught.</summary>
        Large,

        /// <summary>1e-3 ≤ effect &lt; 1e-2.</summary>
        Small,

        /// <summary>&lt; 1e-3.</summary>
        Tiny,
    }

    /// <summary>What one rule says: a verdict and the blocks it names as wrong.</summary>
    public sealed class Float32Verdict
    {
        public CheckVerdict Verdict { get; set; }

        public string[] Named { get; set; }

        public override string ToString() => Verdict + (Named.Length > 0 ? " {" + string.Join(",", Named) + "}" : "");
    }

    /// <summary>The parts of torch's and JAX's rules that do not depend on the gradient, for one case and one
    /// forward.</summary>
    public sealed class Float32Numerics
    {
        /// <summary>torch's numerical derivative: ((J(θᵢ + 1e-6) − J(θᵢ − 1e-6)) / 2e-6, all in float32.</summary>
        public float[] Torch { get; set; }

        /// <summary>JAX's numerical JVP along the tangent: (J(θ + 1e-4·v) − J(θ − 1e-4·v)) · 5000, in
        /// float32.</summary>
        public float Jvp { get; set; }

        /// <summary>|J_C# − J_torch| over θ and the probes, in units of max(ulp(J), σ_torch).</summary>
        public double Fidelity { get; set; }

        /// <summary>The largest |J_C# − J_torch| over θ and the probes, in float32 ulps of J.</summary>
        public double FidelityUlps { get; set; }

        /// <summary>The RMS of J_C#32 − J_torch64 over the probes: the C# float32 forward's own rounding.</summary>
        public double Sigma { get; set; }

        /// <summary>The RMS of J_torch32 − J_torch64 over the probes: torch's float32 forward's rounding.</summary>
        public double TorchSigma { get; set; }

        /// <summary>The spacing of floats at |J|.</summary>
        public double Ulp { get; set; }

        /// <summary>ν = max(2⁻²⁴·|J|, σ): the rounding of one float32 cost.</summary>
        public double Nu { get; set; }
    }

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

    /// <summary>Counts of one rule over a set of rows (a family, a condition, an effect size, or all).</summary>
    public sealed class Float32Tally
    {
        public string Group { get; set; }

        public Float32Rule Rule { get; set; }

        public int Clean { get; set; }

        public int FalseAlarms { get; set; }

        public int CleanInconclusive { get; set; }

        public int Resolvable { get; set; }

        public int Missed { get; set; }

        public int BugInconclusive { get; set; }

        /// <summary>Resolvable bugs called Wrong.</summary>
        public int Caught { get; set; }

        public int WronglyNamed { get; set; }

        /// <summary>Of the caught resolvable bugs, those naming a block the bug leaves unchanged.</summary>
        public int InnocentBlamed { get; set; }

        public int Unresolvable { get; set; }

        public int UnresolvableCorrect { get; set; }

        public int UnresolvableWrong { get; set; }

        public int UnresolvableInconclusive { get; set; }
    }

    public static class Float32Judge
    {
        public const float TorchEpsilon = 1e-6f;
        public const float TorchAbsoluteTolerance = 1e-5f;
        public const float TorchRelativeTolerance = 1e-3f;

        /// <summary>jax._src.public_test_util.EPS, check_grads' step when eps is None.</summary>
        public const float JaxEpsilon = 1e-4f;

        /// <summary>jax._src.public_test_util.default_gradient_tolerance[float32], both atol and rtol.</summary>
        public const float JaxTolerance = 2e-3f;

        /// <summary>2⁻²⁴, the rounding of one float32 operation relative to its result.</summary>
        public const double FloatRoundoff = 5.9604644775390625e-8;

        /// <summary>
        /// c of the resolvability rule: a bug is resolvable when some entry of a block it changes moves by more than
        /// c·ν/h, with h the float32 step and ν the rounding of one float32 cost. A centred difference carries about
        /// ν/h of rounding from its two evaluations; at c = 10 the bug stands well clear of that.
        /// </summary>
        public const double ResolutionFactor = 10;

        /// <summary>Blocks changed by less than this (relative) need not be named; bugs of effect below it are
        /// Tiny.</summary>
        public const double SmallEffect = 1e-3;

        /// <summary>Bugs of effect at least this (relative to their block) must be caught.</summary>
        public const double LargeEffect = 1e-2;

        /// <summary>How far the C# float32 cost may be from torch's: this many times max(ulp(J), σ_torch).</summary>
        public const double FidelityFactor = 6;

        public static readonly Float32Rule[] Rules =
        {
            Float32Rule.OursSingle, Float32Rule.OursDefault, Float32Rule.OursUndeclared, Float32Rule.Torch,
            Float32Rule.Jax,
        };

        public static EffectSize SizeOf(double effect) =>
            effect >= LargeEffect ? EffectSize.Large : effect >= SmallEffect ? EffectSize.Small : EffectSize.Tiny;

        public static string Title(Float32Rule rule)
        {
            switch (rule)
            {
                case Float32Rule.OursSingle: return "GradCheck, Precision = Single";
                case Float32Rule.OursDefault: return "GradCheck, default options (declared Single)";
                case Float32Rule.OursUndeclared: return "GradCheck, default options (undeclared float32)";
                case Float32Rule.Torch: return "torch (|a−n| ≤ 1e-5 + 1e-3·|n|, ε = 1e-6, float32)";
                case Float32Rule.Jax: return "JAX (one projection, tol 2e-3, ε = 1e-4, float32)";
                default: throw new ArgumentOutOfRangeException(nameof(rule), rule, "No such rule.");
            }
        }

        /// <summary>The spacing of floats at |x| (the distance to the next float away from 0).</summary>
        public static double Ulp(double x)
        {
            float f = Math.Abs((float)x);
            if (float.IsInfinity(f) || float.IsNaN(f)) return double.NaN;
            float next = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(f) + 1);
            return (double)next - f;
        }

        /// <summary>The gradient-free parts of the rules for a case, on the C# forward, and its fidelity to
        /// torch's.</summary>
        public static Float32Numerics Numerics(Float32Case c)
        {
            var layer = Float32Layer.Create(c);
            var theta = c.Theta;
            var torch = new float[theta.Length];
            var t = (float[])theta.Clone();
            for (int i = 0; i < theta.Length; i++)
            {
                // entry.copy_(orig − eps), then orig + eps: the perturbed entry rounded to float32, the difference
                // and the division by 2·eps in float32, as gradcheck does for a float32 input.
                t[i] = theta[i] - TorchEpsilon;
                float a = layer.Cost(t);
                t[i] = theta[i] + TorchEpsilon;
                float b = layer.Cost(t);
                t[i] = theta[i];
                torch[i] = (b - a) / (2 * TorchEpsilon);
            }
            var plus = new float[theta.Length];
            var minus = new float[theta.Length];
            for (int i = 0; i < theta.Length; i++)
            {
                float delta = c.JaxTangent[i] * JaxEpsilon;
                plus[i] = theta[i] + delta;
                minus[i] = theta[i] - delta;
            }
            float fp = layer.Cost(plus), fm = layer.Cost(minus);
            // _safe_subtract: equal costs give 0 (inf − inf too); 0.5/eps rounded to float32 is 5000.
            float jvp = (fp == fm ? 0f : fp - fm) * (float)(0.5 / 1e-4);
            double ulp = Ulp(c.J), worst = 0, sigma = 0, torchSigma = 0;
            worst = Math.Abs(layer.Cost(theta) - c.J);
            foreach (var p in c.Probes)
            {
                double j = layer.Cost(p.Theta);
                worst = Math.Max(worst, Math.Abs(j - p.J));
                sigma += (j - p.J64) * (j - p.J64);
                torchSigma += (p.J - p.J64) * (p.J - p.J64);
            }
            sigma = Math.Sqrt(sigma / c.Probes.Length);
            torchSigma = Math.Sqrt(torchSigma / c.Probes.Length);
            return new Float32Numerics
            {
                Torch = torch,
                Jvp = jvp,
                Fidelity = worst / Math.Max(ulp, torchSigma),
                FidelityUlps = worst / ulp,
                Sigma = sigma,
                TorchSigma = torchSigma,
                Ulp = ulp,
                Nu = Math.Max(FloatRoundoff * Math.Abs(c.J), sigma),
            };
        }

        /// <summary>Checks one variant with our three setups and judges it by every rule.</summary>
        public static Float32Row Run(Float32Case c, int bugIndex, Float32Numerics numerics)
        {
            var gradient = bugIndex < 0 ? c.Correct : c.Bugs[bugIndex].Gradient;
            var layer = Float32Layer.Create(c, gradient);
            var wrapped = SinglePrecisionObjective.Wrap(layer);
            var row = new Float32Row { Case = c, BugIndex = bugIndex, Numerics = numerics };
            row.Single = new GradientChecker(new CheckOptions { Precision = Precision.Single })
                .Check(wrapped, c.ThetaDouble);
            row.Default = new GradientChecker(new CheckOptions()).Check(wrapped, c.ThetaDouble);
            row.Undeclared = new GradientChecker(new CheckOptions())
                .Check(new UndeclaredFloat32Objective(layer), c.ThetaDouble);
            row.Verdicts[Float32Rule.OursSingle] = Ours(row.Single);
            row.Verdicts[Float32Rule.OursDefault] = Ours(row.Default);
            row.Verdicts[Float32Rule.OursUndeclared] = Ours(row.Undeclared);
            row.Verdicts[Float32Rule.Torch] = TorchVerdict(c.Layout, gradient, numerics.Torch);
            row.Verdicts[Float32Rule.Jax] = JaxVerdict(c, gradient, numerics.Jvp, out float product, out float num);
            row.JaxProduct = product;
            row.JaxNumerical = num;
            return row;
        }

        private static Float32Verdict Ours(GradientCheckResult r) =>
            new Float32Verdict { Verdict = r.Verdict, Named = (string[])r.FailedBlocks.Clone() };

        /// <summary>torch.allclose(a, n, rtol, atol) entry by entry, in float32, naming the blocks that
        /// fail.</summary>
        public static Float32Verdict TorchVerdict(ParameterLayout layout, float[] analytic, float[] numerical)
        {
            var named = new List<string>();
            foreach (var block in layout.Blocks)
                for (int i = block.Offset; i < block.Offset + block.Count; i++)
                {
                    float a = analytic[i], n = numerical[i];
                    if (!(a == n || Math.Abs(a - n) <= TorchAbsoluteTolerance + TorchRelativeTolerance * Math.Abs(n)))
                    {
                        named.Add(block.Name);
                        break;
                    }
                }
            return new Float32Verdict
            {
                Verdict = named.Count == 0 ? CheckVerdict.Correct : CheckVerdict.Wrong,
                Named = named.ToArray(),
            };
        }

        /// <summary>check_vjp's cotangent projection: ip = ⟨v, ct·g⟩ against ip_num = ct·(numerical JVP), both in
        /// float32, by numpy's isclose (|ip − ip_num| ≤ tol + tol·|ip_num|).</summary>
        public static Float32Verdict JaxVerdict(Float32Case c, float[] gradient, float jvp, out float product,
            out float numerical)
        {
            float ip = 0;
            for (int i = 0; i < gradient.Length; i++) ip += c.JaxTangent[i] * (gradient[i] * c.JaxCotangent);
            float ipNum = jvp * c.JaxCotangent;
            product = ip;
            numerical = ipNum;
            bool pass = Math.Abs(ip - ipNum) <= JaxTolerance + JaxTolerance * Math.Abs(ipNum);
            return new Float32Verdict
            {
                Verdict = pass ? CheckVerdict.Correct : CheckVerdict.Wrong,
                Named = new string[0],
            };
        }

        /// <summary>Every variant of every case: the correct gradient first, then each bug.</summary>
        public static Float32Row[] RunAll(IEnumerable<Float32Case> cases) =>
            cases.SelectMany(c =>
            {
                var numerics = Numerics(c);
                return Enumerable.Range(-1, c.Bugs.Length + 1).Select(b => Run(c, b, numerics));
            }).ToArray();

        public static Float32Tally Tally(string group, Float32Rule rule, IEnumerable<Float32Row> rows)
        {
            var t = new Float32Tally { Group = group, Rule = rule };
            foreach (var row in rows)
            {
                var o = row.OutcomeOf(rule);
                if (!row.IsBuggy) t.Clean++;
                else if (row.IsResolvable) t.Resolvable++;
                else t.Unresolvable++;
                switch (o)
                {
                    case Float32Outcome.Clean: break;
                    case Float32Outcome.FalseAlarm: t.FalseAlarms++; break;
                    case Float32Outcome.CleanInconclusive: t.CleanInconclusive++; break;
                    case Float32Outcome.Missed: t.Missed++; break;
                    case Float32Outcome.BugInconclusive: t.BugInconclusive++; break;
                    case Float32Outcome.Caught: t.Caught++; break;
                    case Float32Outcome.WronglyNamed:
                        t.Caught++;
                        t.WronglyNamed++;
                        if (row.Innocent(rule).Length > 0) t.InnocentBlamed++;
                        break;
                    case Float32Outcome.Unresolvable:
                        var v = row.Verdict(rule).Verdict;
                        if (v == CheckVerdict.Correct) t.UnresolvableCorrect++;
                        else if (v == CheckVerdict.Wrong) t.UnresolvableWrong++;
                        else t.UnresolvableInconclusive++;
                        break;
                    default: throw new ArgumentOutOfRangeException(nameof(rows), o, "No such outcome.");
                }
            }
            return t;
        }
    }

    internal static class Float32Text
    {
        public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
    }
}
