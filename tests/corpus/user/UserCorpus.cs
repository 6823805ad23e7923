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
    public enum UserRule
    {
        /// <summary>GradientChecker's own verdict at ε = 1e-7, default options.</summary>
        Ours,

        /// <summary>The course's: Difference &lt; 2e-7 at ε = 1e-7.</summary>
        Course,

        /// <summary>torch's gradcheck defaults: every entry |a − n| ≤ 1e-5 + 1e-3·|n| at ε = 1e-6.</summary>
        Torch,
    }

    /// <summary>How a rule's verdict on one variant counts.</summary>
    public enum UserOutcome
    {
        /// <summary>Correct gradient, called Correct.</summary>
        Clean,

        /// <summary>Correct gradient, called Wrong.</summary>
        FalseAlarm,

        /// <summary>Correct gradient, called Inconclusive.</summary>
        CleanInconclusive,

        /// <summary>Resolvable bug, called Wrong, naming the blocks right.</summary>
        Caught,

        /// <summary>Resolvable bug, called Wrong, naming an unchanged block or leaving out a resolvable changed
        /// one.</summary>
        WronglyNamed,

        /// <summary>Resolvable bug, called Inconclusive.</summary>
        BugInconclusive,

        /// <summary>Resolvable bug, called Correct.</summary>
        Missed,

        /// <summary>A bug no finite difference at ε = 1e-7 can resolve (tallied apart, whatever the
        /// verdict).</summary>
        Unresolvable,
    }

    /// <summary>What one rule says: a verdict and the blocks it names as wrong.</summary>
    public sealed class UserVerdict
    {
        public CheckVerdict Verdict { get; set; }

        public string[] Named { get; set; }

        public override string ToString() => Verdict + (Named.Length > 0 ? " {" + string.Join(",", Named) + "}" : "");
    }

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

    /// <summary>Counts of one rule over a set of rows (a family, a condition, or all).</summary>
    public sealed class UserTally
    {
        public string Group { get; set; }

        public UserRule Rule { get; set; }

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
