// The verdict corpus of issue 4: random small networks, many of them with a ReLU right next to its kink,
// half of them with one realistic backprop bug, and three rules that judge each check. Plain C# against
// GradCheck.Core's public API only, so that Add-Type compiles it against the module's own GradCheck.Core.dll.
using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Corpus
{
    /// <summary>Runs cases under the three rules and tallies them.</summary>
    public static class VerdictCorpus
    {
        /// <summary>Bugs below this block-relative effect are tallied apart.</summary>
        public const double SmallEffect = 1e-3;

        /// <summary>
        /// A block is resolvable when its bug moves a centred difference by at least this many rounding units of J.
        /// </summary>
        public const double ResolutionLimit = 1.0;

        /// <summary>u = 2⁻⁵², the spacing of doubles at 1.</summary>
        public const double UnitRoundoff = 2.220446049250313e-16;

        /// <summary>
        /// Checks the case twice (ε = 1e-7 with default options, ε = 1e-6 for torch's rule) and judges it.
        /// </summary>
        public static CaseRow Run(CorpusCase c)
        {
            var network = c.CreateNetwork();
            var theta = network.ToParameterVector().Values;
            var objective = network.CreateObjective();
            var check = new GradientChecker().Check(objective, theta, (double[])c.Gradient.Clone());
            var torch = new GradientChecker(new CheckOptions { Epsilon = Rules.TorchEpsilon })
                .Check(objective, theta, (double[])c.Gradient.Clone());
            return Judge(c, check, torch);
        }

        /// <summary>Judges a case from its two checks, however they were run (C# or Test-Gradient).</summary>
        public static CaseRow Judge(CorpusCase c, GradientCheckResult check, GradientCheckResult torchCheck)
        {
            if (check.Epsilon != Rules.CourseEpsilon)
                throw new ArgumentException(
                    $"The default check must use ε = {Rules.CourseEpsilon}; it used {check.Epsilon}.", nameof(check));
            if (torchCheck.Epsilon != Rules.TorchEpsilon)
                throw new ArgumentException(
                    $"torch's rule needs ε = {Rules.TorchEpsilon}; the check used {torchCheck.Epsilon}.",
                    nameof(torchCheck));
            return new CaseRow
            {
                Case = c,
                Check = check,
                TorchCheck = torchCheck,
                GradCheck = Rules.GradCheck(check),
                Course = Rules.Course(check),
                Torch = Rules.Torch(torchCheck),
            };
        }

        public static CaseRow[] RunAll(IEnumerable<CorpusCase> cases) => cases.Select(Run).ToArray();

        public static RuleTally[] Tally(IEnumerable<CaseRow> rows)
        {
            var list = rows.ToList();
            return Rules.All.Select(rule =>
            {
                var t = new RuleTally { Rule = rule, Cases = list.Count };
                foreach (var row in list)
                {
                    if (!row.IsBuggy) t.CleanCases++;
                    else if (row.Effect >= SmallEffect)
                    {
                        t.LargeBugs++;
                        if (row.IsBelowResolution) t.UnresolvableBugs++;
                    }
                    else t.SmallBugs++;
                    switch (row.OutcomeOf(rule))
                    {
                        case Outcome.FalseAlarm: t.FalseAlarms++; break;
                        case Outcome.Missed: t.Missed++; break;
                        case Outcome.MissedSmall: t.MissedSmall++; break;
                        case Outcome.BelowResolution: t.BelowResolution++; break;
                        case Outcome.Caught: t.Caught++; break;
                        case Outcome.WronglyNamed:
                            t.Caught++;
                            t.WronglyNamed++;
                            if (row.NamesMajorBlocks(rule)) t.WronglyNamedOnlyMinorBlocks++;
                            break;
                    }
                }
                return t;
            }).ToArray();
        }

        public static KindTally[] ByKind(IEnumerable<CaseRow> rows)
        {
            var list = rows.ToList();
            var result = new List<KindTally>();
            foreach (BugKind kind in Enum.GetValues(typeof(BugKind)))
                foreach (var rule in Rules.All)
                {
                    var of = list.Where(r => r.Kind == kind).ToList();
                    result.Add(new KindTally
                    {
                        Kind = kind,
                        Rule = rule,
                        Total = of.Count,
                        Caught = of.Count(r => !r.Verdict(rule).Passed),
                        NamedRight = of.Count(r => r.OutcomeOf(rule) == Outcome.Caught),
                        NamedExactly = of.Count(r => r.IsBuggy && !r.Verdict(rule).Passed && r.NamesExactly(rule)),
                        Passed = of.Count(r => r.Verdict(rule).Passed),
                    });
                }
            return result.ToArray();
        }
    }

    internal static class CorpusText
    {
        public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
    }
}
