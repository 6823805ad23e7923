// Part of the corpus in Float32Layers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>One case of the corpus: a layer's float32 loss at a float32 θ, its gradients from torch autograd in
    /// float32 (correct) and float64 (truth), and its bugs.</summary>
    public sealed class Float32Case
    {
        public string Id { get; set; }

        public string Family { get; set; }

        public string Condition { get; set; }

        public string Note { get; set; }

        public ParameterLayout Layout { get; set; }

        /// <summary>θ, float32 numbers.</summary>
        public float[] Theta { get; set; }

        /// <summary>θ widened, exactly: the point the checker is given.</summary>
        public double[] ThetaDouble => Theta.Select(v => (double)v).ToArray();

        public Dictionary<string, float[]> Data { get; set; }

        public Dictionary<string, int> Dims { get; set; }

        /// <summary>J = offset + scale·L, both float32 numbers.</summary>
        public float Offset { get; set; }

        public float Scale { get; set; } = 1;

        /// <summary>torch's J at θ in float32.</summary>
        public double J { get; set; }

        /// <summary>torch's J at θ in float64.</summary>
        public double J64 { get; set; }

        public double Loss { get; set; }

        public double Loss64 { get; set; }

        /// <summary>torch autograd's float32 ∂J/∂θ on the float32 forward: the correct gradient under check.</summary>
        public float[] Correct { get; set; }

        /// <summary>torch autograd's float64 ∂J/∂θ at the same θ: the truth.</summary>
        public double[] Truth { get; set; }

        public Float32Probe[] Probes { get; set; }

        /// <summary>torch.autograd.gradcheck's numerical derivative (eps = 1e-6, float32) on torch's
        /// forward.</summary>
        public float[] TorchNumerical { get; set; }

        public bool TorchGradcheck { get; set; }

        public string[] TorchFailed { get; set; }

        /// <summary>The tangent and cotangent of JAX's check_vjp (RandomState(0).randn, as float32).</summary>
        public float[] JaxTangent { get; set; }

        public float JaxCotangent { get; set; }

        /// <summary>The float32 numerical JVP (eps = 1e-4) on torch's forward.</summary>
        public float JaxJvp { get; set; }

        public bool JaxPassed { get; set; }

        public Float32Bug[] Bugs { get; set; }

        public int Dim(string name) => Dims[name];

        public float[] this[string data] => Data[data];

        public override string ToString() => $"{Id} ({Condition}{(string.IsNullOrEmpty(Note) ? "" : ": " + Note)})";

        public static Float32Case[] Load(string path)
        {
            var root = (Dictionary<string, object>)MiniJson.Parse(File.ReadAllText(path));
            return ((List<object>)root["cases"]).Cast<Dictionary<string, object>>().Select(FromJson).ToArray();
        }

        private static Float32Case FromJson(Dictionary<string, object> c)
        {
            var shapes = ((List<object>)c["blocks"]).Cast<Dictionary<string, object>>()
                .Select(b => new KeyValuePair<string, int[]>((string)b["name"],
                    ((List<object>)b["shape"]).Select(Convert.ToInt32).ToArray()))
                .ToList();
            var bugs = ((List<object>)c["bugs"]).Cast<Dictionary<string, object>>().Select(b => new Float32Bug
            {
                Kind = (string)b["kind"],
                Description = (string)b["description"],
                Gradient = MiniJson.Floats(b["gradient"]),
                Gradient64 = MiniJson.Doubles(b["gradient64"]),
                Changed = MiniJson.Strings(b["changed"]),
                Change = ((Dictionary<string, object>)b["change"])
                    .ToDictionary(p => p.Key, p => Convert.ToDouble(p.Value)),
                Effect = Convert.ToDouble(b["effect"]),
                TorchGradcheck = (bool)b["torch_gradcheck"],
                TorchFailed = MiniJson.Strings(b["torch_failed"]),
                JaxPassed = (bool)b["jax_pass"],
            }).ToArray();
            var torch = (Dictionary<string, object>)c["torch"];
            var jax = (Dictionary<string, object>)c["jax"];
            return new Float32Case
            {
                Id = (string)c["id"],
                Family = (string)c["family"],
                Condition = (string)c["condition"],
                Note = (string)c["note"],
                Layout = ParameterLayout.Create(shapes),
                Theta = MiniJson.Floats(c["theta"]),
                Data = ((Dictionary<string, object>)c["data"]).ToDictionary(p => p.Key, p => MiniJson.Floats(p.Value)),
                Dims = ((Dictionary<string, object>)c["dims"]).ToDictionary(p => p.Key, p => Convert.ToInt32(p.Value)),
                Offset = MiniJson.Float(c["offset"]),
                Scale = MiniJson.Float(c["scale"]),
                J = MiniJson.Float(c["J"]),
                J64 = Convert.ToDouble(c["J64"]),
                Loss = MiniJson.Float(c["loss"]),
                Loss64 = Convert.ToDouble(c["loss64"]),
                Correct = MiniJson.Floats(c["correct"]),
                Truth = MiniJson.Doubles(c["truth"]),
                Probes = ((List<object>)c["probes"]).Cast<Dictionary<string, object>>().Select(p => new Float32Probe
                {
                    Theta = MiniJson.Floats(p["theta"]),
                    J = MiniJson.Float(p["J"]),
                    J64 = Convert.ToDouble(p["J64"]),
                }).ToArray(),
                TorchNumerical = MiniJson.Floats(torch["numerical"]),
                TorchGradcheck = (bool)torch["gradcheck"],
                TorchFailed = MiniJson.Strings(torch["failed"]),
                JaxTangent = MiniJson.Floats(jax["tangent"]),
                JaxCotangent = MiniJson.Float(jax["cotangent"]),
                JaxJvp = MiniJson.Float(jax["jvp"]),
                JaxPassed = (bool)jax["passed"],
                Bugs = bugs,
            };
        }
    }
}
