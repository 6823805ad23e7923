using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// Forward and backward for every activation and loss against torch.autograd (networks_torch.json).
    /// </summary>
    public class TorchNetworkTests
    {
        public static IEnumerable<object[]> Networks() =>
            Fixtures.Load("networks_torch").GetProperty("networks").EnumerateArray()
                .Select(n => new object[] { n.GetProperty("name").GetString() });

        private static JsonElement Find(string name) =>
            Fixtures.Load("networks_torch").GetProperty("networks").EnumerateArray()
                .First(n => n.GetProperty("name").GetString() == name);

        internal static Network Build(JsonElement n)
        {
            var parameters = n.GetProperty("params").EnumerateObject().ToList();
            var layout = ParameterLayout.Create(parameters.Select(p =>
            {
                var m = Fixtures.Matrix(p.Value);
                return new KeyValuePair<string, int[]>(p.Name, new[] { m.GetLength(0), m.GetLength(1) });
            }));
            var values = parameters.SelectMany(p => Fixtures.Vector(p.Value)).ToArray();
            return Network.Create(new NetworkDefinition
            {
                LayerSize = n.GetProperty("layer_sizes").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                Activation = n.GetProperty("activations").EnumerateArray()
                    .Select(e => Activations.Parse(e.GetString())).ToArray(),
                Loss = Activations.ParseLoss(n.GetProperty("loss").GetString()),
                Input = Fixtures.Matrix(n.GetProperty("X")),
                Label = Fixtures.Matrix(n.GetProperty("Y")),
                Parameters = new ParameterVector(values, layout),
            });
        }

        [Theory]
        [MemberData(nameof(Networks))]
        public void CostAndGradientMatchTorchAutograd(string name)
        {
            var n = Find(name);
            var network = Build(n);
            double cost = n.GetProperty("cost").GetDouble();
            Assert.Equal(cost, network.Cost(), 1e-12 * System.Math.Abs(cost));
            var gradient = network.Gradient();
            foreach (var g in n.GetProperty("grads").EnumerateObject())
                CourseNetworkTests.AssertClose(Fixtures.Vector(g.Value),
                    ((double[,])gradient[g.Name]).Cast<double>().ToArray(), 1e-10);
        }

        [Theory]
        [MemberData(nameof(Networks))]
        public void TheCorrectBackpropPassesTheDefaultVerdict(string name)
        {
            var network = Build(Find(name));
            var result = new GradientChecker().Check(network.CreateObjective(), network.ToParameterVector().Values);
            Assert.True(result.Passed, result.Message);
        }
    }
}
