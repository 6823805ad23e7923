using System.Linq;
using System.Text.Json;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>MT19937 and the legacy RandomState against numpy's own outputs (fixtures/mt19937_seed1.json).</summary>
    public class RandomTests
    {
        private static readonly JsonElement Fixture = Fixtures.Load("mt19937_seed1");

        private static uint[] Words(string name) =>
            Fixture.GetProperty(name).EnumerateArray().Select(e => e.GetUInt32()).ToArray();

        private static double[] Values(string name) => Fixtures.Vector(Fixture.GetProperty(name));

        [Fact]
        public void StateAfterSeedingOneEqualsNumpysStateKey()
        {
            var twister = new MersenneTwister(1);
            Assert.Equal(624, Fixture.GetProperty("state_pos").GetInt32());
            Assert.Equal(Words("state_key"), twister.StateKey);
        }

        [Fact]
        public void FirstSixteenUInt32EqualNumpys()
        {
            var twister = new MersenneTwister(1);
            uint[] actual = Enumerable.Range(0, 16).Select(_ => twister.NextUInt32()).ToArray();
            Assert.Equal(Words("uint32"), actual);
        }

        [Fact]
        public void RandomSampleEqualsNumpysBitForBit()
        {
            var state = new LegacyRandomState(1);
            double[] expected = Values("random_sample");
            double[] actual = expected.Select(_ => state.RandomSample()).ToArray();
            Assert.Equal(expected, actual);
        }

        [Fact]
        public void MersenneTwisterNextDoubleEqualsRandomSample()
        {
            var twister = new MersenneTwister(1);
            double[] expected = Values("random_sample");
            Assert.Equal(expected, expected.Select(_ => twister.NextDouble()).ToArray());
        }

        [Theory]
        [InlineData(1u, "randn")]
        [InlineData(42u, "randn_seed_42")]
        public void RandnEqualsNumpysBitForBit(uint seed, string key)
        {
            double[] expected = Values(key);
            var state = new LegacyRandomState(seed);
            Assert.Equal(expected, state.StandardNormal(expected.Length));
        }

        [Fact]
        public void ReseedingDropsTheCachedGaussian()
        {
            // seed(1); randn(3) leaves the 4th normal cached; seed(1) must drop it, so the next three repeat the first.
            var state = new LegacyRandomState(1);
            double[] first = state.StandardNormal(3);
            state.Seed(1);
            double[] second = state.StandardNormal(3);
            Assert.Equal(Values("randn_after_reseed"), first.Concat(second).ToArray());
            Assert.Equal(first, second);
        }

        [Fact]
        public void StandardNormalMatrixFillsRowMajor()
        {
            double[] randn = Values("randn");
            var state = new LegacyRandomState(7);
            state.Seed(1);
            double[,] matrix = state.StandardNormal(4, 3);
            Assert.Equal(4, matrix.GetLength(0));
            Assert.Equal(3, matrix.GetLength(1));
            for (int r = 0; r < 4; r++)
                for (int c = 0; c < 3; c++)
                    Assert.Equal(randn[r * 3 + c], matrix[r, c]);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(31)]
        [InlineData(32)]
        [InlineData(33)]
        [InlineData(100)]
        [InlineData(1001)]
        public void RademacherEntryIIsBitIModulo32OfDrawIOver32(int n)
        {
            // The draws themselves are numpy's (above); each entry is +1 for a 0 bit and −1 for a 1 bit, the lowest
            // bit first, one draw for every 32 entries and one for the rest.
            var words = new MersenneTwister(7);
            uint[] draws = Enumerable.Range(0, (n + 31) / 32).Select(_ => words.NextUInt32()).ToArray();
            var expected = Enumerable.Range(0, n).Select(i => (draws[i / 32] >> (i % 32) & 1) == 0 ? 1.0 : -1.0);
            Assert.Equal(expected, DirectionalChecker.Rademacher(new MersenneTwister(7), n));
        }
    }
}
