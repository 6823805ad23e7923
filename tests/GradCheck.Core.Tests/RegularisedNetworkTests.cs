using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>L2, dropout and softmax networks against torch.autograd (networks_regularised.json).</summary>
    public class RegularisedNetworkTests
    {
        public static IEnumerable<object[]> Networks() =>
            Fixtures.Load("networks_regularised").GetProperty("networks").EnumerateArray()
                .Select(n => new object[] { n.GetProperty("name").GetString() });

        private static JsonElement Find(string name) =>
            Fixtures.Load("networks_regularised").GetProperty("networks").EnumerateArray()
                .First(n => n.GetProperty("name").GetString() == name);

        internal static Network Build(JsonElement n, IDictionary<string, double> fault = null)
        {
            var torch = TorchNetworkTests.Build(n);
            return Network.Create(new NetworkDefinition
            {
                LayerSize = torch.LayerSize,
                Activation = torch.Activation,
                Loss = torch.Loss,
                Input = torch.Input,
                Label = torch.Label,
                Parameters = torch.ToParameterVector(),
                L2 = n.GetProperty("l2_lambda").GetDouble(),
                KeepProbability = n.GetProperty("keep_prob").GetDouble(),
                DropoutSeed = n.GetProperty("dropout_seed").GetInt32(),
                Fault = fault,
            });
        }

        [Theory]
        [MemberData(nameof(Networks))]
        public void TheMasksAreNumpysDraws(string name)
        {
            var n = Find(name);
            var masks = Build(n).DropoutMask;
            Assert.Equal(n.GetProperty("masks").EnumerateObject().Select(p => p.Name), masks.Keys.Cast<string>());
            foreach (var mask in n.GetProperty("masks").EnumerateObject())
                Assert.Equal(Fixtures.Matrix(mask.Value), (double[,])masks[mask.Name]);
        }

        [Theory]
        [MemberData(nameof(Networks))]
        public void CostAndGradientMatchTorchAutograd(string name)
        {
            var n = Find(name);
            var network = Build(n);
            double cost = n.GetProperty("cost").GetDouble();
            Assert.Equal(cost, network.Cost(), 1e-12 * Math.Abs(cost));
            var gradient = network.Gradient();
            foreach (var g in n.GetProperty("grads").EnumerateObject())
                CourseNetworkTests.AssertClose(Fixtures.Vector(g.Value),
                    ((double[,])gradient[g.Name]).Cast<double>().ToArray(), 1e-10);
        }

        [Theory]
        [MemberData(nameof(Networks))]
        public void TheCorrectBackpropPassesAndEveryFaultyBlockIsNamed(string name)
        {
            var n = Find(name);
            var network = Build(n);
            var theta = network.ToParameterVector().Values;
            var result = new GradientChecker().Check(network.CreateObjective(), theta);
            Assert.True(result.Passed, result.Message);
            foreach (var block in network.Layout.Blocks)
            {
                var faulty = Build(n, new Dictionary<string, double> { [block.Name] = 1.5 });
                var failed = new GradientChecker().Check(faulty.CreateObjective(), theta);
                Assert.Equal(new[] { block.Name }, failed.FailedBlocks);
            }
        }
    }
}
