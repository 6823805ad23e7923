// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>One case: a layer's inputs x, torch's y, Jacobian and vjp there, and the bugs.</summary>
    public sealed class JacobianCase
    {
        public string Id { get; set; }

        public string Family { get; set; }

        public string Condition { get; set; }

        public string Note { get; set; }

        public ParameterLayout InputLayout { get; set; }

        public ParameterLayout OutputLayout { get; set; }

        public Dictionary<string, int> Dims { get; set; }

        public Dictionary<string, double[]> Data { get; set; }

        public double[] X { get; set; }

        /// <summary>torch's f(x).</summary>
        public double[] Y { get; set; }

        /// <summary>Per output, the scale of its rounding over u: max(|y_i|, Σ_j |J_ij x_j|).</summary>
        public double[] YScale { get; set; }

        /// <summary>torch autograd's Jacobian, (outputs × inputs) row-major.</summary>
        public double[] Jacobian { get; set; }

        /// <summary>The random upstream of the VJP mode, and torch's vjp for it.</summary>
        public double[] Dout { get; set; }

        public double[] Vjp { get; set; }

        /// <summary>Inputs (flat indices) that sit exactly on a kink: ReLU inputs at 0, tied maxima.</summary>
        public int[] Kinks { get; set; }

        public JacobianBug[] Bugs { get; set; }

        public int Inputs => InputLayout.Count;

        public int Outputs => OutputLayout.Count;

        public int Dim(string name) => Dims[name];

        public double[] this[string data] => Data[data];

        /// <summary>torch's J[i, j].</summary>
        public double J(int i, int j) => Jacobian[i * Inputs + j];

        /// <summary>The pair's name, as the fixture writes it: "y ← W".</summary>
        public static string PairName(string output, string input) => output + " ← " + input;

        public override string ToString() => $"{Id} ({Condition}{(string.IsNullOrEmpty(Note) ? "" : ": " + Note)})";

        public static JacobianCase[] Load(string path)
        {
            var root = (Dictionary<string, object>)MiniJson.Parse(File.ReadAllText(path));
            return ((List<object>)root["cases"]).Cast<Dictionary<string, object>>().Select(FromJson).ToArray();
        }

        private static ParameterLayout Layout(object blocks) =>
            ParameterLayout.Create(((List<object>)blocks).Cast<Dictionary<string, object>>()
                .Select(b => new KeyValuePair<string, int[]>((string)b["name"],
                    ((List<object>)b["shape"]).Select(Convert.ToInt32).ToArray())));

        private static Dictionary<string, double> Numbers(object map) =>
            ((Dictionary<string, object>)map).ToDictionary(p => p.Key, p => Convert.ToDouble(p.Value));

        private static JacobianCase FromJson(Dictionary<string, object> c)
        {
            var bugs = ((List<object>)c["bugs"]).Cast<Dictionary<string, object>>().Select(b => new JacobianBug
            {
                Kind = (string)b["kind"],
                Description = (string)b["description"],
                Jacobian = MiniJson.Doubles(b["jacobian"]),
                Vjp = MiniJson.Doubles(b["vjp"]),
                Changed = ((List<object>)b["changed"]).Cast<string>().ToArray(),
                Effect = Numbers(b["effect"]),
                Resolvability = Numbers(b["resolvability"]),
                VjpEffect = Numbers(b["vjp_effect"]),
                VjpResolvability = Numbers(b["vjp_resolvability"]),
                KinkOnly = (bool)b["kink_only"],
                OneSided = b.TryGetValue("one_sided", out var one) && (bool)one,
            }).ToArray();
            return new JacobianCase
            {
                Id = (string)c["id"],
                Family = (string)c["family"],
                Condition = (string)c["condition"],
                Note = (string)c["note"],
                InputLayout = Layout(c["inputs"]),
                OutputLayout = Layout(c["outputs"]),
                Dims = ((Dictionary<string, object>)c["dims"]).ToDictionary(p => p.Key, p => Convert.ToInt32(p.Value)),
                Data = ((Dictionary<string, object>)c["data"]).ToDictionary(p => p.Key, p => MiniJson.Doubles(p.Value)),
                X = MiniJson.Doubles(c["x"]),
                Y = MiniJson.Doubles(c["y"]),
                YScale = MiniJson.Doubles(c["yscale"]),
                Jacobian = MiniJson.Doubles(c["jacobian"]),
                Dout = MiniJson.Doubles(c["dout"]),
                Vjp = MiniJson.Doubles(c["vjp"]),
                Kinks = ((List<object>)c["kinks"]).Select(Convert.ToInt32).ToArray(),
                Bugs = bugs,
            };
        }
    }
}
