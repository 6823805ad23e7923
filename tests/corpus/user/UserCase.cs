// Part of the corpus in UserLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>One case of the corpus: a layer's loss at θ, its truth from torch autograd, and its bugs.</summary>
    public sealed class UserCase
    {
        public string Id { get; set; }

        public string Family { get; set; }

        public string Condition { get; set; }

        public string Note { get; set; }

        public ParameterLayout Layout { get; set; }

        public double[] Theta { get; set; }

        public Dictionary<string, double[]> Data { get; set; }

        public Dictionary<string, int> Dims { get; set; }

        public double Offset { get; set; }

        public double Scale { get; set; } = 1;

        /// <summary>The cost under check is (double)(float)J.</summary>
        public bool Float32 { get; set; }

        /// <summary>torch's J = offset + scale·L at θ, in float64, before any float32 rounding.</summary>
        public double J { get; set; }

        /// <summary>torch's L, the layer's loss.</summary>
        public double Loss { get; set; }

        /// <summary>torch autograd's ∂J/∂θ.</summary>
        public double[] Truth { get; set; }

        public UserBug[] Bugs { get; set; }

        /// <summary>The stress corpus's modifiers on top of the condition (float32, J-scaled, size-large, …);
        /// empty in the main corpus, whose condition says it all.</summary>
        public string[] Tags { get; set; } = new string[0];

        public int Dim(string name) => Dims[name];

        public double[] this[string data] => Data[data];

        public override string ToString() => $"{Id} ({Condition}{(string.IsNullOrEmpty(Note) ? "" : ": " + Note)})";

        public static UserCase[] Load(string path)
        {
            var root = (Dictionary<string, object>)MiniJson.Parse(File.ReadAllText(path));
            return ((List<object>)root["cases"]).Cast<Dictionary<string, object>>().Select(FromJson).ToArray();
        }

        private static UserCase FromJson(Dictionary<string, object> c)
        {
            var shapes = ((List<object>)c["blocks"]).Cast<Dictionary<string, object>>()
                .Select(b => new KeyValuePair<string, int[]>((string)b["name"],
                    ((List<object>)b["shape"]).Select(Convert.ToInt32).ToArray()))
                .ToList();
            var bugs = ((List<object>)c["bugs"]).Cast<Dictionary<string, object>>().Select(b => new UserBug
            {
                Kind = (string)b["kind"],
                Description = (string)b["description"],
                Gradient = MiniJson.Doubles(b["gradient"]),
                Changed = ((List<object>)b["changed"]).Cast<string>().ToArray(),
                Change = ((Dictionary<string, object>)b["change"])
                    .ToDictionary(p => p.Key, p => Convert.ToDouble(p.Value)),
            }).ToArray();
            return new UserCase
            {
                Id = (string)c["id"],
                Family = (string)c["family"],
                Condition = (string)c["condition"],
                Note = (string)c["note"],
                Layout = ParameterLayout.Create(shapes),
                Theta = MiniJson.Doubles(c["theta"]),
                Data = ((Dictionary<string, object>)c["data"]).ToDictionary(p => p.Key, p => MiniJson.Doubles(p.Value)),
                Dims = ((Dictionary<string, object>)c["dims"]).ToDictionary(p => p.Key, p => Convert.ToInt32(p.Value)),
                Offset = Convert.ToDouble(c["offset"]),
                Scale = Convert.ToDouble(c["scale"]),
                Float32 = (bool)c["float32"],
                J = Convert.ToDouble(c["J"]),
                Loss = Convert.ToDouble(c["loss"]),
                Truth = MiniJson.Doubles(c["truth"]),
                Bugs = bugs,
                Tags = c.TryGetValue("tags", out var tags) ? ((List<object>)tags).Cast<string>().ToArray()
                    : new string[0],
            };
        }
    }
}
