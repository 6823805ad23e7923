using System;
using System.Linq;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    public class VerdictTests
    {
        [Fact]
        public void CostNoiseRecoversAKnownNoiseLevel()
        {
            // A smooth line plus pseudo-random noise of standard deviation 1e-10 (uniform on ±√3·1e-10):
            // ECnoise should find the noise within its factor-of-4 agreement band.
            var random = new MersenneTwister(5);
            var samples = Enumerable.Range(0, CostNoise.Points)
                .Select(k => 1.0 + 0.3 * k * 1e-6 + (random.NextDouble() * 2 - 1) * Math.Sqrt(3) * 1e-10).ToArray();
            double noise = CostNoise.FromSamples(samples);
            Assert.InRange(noise, 0.25e-10, 4e-10);
        }

        [Fact]
        public void CostNoiseTellsNothingWhenTheCostNeverChanges()
        {
            Assert.True(double.IsNaN(CostNoise.FromSamples(Enumerable.Repeat(2.5, CostNoise.Points).ToArray())));
        }

        [Fact]
        public void CostNoiseIsZeroWhenTheCostChangesExactlyLinearly()
        {
            // 1 + k/4 is exact in binary: the first differences are all 1/4, the second all 0.
            Assert.Equal(0,
                CostNoise.FromSamples(Enumerable.Range(0, CostNoise.Points).Select(k => 1 + k / 4.0).ToArray()));
        }

        [Fact]
        public void StratifiedSamplesCoverEveryBlockAndRepeatWithTheSeed()
        {
            var layout = Network.CourseTestCase().Layout;
            var a = EntrySampler.Stratified(layout, 12, 42);
            Assert.Equal(12, a.Distinct().Count());
            Assert.Equal(a, EntrySampler.Stratified(layout, 12, 42));
            Assert.All(layout.Blocks, b => Assert.Contains(a, i => i >= b.Offset && i < b.Offset + b.Count));
            Assert.Equal(a.OrderBy(i => i), a);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(5)]
        public void ASampleSmallerThanTheBlockCountStillChecksEveryBlock(int count)
        {
            // The course's network has six blocks (W1, b1, W2, b2, W3, b3): one entry of each, whatever was asked.
            var layout = Network.CourseTestCase().Layout;
            var sample = EntrySampler.Stratified(layout, count, 1);
            Assert.Equal(6, sample.Length);
            Assert.All(layout.Blocks, b => Assert.Single(sample, i => i >= b.Offset && i < b.Offset + b.Count));
        }

        [Fact]
        public void ASampleLargerThanTheParametersChecksThemAll()
        {
            var layout = Network.CourseTestCase().Layout;
            Assert.Equal(Enumerable.Range(0, 47), EntrySampler.Stratified(layout, 1000, 1));
        }

        [Fact]
        public void ResultsAreBitIdenticalWhateverTheThreadCount()
        {
            var network = Network.Create(
                new NetworkDefinition { LayerSize = new[] { 12, 16, 8, 1 }, ExampleCount = 20, Seed = 3 });
            var theta = network.ToParameterVector().Values;
            GradientCheckResult Run(int threads) =>
                new GradientChecker(new CheckOptions { MaxDegreeOfParallelism = threads })
                    .Check(network.CreateObjective(), theta);
            var one = Run(1);
            var two = Run(2);
            var many = Run(7);
            Assert.Equal(one.Numerical.Select(BitConverter.DoubleToInt64Bits),
                two.Numerical.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(one.Numerical.Select(BitConverter.DoubleToInt64Bits),
                many.Numerical.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(one.Difference, many.Difference);
            Assert.True(one.Passed, one.Message);
        }

        [Fact]
        public void TheCourseRuleFlagsRoundingNoiseThatTheErrorAwareRuleAccepts()
        {
            // A cost of size 1e6 whose gradient is right: u·|J|/ε ≈ 2e-3 of rounding in each centred difference
            // pushes the course's relative difference far above 2e-7, while each entry stays within its error.
            var objective = new DelegateObjective(3,
                t => 1e6 + t[0] * t[0] + 1e-3 * t[1] + t[2],
                t => new[] { 2 * t[0], 1e-3, 1.0 });
            var theta = new[] { 0.3, 0.2, 0.1 };
            var course = new GradientChecker(new CheckOptions { Criterion = VerdictCriterion.Course })
                .Check(objective, theta);
            var ours = new GradientChecker().Check(objective, theta);
            Assert.False(course.Passed);
            Assert.True(ours.Passed, ours.Message);
        }

        [Fact]
        public void ABugInASmallBlockIsNotAveragedAwayByALargeOne()
        {
            // Block "big" has gradient 1000 in every entry; block "small" has 1e-3, reported 2e-3 (doubled).
            var layout = ParameterLayout.Create(new[]
            {
                new System.Collections.Generic.KeyValuePair<string, int[]>("big", new[] { 50 }),
                new System.Collections.Generic.KeyValuePair<string, int[]>("small", new[] { 1 }),
            });
            var objective = new DelegateObjective(layout,
                t => 1000 * t.Take(50).Sum() + 1e-3 * t[50],
                t => Enumerable.Repeat(1000.0, 50).Concat(new[] { 2e-3 }).ToArray());
            var course = new GradientChecker(new CheckOptions { Criterion = VerdictCriterion.Course })
                .Check(objective, new double[51]);
            var ours = new GradientChecker().Check(objective, new double[51]);
            Assert.True(course.Passed);
            Assert.Equal(new[] { "small" }, ours.FailedBlocks);
        }
    }
}
