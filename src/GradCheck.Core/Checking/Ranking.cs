using System;

namespace GradCheck
{
    /// <summary>
    /// The first few of many entries by a score, without sorting them all: what OrderByDescending(score)
    /// .ThenBy(i).Take(top) gives, in the same order (a NaN score last, as Comparer&lt;double&gt; ranks it), in
    /// one pass that keeps only the best <c>top</c>. A check ranks up to a million entries; LINQ's sort over them
    /// was compiled afresh in every new shell, as generic code over int and double that no precompiled image holds.
    /// </summary>
    internal static class Ranking
    {
        /// <summary>The <paramref name="top"/> candidates with the highest scores; ties by the lower index.</summary>
        public static int[] Top(int[] candidates, Func<int, double> score, int top)
        {
            int count = 0;
            var best = new int[Math.Min(top, candidates.Length)];
            if (best.Length == 0) return best;
            var scores = new double[best.Length];
            foreach (int i in candidates)
            {
                double s = score(i);
                if (count == best.Length && !Before(s, i, scores[count - 1], best[count - 1])) continue;
                int at = count < best.Length ? count++ : count - 1;
                for (; at > 0 && Before(s, i, scores[at - 1], best[at - 1]); at--)
                {
                    best[at] = best[at - 1];
                    scores[at] = scores[at - 1];
                }
                best[at] = i;
                scores[at] = s;
            }
            return best;
        }

        /// <summary>Whether (score s, index i) ranks before (t, j): the higher score, then the lower index.</summary>
        private static bool Before(double s, int i, double t, int j)
        {
            int order = s.CompareTo(t);
            return order > 0 || (order == 0 && i < j);
        }
    }
}
