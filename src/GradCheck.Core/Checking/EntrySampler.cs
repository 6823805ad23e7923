using System;
using System.Collections.Generic;
using System.Linq;

namespace GradCheck
{
    /// <summary>Chooses which entries a sampled check evaluates.</summary>
    public static class EntrySampler
    {
        /// <summary>
        /// <paramref name="count"/> distinct entries, stratified by block: every block gets at least one (a count
        /// below the number of blocks is raised to it: a block left unchecked would pass unseen), the rest are
        /// shared in proportion to block size (largest remainders), and each
        /// block's entries are drawn uniformly without replacement (Floyd's algorithm, so memory stays
        /// proportional to the sample). Sorted ascending; the same seed gives the same sample.
        /// </summary>
        public static int[] Stratified(ParameterLayout layout, int count, int seed)
        {
            var blocks = layout.Blocks.Where(b => b.Count > 0).ToArray();
            count = Math.Min(Math.Max(count, blocks.Length), layout.Count);
            var quota = new int[blocks.Length];
            int remaining = count;
            for (int b = 0; b < blocks.Length && remaining > 0; b++) { quota[b] = 1; remaining--; }
            if (remaining > 0)
            {
                long total = blocks.Sum(b => (long)b.Count);
                var shares = blocks.Select((b, k) => (Index: k, Exact: (double)remaining * b.Count / total)).ToArray();
                int given = 0;
                foreach (var s in shares)
                {
                    int add = Math.Min((int)Math.Floor(s.Exact), blocks[s.Index].Count - quota[s.Index]);
                    quota[s.Index] += add;
                    given += add;
                }
                foreach (var s in shares.OrderByDescending(s => s.Exact - Math.Floor(s.Exact)).ThenBy(s => s.Index)
                    .Concat(shares))
                {
                    if (given >= remaining) break;
                    if (quota[s.Index] < blocks[s.Index].Count) { quota[s.Index]++; given++; }
                }
            }
            var random = new MersenneTwister(unchecked((uint)seed));
            var chosen = new List<int>(count);
            for (int b = 0; b < blocks.Length; b++)
                chosen.AddRange(Floyd(random, blocks[b].Count, quota[b]).Select(i => blocks[b].Offset + i));
            chosen.Sort();
            return chosen.ToArray();
        }

        private static IEnumerable<int> Floyd(MersenneTwister random, int n, int k)
        {
            var set = new HashSet<int>();
            for (int j = n - k; j < n; j++)
            {
                int t = (int)(random.NextDouble() * (j + 1));
                set.Add(set.Contains(t) ? j : t);
            }
            return set;
        }
    }
}
