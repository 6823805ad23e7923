using System;
using System.Linq;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// Ranking.Top against the LINQ it replaces, OrderByDescending(score).ThenBy(i).Take(top): the same entries in the
    /// same order, with ties, NaN and ±∞ among the scores.
    /// </summary>
    public class RankingTests
    {
        [Theory]
        [InlineData(0, 5)]
        [InlineData(1, 1)]
        [InlineData(7, 3)]
        [InlineData(200, 5)]
        [InlineData(200, 500)]
        [InlineData(1000, 0)]
        public void TheTopEntriesAreThoseOfOrderByDescendingThenByIndex(int count, int top)
        {
            var random = new Random(count * 31 + top);
            double[] pool = { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -0.0, 1, 2 };
            var scores = Enumerable.Range(0, 2 * count + 1)
                .Select(_ => random.Next(3) == 0 ? pool[random.Next(pool.Length)] : Math.Round(random.NextDouble(), 1))
                .ToArray();
            var candidates = Enumerable.Range(0, 2 * count + 1).Where(i => i % 2 == 1 || i % 5 == 0).ToArray();
            var expected = candidates.OrderByDescending(i => scores[i]).ThenBy(i => i).Take(top).ToArray();
            Assert.Equal(expected, Ranking.Top(candidates, i => scores[i], top));
        }
    }
}
