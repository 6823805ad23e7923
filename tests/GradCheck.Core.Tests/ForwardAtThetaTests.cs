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

        [Theory]
        [MemberData(nameof(Networks))]
        public void ALineIsTheCostAlongIt(int[] sizes, string activations, string loss, double l2, double keep)
        {
            // The line keeps only the entries from layer 2 on (all of them with an L2 term) and moves Z₁ linearly:
            // it must still be J(θ + t·v) as a plain forward pass computes it, to rounding.
            var network = IncrementalRegularisedTests.Build(sizes, activations, loss, l2, keep);
            var theta = network.ToParameterVector().Values;
            var direction = theta.Select((_, i) => Math.Sin(3.7 * i + 1)).ToArray();
            var objective = (DoubleNetworkObjective)network.CreateObjective();
            var line = objective.Line(theta, direction);
            foreach (double t in new[] { 0.3, -0.05, 1e-3, -1e-7, 0 })
            {
                var point = theta.Select((x, i) => x + t * direction[i]).ToArray();
                double plain = network.Forward(new ParameterVector(point, network.Layout)).Cost;
                Assert.True(Math.Abs(line(t) - plain) <= 1e-12 * Math.Max(1, Math.Abs(plain)),
                    $"t = {t}: the line gives {line(t):R}, the forward pass {plain:R}");
            }
        }

        private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);
    }
}
