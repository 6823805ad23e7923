using System;
using System.Linq;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    public class IncrementalEvaluationTests
    {
        public static System.Collections.Generic.IEnumerable<object[]> Networks() => new[]
        {
            new object[] { new[] { 4, 5, 3, 1 }, "ReLU,ReLU,Sigmoid", "CrossEntropy" },
            new object[] { new[] { 6, 7, 5, 4, 2 }, "Tanh,LeakyReLU,ReLU,Linear", "MeanSquaredError" },
            new object[] { new[] { 3, 2 }, "Sigmoid", "CrossEntropy" },
        };

        [Theory]
        [MemberData(nameof(Networks))]
        public void IncrementalAndFullRecomputationAgreeToRounding(int[] sizes, string activations, string loss)
        {
            var network = Network.Create(new NetworkDefinition
            {
                LayerSize = sizes,
                Activation = activations.Split(',').Select(Activations.Parse).ToArray(),
                Loss = Activations.ParseLoss(loss),
                ExampleCount = 9,
                Seed = 11,
            });
            var theta = network.ToParameterVector().Values;
            var incremental = network.CreateObjective();
            incremental.Evaluation = NetworkEvaluation.Incremental;
            var full = network.CreateObjective();
            full.Evaluation = NetworkEvaluation.Full;
            var a = new GradientChecker().Check(incremental, theta);
            var b = new GradientChecker().Check(full, theta);
            // Each cost differs by a few ulps of |J|, so each centred difference by ~u·|J|/ε.
            double bound = 64 * Tolerances.MachineEpsilon * Math.Max(1, Math.Abs(a.Cost)) / a.Epsilon;
            for (int i = 0; i < theta.Length; i++) Assert.True(Math.Abs(a.Numerical[i] - b.Numerical[i]) <= bound,
                $"entry {i}: {a.Numerical[i]:R} vs {b.Numerical[i]:R}");
            Assert.True(a.Passed, a.Message);
            Assert.True(b.Passed, b.Message);
            Assert.Equal(a.KinkCount, b.KinkCount);
        }
    }
}
