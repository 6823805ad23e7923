using System.Linq;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// A step of a row two layers before the output reaches it linearly while the rectifier layer between keeps its
    /// signs (LinearReach). The truth is the full forward pass at θ + δ·eᵢ: every cost within 64·u·max(1, |J|), and
    /// the same branch crossings, over steps from far inside the margin to far past it, so that both the linear path
    /// and the rank-1 path it falls back to are taken, and crossings of the rectifier layer happen.
    /// </summary>
    public class LinearReachTests
    {
        public static System.Collections.Generic.IEnumerable<object[]> Networks() => new[]
        {
            new object[] { new[] { 8, 12, 10, 1 }, "ReLU,ReLU,Sigmoid", "CrossEntropy", 0.0, 1.0 },
            new object[] { new[] { 8, 12, 10, 1 }, "ReLU,ReLU,Sigmoid", "CrossEntropy", 0.4, 0.7 },
            new object[] { new[] { 8, 12, 10, 3 }, "Tanh,LeakyReLU,Softmax", "CategoricalCrossEntropy", 0.0, 1.0 },
            new object[] { new[] { 6, 9, 7, 5, 2 }, "ReLU,Sigmoid,ReLU,Linear", "MeanSquaredError", 0.0, 0.8 },
        };

        private static readonly double[] Steps = { 1e-9, -1e-7, 1e-4, -3e-2, 0.3, -1, 4 };

        [Theory]
        [MemberData(nameof(Networks))]
        public void EveryCostOfARowTwoLayersBeforeTheOutputIsTheFullPassCost(int[] sizes, string activations,
            string loss, double l2, double keep)
        {
            var network = IncrementalRegularisedTests.Build(sizes, activations, loss, l2, keep);
            var entries = EntriesOfLayer(sizes, sizes.Length - 3).ToArray();
            int crossed = IncrementalRegularisedTests.AgreesWithTheFullPass(network, entries, Steps);
            // Both kinds of cost were met: steps that cross a kink and steps that keep every sign.
            Assert.InRange(crossed, 1, entries.Length * Steps.Length - 1);
        }

        /// <summary>The entries of W_l and b_l (l from 1) in θ's order: W1, b1, W2, b2, …</summary>
        private static System.Collections.Generic.IEnumerable<int> EntriesOfLayer(int[] sizes, int layer)
        {
            int start = 0;
            for (int l = 1; l < layer; l++) start += sizes[l] * (sizes[l - 1] + 1);
            return Enumerable.Range(start, sizes[layer] * (sizes[layer - 1] + 1));
        }
    }
}
