using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// The course's dropout and L2 numbers against numpy (course_dropout.json, make_regularisation_fixtures.py).
    /// </summary>
    public class CourseDropoutTests
    {
        private static readonly JsonElement Dropout = Fixtures.Load("course_dropout").GetProperty("dropout_test_case");
        private static readonly JsonElement Course = Fixtures.Load("course_dropout")
            .GetProperty("gradient_check_n_test_case");
        private static readonly string[] Blocks = { "W1", "b1", "W2", "b2", "W3", "b3" };

        private static Network Preset(string name, double l2 = 0) =>
            Network.Create(new NetworkDefinition { Preset = name, L2 = l2 });

        [Fact]
        public void ThePresetDrawsNumpysDataParametersAndMasksBitForBit()
        {
            var network = Network.CourseDropoutTestCase();
            Assert.Equal(Fixtures.Matrix(Dropout.GetProperty("X")), network.Input);
            Assert.Equal(Fixtures.Matrix(Dropout.GetProperty("Y")), network.Label);
            foreach (string name in Blocks)
                Assert.Equal(Fixtures.Matrix(Dropout.GetProperty(name)), (double[,])network.Parameters[name]);
            Assert.Equal(new[] { "D1", "D2" }, network.DropoutMask.Keys.Cast<string>());
            Assert.Equal(Fixtures.Matrix(Dropout.GetProperty("cache").GetProperty("D1")),
                (double[,])network.DropoutMask["D1"]);
            Assert.Equal(Fixtures.Matrix(Dropout.GetProperty("cache").GetProperty("D2")),
                (double[,])network.DropoutMask["D2"]);
            Assert.Equal(0.7, network.KeepProbability);
            Assert.Equal(1, network.DropoutSeed);
        }

        [Fact]
        public void A3IsTheCoursesPublishedOutputAndNumpysBitForBit()
        {
            var a3 = (double[,])Network.CourseDropoutTestCase().Forward().Cache["A3"];
            var published = new[] { 0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721 };
            var bits = Dropout.GetProperty("A3_bits")[0].EnumerateArray()
                .Select(b => Convert.ToInt64(b.GetString(), 16)).ToArray();
            for (int j = 0; j < 5; j++)
            {
                Assert.Equal(published[j], Math.Round(a3[0, j], 8));
                Assert.Equal(bits[j], BitConverter.DoubleToInt64Bits(a3[0, j]));
            }
        }

        [Theory]
        [InlineData(Network.CourseDropoutPreset, "dropout_test_case")]
        [InlineData(Network.CoursePreset, "gradient_check_n_test_case")]
        public void TheCacheIsNumpysBitForBit(string preset, string fixture)
        {
            var expected = Fixtures.Load("course_dropout").GetProperty(fixture).GetProperty("cache");
            var pass = Preset(preset).Forward();
            Assert.Equal(expected.EnumerateObject().Select(p => p.Name), pass.Cache.Keys.Cast<string>());
            foreach (var entry in expected.EnumerateObject())
                Assert.Equal(Fixtures.Matrix(entry.Value), (double[,])pass.Cache[entry.Name]);
        }

        [Fact]
        public void CostAndBackpropWithDropoutMatchTheCourses()
        {
            var network = Network.CourseDropoutTestCase();
            double cost = Dropout.GetProperty("cost").GetDouble();
            Assert.Equal(cost, network.Cost(), 1e-12 * cost);
            AssertGradients(Dropout.GetProperty("grads"), network.Gradient());
        }

        [Theory]
        [InlineData(Network.CourseDropoutPreset, "dropout_test_case")]
        [InlineData(Network.CoursePreset, "gradient_check_n_test_case")]
        public void TheL2CostAndBackpropMatchTheCourses(string preset, string fixture)
        {
            var expected = Fixtures.Load("course_dropout").GetProperty(fixture);
            var network = Preset(preset, expected.GetProperty("l2_lambda").GetDouble());
            double cost = expected.GetProperty("l2_cost").GetDouble();
            Assert.Equal(cost, network.Cost(), 1e-12 * cost);
            AssertGradients(expected.GetProperty("l2_grads"), network.Gradient());
        }

        [Fact]
        public void KeepProbabilityOneIsThePlainNetworkBitForBit()
        {
            var plain = Network.CourseTestCase();
            var kept = Network.Create(
                new NetworkDefinition { Preset = Network.CoursePreset, KeepProbability = 1, L2 = 0 });
            Assert.Equal(plain.Cost(), kept.Cost());
            Assert.Empty(kept.DropoutMask);
            Assert.Null(kept.DropoutSeed);
        }

        internal static void AssertGradients(JsonElement expected,
            System.Collections.Specialized.OrderedDictionary actual)
        {
            foreach (var g in expected.EnumerateObject())
                CourseNetworkTests.AssertClose(Fixtures.Vector(g.Value),
                    ((double[,])actual[g.Name]).Cast<double>().ToArray(), 1e-12);
        }
    }
}
