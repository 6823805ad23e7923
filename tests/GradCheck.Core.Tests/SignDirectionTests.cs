using System;
using System.Linq;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// A direction kept as its sign bits must read as the ±1 vector its draws define: entry i is +1 for a 0 and −1
    /// for a 1 in bit i mod 32 of draw ⌊i/32⌋ (the draws are checked against numpy in RandomTests), and 0 outside a
    /// restriction. Expected vectors are built here from the draws, not by the class under test.
    /// </summary>
    public class SignDirectionTests
    {
        private static double[] Expected(uint seed, int n, int first, int count)
        {
            var twister = new MersenneTwister(seed);
            uint[] draws = Enumerable.Range(0, (n + 31) / 32).Select(_ => twister.NextUInt32()).ToArray();
            return Enumerable.Range(0, n).Select(i => i < first || i >= first + count ? 0.0
                : (draws[i / 32] >> (i % 32) & 1) == 0 ? 1.0 : -1.0).ToArray();
        }

        private static SignDirection Drawn(uint seed, int n, int first, int count) =>
            SignDirection.Draw(new MersenneTwister(seed), n).Restrict(first, count);

        public static TheoryData<int, int, int, int, int> Ranges() => new TheoryData<int, int, int, int, int>
        {
            // n, restriction (first, count), range read (from, count)
            { 100, 0, 100, 0, 100 },
            { 100, 0, 100, 5, 90 },
            { 1001, 0, 1001, 33, 784 },
            { 1001, 40, 500, 0, 1001 },
            { 1001, 64, 64, 60, 70 },
            { 31, 0, 31, 0, 31 },
            { 97, 96, 1, 90, 7 },
        };

        [Theory]
        [MemberData(nameof(Ranges))]
        public void ARangeReadsAsTheDrawsDefine(int n, int first, int count, int from, int length)
        {
            var expected = Expected(11, n, first, count);
            var direction = Drawn(11, n, first, count);
            var target = Enumerable.Repeat(double.NaN, length + 3).ToArray();
            direction.CopyTo(from, length, target, 2);
            Assert.Equal(expected.Skip(from).Take(length), target.Skip(2).Take(length));
            Assert.True(double.IsNaN(target[1]) && double.IsNaN(target[length + 2]), "CopyTo wrote outside its range");
            Assert.Equal(expected, Enumerable.Range(0, n).Select(i => direction[i]));
            Assert.Equal(expected, direction.ToArray());
        }

        [Theory]
        [MemberData(nameof(Ranges))]
        public void TheDotAndTheMovedPointAreThoseOfTheVector(int n, int first, int count, int from, int length)
        {
            var v = Expected(5, n, first, count);
            var direction = Drawn(5, n, first, count);
            var g = Enumerable.Range(0, n).Select(i => Math.Sin(0.7 * i) * Math.Pow(10, i % 7 - 3)).ToArray();
            double dot = 0;
            for (int i = 0; i < n; i++) dot += g[i] * v[i];
            Assert.Equal(BitConverter.DoubleToInt64Bits(dot), BitConverter.DoubleToInt64Bits(direction.Dot(g)));
            const double t = -3.1e-4;
            var moved = new double[length];
            direction.PointAlong(g, t, from, length, moved, 0);
            Assert.Equal(Enumerable.Range(from, length).Select(i => g[i] + t * v[i]), moved);
        }

        [Theory]
        [InlineData(-1, 3, "offset")]
        [InlineData(11, 0, "offset")]
        [InlineData(0, 11, "count")]
        [InlineData(8, 3, "count")]
        [InlineData(8, int.MaxValue, "count")]
        [InlineData(2, -1, "count")]
        public void ARestrictionOutsideTheDirectionIsRefused(int first, int count, string culprit)
        {
            var direction = SignDirection.Draw(new MersenneTwister(1), 10);
            var refused = Assert.Throws<ArgumentOutOfRangeException>(() => direction.Restrict(first, count));
            Assert.Equal(culprit, refused.ParamName);
        }

        [Fact]
        public void ARestrictionOfARestrictionKeepsOnlyTheirCommonEntries()
        {
            var expected = Expected(2, 200, 70, 30);
            var direction = Drawn(2, 200, 40, 60).Restrict(70, 100);
            Assert.Equal(expected, direction.ToArray());
            Assert.Equal(Enumerable.Repeat(0.0, 200), Drawn(2, 200, 0, 50).Restrict(60, 20).ToArray());
        }

        [Theory]
        [InlineData(-1)]
        [InlineData(100)]
        [InlineData(127)]
        public void AnEntryPastTheDirectionIsAnError(int i)
        {
            // Entries 100 to 127 lie in the last draw but not in the direction: they must not read as a 0.
            var direction = Drawn(3, 100, 10, 20);
            Assert.Throws<ArgumentOutOfRangeException>(() => direction[i]);
        }
    }
}
