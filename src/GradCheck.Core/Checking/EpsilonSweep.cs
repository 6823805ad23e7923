using System;
using System.Collections.Generic;

namespace GradCheck
{
    /// <summary>
    /// A step-size sweep: one check per ε, every one measuring every entry's truncation (so that their numerical
    /// errors compare) and drawing the same sample or directions, and the check whose error σ is smallest marked
    /// best. One ε is a plain check, and no ε at all (null) the plain check with ε as the options have it, given or
    /// left to the precision's default.
    /// </summary>
    internal static class EpsilonSweep
    {
        public static T[] Run<T>(CheckOptions options, double[] epsilons, Func<CheckOptions, T> check,
            Func<T, double> numericalError, Action<T> markBest)
        {
            if (epsilons == null) return new[] { check(options.Clone()) };
            if (epsilons.Length == 0)
                throw new GradCheckException(ErrorIds.EpsilonInvalid, GradCheckErrorKind.InvalidArgument, epsilons,
                    Text.Format("EpsilonInvalid", "()"));
            var results = new List<T>();
            // One seed for every ε, so that a sweep compares the same sample or directions.
            int? seed = options.Seed ?? (epsilons.Length > 1 ? GradientChecker.NewSeed() : (int?)null);
            foreach (double epsilon in epsilons)
            {
                var each = options.Clone();
                each.Seed = seed;
                each.Epsilon = epsilon;
                each.AlwaysMeasureTruncation = options.AlwaysMeasureTruncation || epsilons.Length > 1;
                results.Add(check(each));
            }
            if (results.Count > 1)
            {
                var best = results[0];
                foreach (var r in results) if (numericalError(r) < numericalError(best)) best = r;
                markBest(best);
            }
            return results.ToArray();
        }
    }
}
