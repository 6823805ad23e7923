using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>The course's N-D scenario against numpy (tests/reference/fixtures/course_nd.json).</summary>
    public class CourseNetworkTests
    {
        private static readonly JsonElement Fixture = Fixtures.Load("course_nd");
        private static readonly string[] Blocks = { "W1", "b1", "W2", "b2", "W3", "b3" };

        [Fact]
        public void ThePresetReproducesNumpysDataAndParametersBitForBit()
        {
            var network = Network.CourseTestCase();
            Assert.Equal(Fixtures.Matrix(Fixture.GetProperty("x")), network.Input);
            foreach (string name in Blocks)
                Assert.Equal(Fixtures.Matrix(Fixture.GetProperty(name)), (double[,])network.Parameters[name]);
            Assert.Equal(Fixtures.Vector(Fixture.GetProperty("theta")), network.ToParameterVector().Values);
        }

        [Fact]
        public void TheCostMatchesNumpy()
        {
            double expected = Fixture.GetProperty("cost").GetDouble();
            Assert.Equal(2.407833389834357, expected);
            Assert.Equal(expected, Network.CourseTestCase().Cost(), 1e-12 * expected);
        }

        [Fact]
        public void BackpropMatchesNumpyWithAndWithoutTheCoursesBugs()
        {
            var fixed_ = Network.CourseTestCase().Gradient();
            var buggy = Network.CourseTestCase(new Dictionary<string, double> { ["W2"] = 2, ["b1"] = 4 }).Gradient();
            foreach (string name in Blocks)
            {
                AssertClose(Fixtures.Vector(Fixture.GetProperty("grads").GetProperty("d" + name)),
                    Flat(fixed_["d" + name]));
                AssertClose(Fixtures.Vector(Fixture.GetProperty("grads_buggy").GetProperty("d" + name)),
                    Flat(buggy["d" + name]));
            }
        }

        [Fact]
        public void TheBuggyNetworkFailsWithTheCoursesDifferenceAndNamesW2AndB1()
        {
            var network = Network.CourseTestCase(new Dictionary<string, double> { ["dW2"] = 2, ["db1"] = 4 });
            var result = new GradientChecker().Check(network.CreateObjective(), network.ToParameterVector().Values);
            double numpy = Fixture.GetProperty("difference_buggy").GetDouble();
            Assert.Equal(numpy, result.Difference, 9e-9 * numpy);
            // The figure, from another numpy build, agrees to 9 significant digits.
            Assert.Equal(0.28509315684448966, result.Difference, 1e-9);
            Assert.False(result.Passed);
            Assert.Equal(new[] { "b1", "W2" }, result.FailedBlocks);
            Assert.Equal(47, result.ParameterCount);
        }

        [Fact]
        public void TheFixedNetworkPassesWithADifferenceNearTheCourses()
        {
            var network = Network.CourseTestCase();
            var result = new GradientChecker().Check(network.CreateObjective(), network.ToParameterVector().Values);
            Assert.True(result.Passed, result.Message);
            Assert.Empty(result.FailedBlocks);
            // numpy: 1.189041787877932e-07; the notes print 1.18904178766e-07. Rounding decides the later digits.
            Assert.InRange(result.Difference, 1.17e-7, 1.21e-7);
        }

        [Fact]
        public void TheNumericalGradientMatchesNumpysGradapprox()
        {
            var network = Network.CourseTestCase();
            var result = new GradientChecker().Check(network.CreateObjective(), network.ToParameterVector().Values);
            // Each centred difference cancels ~9 digits, so agreement is to ~1e-7 of the entry's size.
            var expected = Fixtures.Vector(Fixture.GetProperty("gradapprox"));
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - result.Numerical[i]) <= 1e-7 * Math.Max(1e-3, Math.Abs(expected[i])),
                    $"entry {i}");
        }

        private static double[] Flat(object matrix) => ((double[,])matrix).Cast<double>().ToArray();

        internal static void AssertClose(double[] expected, double[] actual, double relative = 1e-12)
        {
            Assert.Equal(expected.Length, actual.Length);
            double scale = expected.Max(Math.Abs);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * scale,
                    $"entry {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
