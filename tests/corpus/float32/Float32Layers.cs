// The float32 verdict corpus of issue 14: the cases of fixtures/float32_cases.json (written by make_float32_corpus.py
// from torch) and, per family, the forward pass a user would write in C# in single precision: J(θ) in float
// arithmetic from a float32 θ and the case's float32 data, as a GradCheck.ISingleGradientObjective. Plain C# against
// GradCheck.Core's public API only, so that it compiles with Add-Type.
//
// The arithmetic is float throughout, with MathF for exp, log, tanh and sqrt: Core targets netstandard2.0, which has
// no MathF, but this file is compiled by Add-Type against the runtime PowerShell runs on (.NET 8 or later), which has.
// .NET does not contract a * b + c into a fused multiply-add, so each product and sum rounds to float on its own.
// Sums follow the grouping of the torch forward in make_float32_corpus.py (two sums added at the end, a step's loss
// summed before it joins the total); the order within a sum is plain left to right, which torch's blocked and
// pairwise reductions are not, so C# and torch agree to float32 rounding, not to the bit.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>A tiny JSON reader: objects → Dictionary, arrays → List, numbers → double (round-trip
    /// exact).</summary>
    public static class MiniJson
    {
        public static object Parse(string text)
        {
            int i = 0;
            var value = Value(text, ref i);
            Skip(text, ref i);
            if (i != text.Length) throw new FormatException($"Trailing text at {i}.");
            return value;
        }

        private static void Skip(string s, ref int i)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        }

        private static object Value(string s, ref int i)
        {
            Skip(s, ref i);
            char c = s[i];
            if (c == '{')
            {
                var result = new Dictionary<string, object>(StringComparer.Ordinal);
                i++;
                Skip(s, ref i);
                if (s[i] == '}') { i++; return result; }
                while (true)
                {
                    Skip(s, ref i);
                    string key = (string)Value(s, ref i);
                    Skip(s, ref i);
                    Expect(s, ref i, ':');
                    result[key] = Value(s, ref i);
                    Skip(s, ref i);
                    if (s[i] == ',') { i++; continue; }
                    Expect(s, ref i, '}');
                    return result;
                }
            }
            if (c == '[')
            {
                var result = new List<object>();
                i++;
                Skip(s, ref i);
                if (s[i] == ']') { i++; return result; }
                while (true)
                {
                    result.Add(Value(s, ref i));
                    Skip(s, ref i);
                    if (s[i] == ',') { i++; continue; }
                    Expect(s, ref i, ']');
                    return result;
                }
            }
            if (c == '"')
            {
                var text = new StringBuilder();
                i++;
                while (s[i] != '"')
                {
                    if (s[i] == '\\')
                    {
                        i++;
                        char e = s[i];
                        if (e == 'u') { text.Append((char)Convert.ToInt32(s.Substring(i + 1, 4), 16)); i += 4; }
                        else text.Append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r'
                            : e == 'b' ? '\b' : e == 'f' ? '\f' : e);
                        i++;
                    }
                    else text.Append(s[i++]);
                }
                i++;
                return text.ToString();
            }
            if (s.Length - i >= 4 && string.CompareOrdinal(s, i, "true", 0, 4) == 0) { i += 4; return true; }
            if (s.Length - i >= 5 && string.CompareOrdinal(s, i, "false", 0, 5) == 0) { i += 5; return false; }
            if (s.Length - i >= 4 && string.CompareOrdinal(s, i, "null", 0, 4) == 0) { i += 4; return null; }
            int start = i;
            while (i < s.Length && "+-0123456789.eEInfinityNa".IndexOf(s[i]) >= 0) i++;
            string number = s.Substring(start, i - start);
            if (number == "Infinity") return double.PositiveInfinity;
            if (number == "-Infinity") return double.NegativeInfinity;
            if (number == "NaN") return double.NaN;
            return double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        private static void Expect(string s, ref int i, char c)
        {
            if (s[i] != c) throw new FormatException($"Expected '{c}' at {i}, found '{s[i]}'.");
            i++;
        }

        public static double[] Doubles(object list) => ((List<object>)list).Select(Convert.ToDouble).ToArray();

        /// <summary>A list of float32 values written as doubles, each narrowed to its float. Throws when a value
        /// is not a float32 number, so that a fixture written from float64 values cannot pass for float32.</summary>
        public static float[] Floats(object list) => ((List<object>)list).Select(Float).ToArray();

        /// <summary>One float32 value written as a double (see <see cref="Floats"/>).</summary>
        public static float Float(object value)
        {
            double d = Convert.ToDouble(value);
            float f = (float)d;
            if ((double)f != d && !double.IsNaN(d))
                throw new FormatException($"{d.ToString("R", CultureInfo.InvariantCulture)} is not a float32 number.");
            return f;
        }

        public static string[] Strings(object list) => ((List<object>)list).Cast<string>().ToArray();
    }

    /// <summary>One buggy variant of a case: a hand-written float32 backward pass with a bug.</summary>
    public sealed class Float32Bug
    {
        public string Kind { get; set; }

        public string Description { get; set; }

        /// <summary>The buggy gradient under check, from the hand backward run in float32.</summary>
        public float[] Gradient { get; set; }

        /// <summary>The same backward, bug and all, run in float64: what the bug does, free of float32
        /// rounding.</summary>
        public double[] Gradient64 { get; set; }

        /// <summary>The blocks whose gradient the bug changes at all (in float64), in layout order.</summary>
        public string[] Changed { get; set; }

        /// <summary>Per changed block, ‖g_bug − g‖₂ / ‖g‖₂ in float64 (1e300 standing for ∞ when ‖g‖ = 0).</summary>
        public Dictionary<string, double> Change { get; set; }

        /// <summary>The largest of <see cref="Change"/>: the bug's effect relative to its block.</summary>
        public double Effect { get; set; }

        /// <summary>torch.autograd.gradcheck's own verdict on this variant, on torch's float32 forward.</summary>
        public bool TorchGradcheck { get; set; }

        /// <summary>The blocks torch's rule fails on torch's float32 forward.</summary>
        public string[] TorchFailed { get; set; }

        /// <summary>The emulated JAX check_vjp's verdict on torch's float32 forward.</summary>
        public bool JaxPassed { get; set; }
    }

    /// <summary>A float32 point near θ with torch's float32 and float64 costs there.</summary>
    public sealed class Float32Probe
    {
        public float[] Theta { get; set; }

        /// <summary>torch's J in float32.</summary>
        public double J { get; set; }

        /// <summary>torch's J in float64 at the same point.</summary>
        public double J64 { get; set; }
    }

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

    /// <summary>
    /// The user's float32 objective: a forward pass in float from the flat float32 θ, and the float32 gradient under
    /// test (the case's correct or buggy vector). Cost is pure, so the checker may call it from several threads.
    /// </summary>
    public abstract class Float32Layer : ISingleGradientObjective, IThreadSafeObjective
    {
        private readonly float[] _gradient;

        protected Float32Layer(Float32Case c, float[] gradient)
        {
            Case = c;
            _gradient = (float[])gradient.Clone();
        }

        public Float32Case Case { get; }

        public ParameterLayout Layout => Case.Layout;

        /// <summary>The layer's loss L(θ) in float32, the user's forward pass.</summary>
        public abstract float Loss(float[] theta);

        /// <summary>J = offset + scale·L in float32, as torch computes offset + scale * L.</summary>
        public float Cost(float[] theta) => Case.Offset + Case.Scale * Loss(theta);

        public float[] Gradient(float[] theta) => (float[])_gradient.Clone();

        /// <summary>The offset of block <paramref name="name"/> in θ.</summary>
        protected int At(string name) => Layout[name].Offset;

        protected int D(string name) => Case.Dim(name);

        /// <summary>The family's layer for a case, checking <paramref name="gradient"/> (null: torch's float32
        /// gradient).</summary>
        public static Float32Layer Create(Float32Case c, float[] gradient = null)
        {
            gradient = gradient ?? c.Correct;
            switch (c.Family)
            {
                case "affine": return new AffineLayer32(c, gradient);
                case "relu": return new ReLULayer32(c, gradient, 0f);
                case "leaky-relu": return new ReLULayer32(c, gradient, 0.01f);
                case "softmax-ce": return new SoftmaxLayer32(c, gradient);
                case "svm-hinge": return new HingeLayer32(c, gradient);
                case "batch-norm": return new NormLayer32(c, gradient, overBatch: true);
                case "layer-norm": return new NormLayer32(c, gradient, overBatch: false);
                case "conv1d": return new Conv1DLayer32(c, gradient);
                case "conv2d": return new Conv2DLayer32(c, gradient);
                case "max-pool": return new MaxPoolLayer32(c, gradient);
                case "dropout": return new DropoutLayer32(c, gradient);
                case "rnn": return new RnnLayer32(c, gradient);
                case "lstm": return new LstmLayer32(c, gradient);
                case "attention": return new AttentionLayer32(c, gradient);
                default: throw new ArgumentException("No float32 layer for family " + c.Family);
            }
        }

        /// <summary>x·W (+ b) in float for x (n×d) at xs[x..], W (d×m) at ws[w..], b at bs[b..] (b &lt; 0:
        /// none); the bias is added after the whole product, as x @ W + b does.</summary>
        protected static float[] Affine(float[] xs, int x, float[] ws, int w, float[] bs, int b, int n, int d, int m)
        {
            var z = new float[n * m];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < m; j++)
                {
                    float s = 0;
                    for (int k = 0; k < d; k++) s += xs[x + r * d + k] * ws[w + k * m + j];
                    z[r * m + j] = b < 0 ? s : s + bs[b + j];
                }
            return z;
        }

        protected static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));
    }

    /// <summary>out = x W + b; L = (1/2N) Σ (out − Y)².</summary>
    public sealed class AffineLayer32 : Float32Layer
    {
        public AffineLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            int n = D("N"), d = D("D"), m = D("M");
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), n, d, m);
            var y = Case["Y"];
            float s = 0;
            for (int i = 0; i < z.Length; i++)
            {
                float e = z[i] - y[i];
                s += e * e;
            }
            return s / (2 * n);
        }
    }

    /// <summary>h = relu(x W + b) or leaky_relu(·, slope); L = Σ R ⊙ h.</summary>
    public sealed class ReLULayer32 : Float32Layer
    {
        private readonly float _slope;

        public ReLULayer32(Float32Case c, float[] g, float slope) : base(c, g) { _slope = slope; }

        public override float Loss(float[] t)
        {
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), D("N"), D("D"), D("M"));
            var r = Case["R"];
            float s = 0;
            for (int i = 0; i < z.Length; i++) s += r[i] * (z[i] > 0 ? z[i] : _slope * z[i]);
            return s;
        }
    }

    /// <summary>z = x W + b; L = −(1/N) Σ log softmax(z)[y], with the row maximum subtracted first.</summary>
    public sealed class SoftmaxLayer32 : Float32Layer
    {
        public SoftmaxLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            int n = D("N"), k = D("C");
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), n, D("D"), k);
            var y = Case["y"];
            float total = 0;
            for (int r = 0; r < n; r++)
            {
                float max = float.NegativeInfinity, sum = 0;
                for (int j = 0; j < k; j++) max = Math.Max(max, z[r * k + j]);
                for (int j = 0; j < k; j++) sum += MathF.Exp(z[r * k + j] - max);
                total += MathF.Log(sum) - (z[r * k + (int)y[r]] - max);
            }
            return total / n;
        }
    }

    /// <summary>s = x W + b; L = (1/N) Σ_n Σ_{j≠y} max(0, s_j − s_y + 1).</summary>
    public sealed class HingeLayer32 : Float32Layer
    {
        public HingeLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            int n = D("N"), k = D("C");
            var s = Affine(t, At("x"), t, At("W"), t, At("b"), n, D("D"), k);
            var y = Case["y"];
            float total = 0;
            for (int r = 0; r < n; r++)
            {
                int label = (int)y[r];
                for (int j = 0; j < k; j++)
                    if (j != label) total += Math.Max(0f, s[r * k + j] - s[r * k + label] + 1f);
            }
            return total / n;
        }
    }

    /// <summary>Batch norm (over the rows) or layer norm (over each row): y = γ x̂ + β; L = Σ R ⊙ y.</summary>
    public sealed class NormLayer32 : Float32Layer
    {
        private readonly bool _overBatch;

        public NormLayer32(Float32Case c, float[] g, bool overBatch) : base(c, g) { _overBatch = overBatch; }

        public override float Loss(float[] t)
        {
            int n = D("N"), d = D("D"), x = At("x"), gamma = At("gamma"), beta = At("beta");
            float eps = Case["eps"][0];
            var r = Case["R"];
            // Groups: columns for batch norm, rows for layer norm; index(g, k) is the k-th member of group g.
            int groups = _overBatch ? d : n, size = _overBatch ? n : d;
            Func<int, int, int> index = _overBatch ? (Func<int, int, int>)((g, k) => k * d + g) : (g, k) => g * d + k;
            float total = 0;
            for (int g = 0; g < groups; g++)
            {
                float mean = 0, variance = 0;
                for (int k = 0; k < size; k++) mean += t[x + index(g, k)];
                mean /= size;
                for (int k = 0; k < size; k++)
                {
                    float e = t[x + index(g, k)] - mean;
                    variance += e * e;
                }
                variance /= size;
                float sd = MathF.Sqrt(variance + eps);
                for (int k = 0; k < size; k++)
                {
                    int i = index(g, k), feature = i % d;
                    float xhat = (t[x + i] - mean) / sd;
                    total += r[i] * (t[gamma + feature] * xhat + t[beta + feature]);
                }
            }
            return total;
        }
    }

    /// <summary>y[o,t] = b[o] + Σ_c Σ_k w[o,c,k] x[c,t+k]; L = Σ R ⊙ y + ¼ Σ y².</summary>
    public sealed class Conv1DLayer32 : Float32Layer
    {
        public Conv1DLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            int channels = D("C"), length = D("L"), filters = D("F"), k = D("K"), outLength = length - k + 1;
            int x = At("x"), w = At("w"), b = At("b");
            var r = Case["R"];
            float linear = 0, square = 0;
            for (int o = 0; o < filters; o++)
                for (int p = 0; p < outLength; p++)
                {
                    float y = 0;
                    for (int c = 0; c < channels; c++)
                        for (int q = 0; q < k; q++) y += t[w + (o * channels + c) * k + q] * t[x + c * length + p + q];
                    y += t[b + o];
                    linear += r[o * outLength + p] * y;
                    square += y * y;
                }
            return linear + 0.25f * square;
        }
    }

    /// <summary>y_n = conv2d(x_n, w) + b; L = (1/N) Σ_n (Σ R_n ⊙ y_n + ¼ Σ y_n²).</summary>
    public sealed class Conv2DLayer32 : Float32Layer
    {
        public Conv2DLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            int n = D("N"), channels = D("C"), height = D("H"), width = D("W"), filters = D("F"), k = D("K");
            int oh = height - k + 1, ow = width - k + 1, x = At("x"), w = At("w"), b = At("b");
            var r = Case["R"];
            float linear = 0, square = 0;
            for (int s = 0; s < n; s++)
                for (int f = 0; f < filters; f++)
                    for (int i = 0; i < oh; i++)
                        for (int j = 0; j < ow; j++)
                        {
                            float y = 0;
                            for (int c = 0; c < channels; c++)
                                for (int p = 0; p < k; p++)
                                    for (int q = 0; q < k; q++)
                                        y += t[w + ((f * channels + c) * k + p) * k + q]
                                             * t[x + ((s * channels + c) * height + i + p) * width + j + q];
                            y += t[b + f];
                            linear += r[((s * filters + f) * oh + i) * ow + j] * y;
                            square += y * y;
                        }
            return (linear + 0.25f * square) / n;
        }
    }

    /// <summary>y[c,i,j] = a[c] · max of the 2×2 window (stride 2); L = Σ R ⊙ y.</summary>
    public sealed class MaxPoolLayer32 : Float32Layer
    {
        public MaxPoolLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            int channels = D("C"), height = D("H"), width = D("W"), x = At("x"), a = At("a");
            int oh = height / 2, ow = width / 2;
            var r = Case["R"];
            float total = 0;
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        float max = float.NegativeInfinity;
                        for (int p = 0; p < 2; p++)
                            for (int q = 0; q < 2; q++)
                                max = Math.Max(max, t[x + (c * height + 2 * i + p) * width + 2 * j + q]);
                        total += r[(c * oh + i) * ow + j] * max * t[a + c];
                    }
            return total;
        }
    }

    /// <summary>h = relu(x W + b) ⊙ mask / keep; L = Σ R ⊙ h.</summary>
    public sealed class DropoutLayer32 : Float32Layer
    {
        public DropoutLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), D("N"), D("D"), D("M"));
            var r = Case["R"];
            var mask = Case["mask"];
            float keep = Case["keep"][0], s = 0;
            for (int i = 0; i < z.Length; i++) s += r[i] * (Math.Max(z[i], 0f) * mask[i] / keep);
            return s;
        }
    }

    /// <summary>h_t = tanh(x_t Wx + h_{t−1} Wh + b); L = Σ_t Σ R_t ⊙ h_t.</summary>
    public sealed class RnnLayer32 : Float32Layer
    {
        public RnnLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            int steps = D("T"), n = D("N"), d = D("D"), hidden = D("H"), bias = At("b");
            var xs = Case["xs"];
            var r = Case["R"];
            var h = new float[n * hidden];
            Array.Copy(t, At("h0"), h, 0, h.Length);
            float total = 0;
            for (int s = 0; s < steps; s++)
            {
                var a = Affine(xs, s * n * d, t, At("Wx"), null, -1, n, d, hidden);
                var b = Affine(h, 0, t, At("Wh"), null, -1, n, hidden, hidden);
                float step = 0;
                for (int i = 0; i < h.Length; i++)
                {
                    h[i] = MathF.Tanh(a[i] + b[i] + t[bias + i % hidden]);
                    step += r[s * n * hidden + i] * h[i];
                }
                total += step;
            }
            return total;
        }
    }

    /// <summary>LSTM steps with gates (i, f, o, g) = (σ, σ, σ, tanh)(x_t Wx + h Wh + b);
    /// L = Σ_t Σ R_t ⊙ h_t.</summary>
    public sealed class LstmLayer32 : Float32Layer
    {
        public LstmLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            int steps = D("T"), n = D("N"), d = D("D"), hidden = D("H"), four = 4 * hidden, bias = At("b");
            var xs = Case["xs"];
            var r = Case["R"];
            var h = new float[n * hidden];
            var c = new float[n * hidden];
            Array.Copy(t, At("h0"), h, 0, h.Length);
            Array.Copy(t, At("c0"), c, 0, c.Length);
            float total = 0;
            for (int s = 0; s < steps; s++)
            {
                var ax = Affine(xs, s * n * d, t, At("Wx"), null, -1, n, d, four);
                var ah = Affine(h, 0, t, At("Wh"), null, -1, n, hidden, four);
                // The pre-activation of gate column q in row `row`, grouped as (x Wx + h Wh) + b.
                Func<int, int, float> pre = (row, q) => ax[row * four + q] + ah[row * four + q] + t[bias + q];
                var next = new float[h.Length];
                float step = 0;
                for (int row = 0; row < n; row++)
                    for (int u = 0; u < hidden; u++)
                    {
                        float gi = Sigmoid(pre(row, u));
                        float gf = Sigmoid(pre(row, hidden + u));
                        float go = Sigmoid(pre(row, 2 * hidden + u));
                        float gg = MathF.Tanh(pre(row, 3 * hidden + u));
                        int i = row * hidden + u;
                        c[i] = gf * c[i] + gi * gg;
                        next[i] = go * MathF.Tanh(c[i]);
                        step += r[s * n * hidden + i] * next[i];
                    }
                total += step;
                h = next;
            }
            return total;
        }
    }

    /// <summary>Q, K, V = x Wq, x Wk, x Wv; A = softmax(Q Kᵀ / √dk) by rows; L = Σ R ⊙ (A V).</summary>
    public sealed class AttentionLayer32 : Float32Layer
    {
        public AttentionLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            int n = D("N"), d = D("D"), dk = D("K"), dv = D("V"), x = At("x");
            var q = Affine(t, x, t, At("Wq"), null, -1, n, d, dk);
            var k = Affine(t, x, t, At("Wk"), null, -1, n, d, dk);
            var v = Affine(t, x, t, At("Wv"), null, -1, n, d, dv);
            var r = Case["R"];
            // float(np.sqrt(dk)) in the torch forward: the double square root, rounded once to float.
            float root = (float)Math.Sqrt(dk), total = 0;
            var a = new float[n];
            for (int i = 0; i < n; i++)
            {
                float max = float.NegativeInfinity, sum = 0;
                for (int j = 0; j < n; j++)
                {
                    float s = 0;
                    for (int e = 0; e < dk; e++) s += q[i * dk + e] * k[j * dk + e];
                    a[j] = s / root;
                    max = Math.Max(max, a[j]);
                }
                for (int j = 0; j < n; j++) { a[j] = MathF.Exp(a[j] - max); sum += a[j]; }
                for (int j = 0; j < n; j++) a[j] /= sum;
                for (int e = 0; e < dv; e++)
                {
                    float o = 0;
                    for (int j = 0; j < n; j++) o += a[j] * v[j * dv + e];
                    total += r[i * dv + e] * o;
                }
            }
            return total;
        }
    }

    /// <summary>
    /// A float32 layer behind a double interface that does not say it is float32: what a user gets who computes in
    /// float inside an IGradientObjective. θ is rounded to float on the way in, J and the gradient widened on the
    /// way out, as SinglePrecisionObjective does, but without IDeclaresPrecision, so the checker must find out.
    /// </summary>
    public sealed class UndeclaredFloat32Objective : IGradientObjective, IThreadSafeObjective
    {
        private readonly ISingleGradientObjective _inner;

        public UndeclaredFloat32Objective(ISingleGradientObjective inner) { _inner = inner; }

        public ParameterLayout Layout => _inner.Layout;

        public double Cost(double[] theta) => _inner.Cost(Narrow(theta));

        public double[] Gradient(double[] theta) => _inner.Gradient(Narrow(theta)).Select(v => (double)v).ToArray();

        private static float[] Narrow(double[] theta) => theta.Select(v => (float)v).ToArray();
    }
}
