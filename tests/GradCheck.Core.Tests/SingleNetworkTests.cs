using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// Networks of Precision Single against torch in float32 (networks_float32.json, written by
    /// tests/reference/make_float32_network_fixtures.py from numpy's draws rounded to float32).
    /// </summary>
    public class SingleNetworkTests
    {
        /// <summary>
        /// |ours − torch's| for J, in float32 spacings of J. Both compute the same float32 formulas, but torch sums in
        /// its own order (sgemm, its vectorised reductions, softmax by a reciprocal), which moves J by an ulp or two.
        /// </summary>
        private const double CostUlps = 4;

        /// <summary>
        /// |ours − torch's| for each gradient entry, in float32 spacings of the block's largest entry: an entry that
        /// cancels (a sum of terms far larger than itself) carries the rounding of those terms, not of itself.
        /// </summary>
        private const double GradientUlps = 8;

        private static JsonElement[] All() =>
            Fixtures.Load("networks_float32").GetProperty("networks").EnumerateArray().ToArray();

        public static IEnumerable<object[]> Networks() =>
            All().Select(n => new object[] { n.GetProperty("name").GetString() });

        private static JsonElement Find(string name) => All().First(n => n.GetProperty("name").GetString() == name);

        /// <summary>The network New-GradCheckNetwork builds from the case's arguments.</summary>
        internal static Network Build(JsonElement n, Precision precision)
        {
            var a = n.GetProperty("arguments");
            var d = new NetworkDefinition { Precision = precision };
            foreach (var p in a.EnumerateObject()) Set(d, p.Name, p.Value);
            return Network.Create(d);
        }

        private static void Set(NetworkDefinition d, string name, JsonElement v)
        {
            switch (name)
            {
                case "Preset": d.Preset = v.GetString(); break;
                case "LayerSize": d.LayerSize = v.EnumerateArray().Select(e => e.GetInt32()).ToArray(); break;
                case "Activation":
                    d.Activation = v.EnumerateArray().Select(e => Activations.Parse(e.GetString())).ToArray(); break;
                case "Loss": d.Loss = Activations.ParseLoss(v.GetString()); break;
                case "ExampleCount": d.ExampleCount = v.GetInt32(); break;
                case "Seed": d.Seed = v.GetInt32(); break;
                case "L2": d.L2 = v.GetDouble(); break;
                case "KeepProbability": d.KeepProbability = v.GetDouble(); break;
                case "DropoutSeed": d.DropoutSeed = v.GetInt32(); break;
                case "Fault": d.Fault = v.EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetDouble()); break;
                case "Input": d.Input = Fixtures.Matrix(v); break;
                case "Label": d.Label = Fixtures.Matrix(v); break;
                case "Parameter": d.Parameters = Vector(v); break;
                default: throw new ArgumentException("No NetworkDefinition property for " + name, nameof(name));
            }
        }

        private static ParameterVector Vector(JsonElement blocks)
        {
            var list = blocks.EnumerateObject().ToList();
            var layout = ParameterLayout.Create(list.Select(p =>
            {
                var m = Fixtures.Matrix(p.Value);
                return new KeyValuePair<string, int[]>(p.Name, new[] { m.GetLength(0), m.GetLength(1) });
            }));
            return new ParameterVector(list.SelectMany(p => Fixtures.Vector(p.Value)).ToArray(), layout);
        }

        /// <summary>The float32 spacing at |x|: the distance from |x| (as a float32) to the next float32 up.</summary>
        internal static double Ulp(double x)
        {
            float f = Math.Abs((float)x);
            return (double)BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(f) + 1) - f;
        }

        private static double[] Flat(object matrix) => ((double[,])matrix).Cast<double>().ToArray();

        [Theory]
        [MemberData(nameof(Networks))]
        public void CostAndGradientMatchTorchInFloat32(string name)
        {
            var n = Find(name);
            var network = Build(n, Precision.Single);
            double torch = n.GetProperty("cost").GetDouble();
            double cost = network.Cost();
            Assert.True(Math.Abs(cost - torch) <= CostUlps * Ulp(torch), $"J {cost:R}, torch {torch:R}");
            var gradient = network.Gradient();
            foreach (var g in n.GetProperty("grads").EnumerateObject())
            {
                double[] expected = Fixtures.Vector(g.Value), actual = Flat(gradient[g.Name]);
                double bound = GradientUlps * Ulp(expected.Max(Math.Abs));
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(Math.Abs(actual[i] - expected[i]) <= bound,
                        $"{g.Name}[{i}]: {actual[i]:R}, torch {expected[i]:R}");
            }
        }

        [Theory]
        [MemberData(nameof(Networks))]
        public void DataAndParametersAreNumpysDrawsRoundedToFloat32(string name)
        {
            var n = Find(name);
            var network = Build(n, Precision.Single);
            Assert.Equal(Fixtures.Matrix(n.GetProperty("X")), network.Input);
            Assert.Equal(Fixtures.Matrix(n.GetProperty("Y")), network.Label);
            foreach (var p in n.GetProperty("params").EnumerateObject())
                Assert.Equal(Fixtures.Matrix(p.Value), (double[,])network.Parameters[p.Name]);
            foreach (var mask in n.GetProperty("masks").EnumerateObject())
                Assert.Equal(Fixtures.Matrix(mask.Value), (double[,])network.DropoutMask[mask.Name]);
        }

        [Theory]
        [MemberData(nameof(Networks))]
        public void TheDoubleNetworkDrawsTheSameNumbersUnrounded(string name)
        {
            var n = Find(name);
            var network = Build(n, Precision.Double);
            Assert.Equal(Precision.Double, network.Precision);
            foreach (var p in n.GetProperty("params_float64").EnumerateObject())
                Assert.Equal(Fixtures.Matrix(p.Value), (double[,])network.Parameters[p.Name]);
        }

        [Fact]
        public void EveryOperationIsFloat32()
        {
            // Z1[0, 0] = 1e8 + 1 − 1e8: 0 in float32 (its spacing at 1e8 is 8), 1 in double. J = (z − y)² summed over
            // both examples, over 2m = 4: (0² + 5²)/4 in float32, (1² + 5²)/4 in double.
            var n = Find("cancellation");
            var single = Build(n, Precision.Single).Forward();
            var wide = Build(n, Precision.Double).Forward();
            Assert.Equal(0.0, ((double[,])single.Cache["Z1"])[0, 0]);
            Assert.Equal(1.0, ((double[,])wide.Cache["Z1"])[0, 0]);
            Assert.Equal(n.GetProperty("cost").GetDouble(), single.Cost);
            Assert.Equal(26.0 / 4, wide.Cost);
        }

        [Fact]
        public void TheObjectiveIsAThreadSafeBranchAwareSinglePrecisionObjectiveWithoutIncrementalPaths()
        {
            var network = Build(Find("leaky_tanh_sigmoid"), Precision.Single);
            var objective = network.CreateObjective();
            Assert.Equal(Precision.Single, Assert.IsAssignableFrom<IDeclaresPrecision>(objective).Precision);
            Assert.IsAssignableFrom<IThreadSafeObjective>(objective);
            Assert.IsAssignableFrom<IBranchAwareCost>(objective);
            Assert.False(objective is ILineCostSource);
            objective.Evaluation = NetworkEvaluation.Incremental;
            Assert.Equal(NetworkEvaluation.Full, objective.EffectiveEvaluation);
            var theta = network.ToParameterVector().Values;
            var narrow = theta.Select(x => (float)x).ToArray();
            var single = Assert.IsAssignableFrom<ISingleGradientObjective>(objective);
            Assert.Equal((double)single.Cost(narrow), objective.Cost(theta));
            Assert.Equal(single.Gradient(narrow).Select(g => (double)g), objective.Gradient(theta));
        }

        [Fact]
        public void ItsWorkersTellWhichFloat32PerturbationsCrossAKink()
        {
            // One ReLU unit, one example: z = w·x + b with x = 1, w = 0.5, b = -0.25, so z = 0.25. Moving b by +0.1
            // keeps z > 0; moving it by -0.5 makes z = -0.25 and crosses the kink, in float32 as in double.
            var network = Network.Create(new NetworkDefinition
            {
                LayerSize = new[] { 1, 1, 1 },
                Activation = new[] { Activation.ReLU, Activation.Sigmoid },
                Input = new double[,] { { 1 } },
                Label = new double[,] { { 1 } },
                Parameters = new ParameterVector(new[] { 0.5, -0.25, 1.0, 0.0 },
                    ParameterLayout.Create(new[]
                    {
                        new KeyValuePair<string, int[]>("W1", new[] { 1, 1 }),
                        new KeyValuePair<string, int[]>("b1", new[] { 1, 1 }),
                        new KeyValuePair<string, int[]>("W2", new[] { 1, 1 }),
                        new KeyValuePair<string, int[]>("b2", new[] { 1, 1 }),
                    })),
                Precision = Precision.Single,
            });
            var objective = network.CreateObjective();
            var theta = network.ToParameterVector().Values;
            var worker = Assert.IsAssignableFrom<IPerturbedCostSource>(objective).CreateWorker(theta);
            var branches = Assert.IsAssignableFrom<IBranchAwareWorker>(worker);
            worker.Cost(1, 0.1);
            Assert.False(branches.LastCostChangedBranch);
            double crossed = worker.Cost(1, -0.5);
            Assert.True(branches.LastCostChangedBranch);
            // Past the kink the unit outputs 0, so J = -log σ(0) = log 2, rounded to float32.
            Assert.Equal((double)(float)Math.Log(2), crossed, 6);
        }

        [Fact]
        public void TheDoubleObjectiveKeepsItsFastPathsAndDeclaresNoPrecision()
        {
            var objective = Network.CourseTestCase().CreateObjective();
            Assert.IsAssignableFrom<IPerturbedCostSource>(objective);
            Assert.IsAssignableFrom<ILineCostSource>(objective);
            Assert.IsAssignableFrom<IBranchAwareCost>(objective);
            Assert.False(objective is IDeclaresPrecision || objective is ISingleGradientObjective);
        }

        [Fact]
        public void ThetaIsRoundedToFloat32OnTheWayIn()
        {
            var network = Build(Find("tanh_mse"), Precision.Single);
            var objective = network.CreateObjective();
            var theta = network.ToParameterVector().Values;
            // Less than half a float32 spacing away: the same float32 θ, so the same J bit for bit.
            var near = theta.Select(x => x + 0.25 * Ulp(x)).ToArray();
            Assert.Equal(objective.Cost(theta), objective.Cost(near));
            Assert.Equal((double)(float)objective.Cost(theta), objective.Cost(theta));
        }

        [Fact]
        public void TheCheckerTakesAFloat32NetworkAndReturnsAResult()
        {
            // The verdict is the checker's business (it does not act on Precision yet); only that it runs is asserted.
            var network = Build(Find("course"), Precision.Single);
            var theta = network.ToParameterVector().Values;
            var result = new GradientChecker().Check(network.CreateObjective(), theta);
            Assert.Equal(network.ParameterCount, result.ParameterCount);
            Assert.Equal(network.Cost(), result.Cost);
        }

        [Fact]
        public void SoftLabelsRoundedToFloat32StillSumToOne()
        {
            // 0.1, 0.2 and 0.7 as float32 sum to 1 + 2.5e-9: outside the double tolerance of 1e-9, inside the
            // float32 one. A column that sums to 1.001 is refused in either precision.
            foreach (var precision in new[] { Precision.Double, Precision.Single })
            {
                Assert.Equal(precision, Soft(precision, 0.7).Precision);
                var e = Assert.Throws<GradCheckException>(() => Soft(precision, 0.701));
                Assert.Equal(ErrorIds.LabelNotOneHot, e.ErrorId);
            }
        }

        private static Network Soft(Precision precision, double third) => Network.Create(new NetworkDefinition
        {
            LayerSize = new[] { 2, 3 },
            Activation = new[] { Activation.Softmax },
            Loss = Loss.CategoricalCrossEntropy,
            Input = new double[,] { { 1 }, { 2 } },
            Label = new double[,] { { 0.1 }, { 0.2 }, { third } },
            Seed = 1,
            Precision = precision,
        });

        [Fact]
        public void AnInputBeyondFloat32IsRefusedAsNotFinite()
        {
            var input = new double[,] { { 1e300, 1 } };
            var label = new double[,] { { 1, 0 } };
            var d = new NetworkDefinition { LayerSize = new[] { 1, 1 }, Input = input, Label = label, Seed = 1 };
            Assert.Equal(1e300, Network.Create(d).Input[0, 0]);
            d.Precision = Precision.Single;
            var e = Assert.Throws<GradCheckException>(() => Network.Create(d));
            Assert.Equal(ErrorIds.InputNotFinite, e.ErrorId);
        }

        [Fact]
        public void ItSaysItIsFloat32()
        {
            var network = Network.Create(new NetworkDefinition
            {
                Preset = Network.CoursePreset, Precision = Precision.Single,
                Fault = new Dictionary<string, double> { ["W2"] = 2 },
            });
            Assert.Equal(Precision.Single, network.Precision);
            Assert.Equal("4-5-3-1 CourseTestCase float32, fault W2×2", network.Description);
            Assert.EndsWith("; float32)", network.ToString());
            Assert.DoesNotContain("float32", Network.CourseTestCase().ToString());
        }

        [Fact]
        public void AnUnknownPrecisionIsRefused()
        {
            var d = new NetworkDefinition { LayerSize = new[] { 2, 1 }, Seed = 1, Precision = (Precision)7 };
            Assert.Throws<ArgumentOutOfRangeException>(() => Network.Create(d));
        }
    }
}
