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

        public static System.Collections.Generic.IEnumerable<object[]> NetworksAndALargeOne() =>
            Networks().Concat(new[]
            {
                // 512 × 256 × 9 multiply-adds in layer 1, more than 2²⁰: its rows are shared among threads.
                new object[] { new[] { 512, 256, 1 }, "ReLU,Sigmoid", "CrossEntropy", 0.0, 1.0 },
            });

        [Theory]
        [MemberData(nameof(NetworksAndALargeOne))]
        public void ALineAlongSignsIsTheLineAlongTheVectorTheyDefine(int[] sizes, string activations, string loss,
            double l2, double keep)
        {
            // Along signs the line reads v a row at a time: it must give what the line along v written out gives, bit
            // for bit, whole and restricted to a block (W1, whose slope is V₁·X; b1; and one from layer 2 on, whose
            // slope is 0 and whose entries the line moves itself), and what a plain forward pass at θ + t·v gives, to
            // rounding.
            var network = IncrementalRegularisedTests.Build(sizes, activations, loss, l2, keep);
            var theta = network.ToParameterVector().Values;
            var objective = (DoubleNetworkObjective)network.CreateObjective();
            var whole = SignDirection.Draw(new MersenneTwister(3), theta.Length);
            var blocks = network.Layout.Blocks;
            var restricted = new[] { blocks[0], blocks[1], blocks[blocks.Count - 2] }
                .Select(b => whole.Restrict(b.Offset, b.Count));
            foreach (var signs in new[] { whole }.Concat(restricted))
            {
                var v = Enumerable.Range(0, theta.Length).Select(i => signs[i]).ToArray();
                var alongSigns = objective.Line(theta, signs);
                var alongVector = objective.Line(theta, v);
                foreach (double t in new[] { 0.3, -1e-3, 1e-7 })
                {
                    Assert.Equal(Bits(alongVector(t)), Bits(alongSigns(t)));
                    var point = theta.Select((x, i) => x + t * v[i]).ToArray();
                    double plain = network.Forward(new ParameterVector(point, network.Layout)).Cost;
                    Assert.True(Math.Abs(alongSigns(t) - plain) <= 1e-12 * Math.Max(1, Math.Abs(plain)),
                        $"t = {t}: the line gives {alongSigns(t):R}, the forward pass {plain:R}");
                }
            }
        }

        [Fact]
        public void AHandedOverThetaIsNotCopiedAndOtherThetasAreAnsweredAfresh()
        {
            // The cmdlet hands its θ over; a directional check must then allocate on this thread no array of P
            // numbers beyond the gradient (not θ's copy, not the direction), and a θ it was not handed, even one
            // equal to it, must still be answered as a fresh objective answers it.
            var network = IncrementalRegularisedTests.Build(new[] { 300, 100, 1 }, "ReLU,Sigmoid", "CrossEntropy",
                0.0, 1.0);
            var theta = network.ToParameterVector().Values;
            var objective = network.CreateObjective();
            objective.HandOver(theta);
            var checker = new GradientChecker(new CheckOptions { Directions = 1, Seed = 4 });
            long before = GC.GetAllocatedBytesForCurrentThread();
            var result = checker.Check(objective, theta);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(CheckVerdict.Correct, result.Verdict);
            long vector = 8L * theta.Length;
            Assert.True(allocated < 1.5 * vector,
                $"the check allocated {allocated:N0} bytes; one array of P numbers is {vector:N0}");
            var moved = (double[])theta.Clone();
            moved[7] += 0.5;
            var fresh = network.CreateObjective();
            Assert.Equal(Bits(fresh.Cost(moved)), Bits(objective.Cost(moved)));
            Assert.Equal(fresh.Gradient(moved).Select(Bits), objective.Gradient(moved).Select(Bits));
            Assert.Equal(Bits(fresh.Cost(theta)), Bits(objective.Cost((double[])theta.Clone())));
        }

        private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);
    }
}
