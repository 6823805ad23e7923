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
