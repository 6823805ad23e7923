using System;
using System.Linq;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// The incremental evaluation against the full forward pass for L2, dropout and softmax networks. They agree
    /// to rounding, not bit for bit (a rank-1 update adds δ·a to a finished sum, masks multiply by D/p where the
    /// full pass divides by p, Σ W² is updated): every perturbed cost within 64·u·max(1, |J|), as documented in
    /// IncrementalWorker, and the same branch crossings.
    /// </summary>
    public class IncrementalRegularisedTests
    {
        public static System.Collections.Generic.IEnumerable<object[]> Networks() => new[]
        {
            new object[] { new[] { 4, 5, 3, 1 }, "ReLU,ReLU,Sigmoid", "CrossEntropy", 0.7, 1.0 },
            new object[] { new[] { 4, 5, 3, 1 }, "ReLU,ReLU,Sigmoid", "CrossEntropy", 0.0, 0.6 },
            new object[] { new[] { 6, 7, 5, 4, 2 }, "Tanh,LeakyReLU,ReLU,Linear", "MeanSquaredError", 0.3, 0.75 },
            new object[] { new[] { 5, 6, 4 }, "Sigmoid,Softmax", "CategoricalCrossEntropy", 0.0, 1.0 },
            new object[] { new[] { 5, 8, 6, 4 }, "ReLU,Tanh,Softmax", "CategoricalCrossEntropy", 1.1, 0.5 },
            new object[] { new[] { 3, 4 }, "Softmax", "CategoricalCrossEntropy", 0.2, 1.0 },
            new object[] { new[] { 4, 6, 3 }, "LeakyReLU,Softmax", "MeanSquaredError", 0.0, 0.8 },
        };

        internal static Network Build(int[] sizes, string activations, string loss, double l2, double keep) =>
            Network.Create(new NetworkDefinition
            {
                LayerSize = sizes,
                Activation = activations.Split(',').Select(Activations.Parse).ToArray(),
                Loss = Activations.ParseLoss(loss),
                ExampleCount = 9,
                Seed = 11,
                L2 = l2,
                KeepProbability = keep,
                DropoutSeed = 4,
            });

        [Theory]
        [MemberData(nameof(Networks))]
        public void EveryPerturbedCostAgreesWithTheFullPassToRounding(int[] sizes, string activations, string loss,
            double l2, double keep)
        {
            var network = Build(sizes, activations, loss, l2, keep);
            AgreesWithTheFullPass(network, Enumerable.Range(0, network.ParameterCount),
                new[] { 1e-7, -1e-7, 1e-3, -0.5 });
        }

        /// <summary>
        /// Asserts that every incremental cost at these entries and steps is within 64·u·max(1, |J|) of the full
        /// pass's and reports the same branch crossing; returns how many of them crossed.
        /// </summary>
        internal static int AgreesWithTheFullPass(Network network, System.Collections.Generic.IEnumerable<int> entries,
            double[] steps)
        {
            var theta = network.ToParameterVector().Values;
            var incremental = network.CreateObjective();
            incremental.Evaluation = NetworkEvaluation.Incremental;
            var full = network.CreateObjective();
            full.Evaluation = NetworkEvaluation.Full;
            var a = ((IPerturbedCostSource)incremental).CreateWorker(theta);
            var b = ((IPerturbedCostSource)full).CreateWorker(theta);
            double bound = 64 * Tolerances.MachineEpsilon * Math.Max(1, Math.Abs(full.Cost(theta)));
            int crossed = 0;
            foreach (int i in entries)
                foreach (double step in steps)
                {
                    double x = a.Cost(i, step), y = b.Cost(i, step);
                    Assert.True(Math.Abs(x - y) <= bound, $"entry {i}, step {step}: {x:R} vs {y:R}");
                    bool expected = ((IBranchAwareWorker)b).LastCostChangedBranch;
                    Assert.Equal(expected, ((IBranchAwareWorker)a).LastCostChangedBranch);
                    crossed += expected ? 1 : 0;
                }
            return crossed;
        }

        [Theory]
        [MemberData(nameof(Networks))]
        public void BothPathsPassTheDefaultVerdictWithTheSameKinks(int[] sizes, string activations, string loss,
            double l2, double keep)
        {
            var network = Build(sizes, activations, loss, l2, keep);
            var theta = network.ToParameterVector().Values;
            var incremental = network.CreateObjective();
            incremental.Evaluation = NetworkEvaluation.Incremental;
            var full = network.CreateObjective();
            full.Evaluation = NetworkEvaluation.Full;
            var x = new GradientChecker().Check(incremental, theta);
            var y = new GradientChecker().Check(full, theta);
            Assert.True(x.Passed, x.Message);
            Assert.True(y.Passed, y.Message);
            Assert.Equal(y.KinkCount, x.KinkCount);
        }

        [Fact]
        public void ADroppedUnitHasNoKink()
        {
            // Unit 0 of the hidden layer sits 1e-9 from its kink, closer than ε = 1e-7: kept, its W1 and b1
            // entries are kinks; dropped, nothing after it sees it, so no entry is.
            int seed = Enumerable.Range(0, 100).First(s => Mask(s, 0.5)[0, 0] == 0 && Mask(s, 0.5)[1, 0] == 1);
            foreach (var evaluation in new[] { NetworkEvaluation.Incremental, NetworkEvaluation.Full })
            {
                Assert.True(Kinks(1, seed, evaluation) > 0);
                Assert.Equal(0, Kinks(0.5, seed, evaluation));
            }
        }

        private static double[,] Mask(int seed, double keep) =>
            (double[,])OneUnitAtItsKink(keep, seed).DropoutMask["D1"];

        private static int Kinks(double keep, int seed, NetworkEvaluation evaluation)
        {
            var network = OneUnitAtItsKink(keep, seed);
            var objective = network.CreateObjective();
            objective.Evaluation = evaluation;
            var result = new GradientChecker().Check(objective, network.ToParameterVector().Values);
            Assert.True(result.Passed, result.Message);
            return result.KinkCount;
        }

        private static Network OneUnitAtItsKink(double keep, int seed)
        {
            var layout = ParameterLayout.Create(new[]
            {
                new System.Collections.Generic.KeyValuePair<string, int[]>("W1", new[] { 2, 1 }),
                new System.Collections.Generic.KeyValuePair<string, int[]>("b1", new[] { 2, 1 }),
                new System.Collections.Generic.KeyValuePair<string, int[]>("W2", new[] { 1, 2 }),
                new System.Collections.Generic.KeyValuePair<string, int[]>("b2", new[] { 1, 1 }),
            });
            return Network.Create(new NetworkDefinition
            {
                LayerSize = new[] { 1, 2, 1 },
                Input = new double[,] { { 1 } },
                Label = new double[,] { { 1 } },
                Parameters = new ParameterVector(new[] { 0.5, 0.8, -0.5 + 1e-9, 0.1, 1.3, -0.7, 0.2 }, layout),
                KeepProbability = keep,
                DropoutSeed = seed,
            });
        }
    }
}
