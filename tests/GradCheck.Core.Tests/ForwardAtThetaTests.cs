using System;
using System.Linq;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// A network objective keeps the forward pass at the θ it was first asked about and reuses it for the cost, the
    /// gradient and the lines there. Whatever it was asked before, and even when the caller moves entries of the
    /// same array in place, every answer must be the one an objective asked nothing before gives: the plain forward
    /// pass's cost (Network.Forward), and a fresh objective's gradient and line.
    /// </summary>
    public class ForwardAtThetaTests
    {
        public static System.Collections.Generic.IEnumerable<object[]> Networks() =>
            IncrementalRegularisedTests.Networks();

        [Theory]
        [MemberData(nameof(Networks))]
        public void AnswersAtAMovedThetaAreThoseOfAFreshObjective(int[] sizes, string activations, string loss,
            double l2, double keep)
        {
            var network = IncrementalRegularisedTests.Build(sizes, activations, loss, l2, keep);
            var theta = network.ToParameterVector().Values;
            var direction = theta.Select((_, i) => i % 3 == 0 ? 1.0 : -1.0).ToArray();
            double first = theta[0], last = theta[theta.Length - 1];
            var kept = (DoubleNetworkObjective)network.CreateObjective();
            // Asked at θ first (it keeps that pass), then at θ with entries moved in the same array, then at θ.
            foreach (var move in new[] { 0.0, 0.25, -0.5, 0.0 })
            {
                theta[0] = first + move;
                theta[theta.Length - 1] = last - move;
                var fresh = (DoubleNetworkObjective)network.CreateObjective();
                double plain = network.Forward(new ParameterVector((double[])theta.Clone(), network.Layout)).Cost;
                Assert.Equal(Bits(plain), Bits(kept.Cost(theta)));
                Assert.Equal(fresh.Gradient(theta).Select(Bits), kept.Gradient(theta).Select(Bits));
                Assert.Equal(Bits(fresh.Line(theta, direction)(1e-3)), Bits(kept.Line(theta, direction)(1e-3)));
            }
        }

        private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);
    }
}
