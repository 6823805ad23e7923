// The user-code verdict corpus of issue 9: the cases of fixtures/user_cases.json (written by make_user_corpus.py
// from torch) and, per family, the forward pass a user would write in C#: J(θ) from the flat θ and the case's
// data. Plain C# against GradCheck.Core's public API only, so that it compiles with Add-Type.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
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
    }

    /// <summary>One buggy variant of a case: a hand-written backward pass with a bug, from the python script.</summary>
    public sealed class UserBug
    {
        public string Kind { get; set; }

        public string Description { get; set; }

        public double[] Gradient { get; set; }

        /// <summary>The blocks whose gradient the bug changes at all, in layout order.</summary>
        public string[] Changed { get; set; }

        /// <summary>Per changed block, ‖g_bug − g‖₂ / ‖g‖₂ (1e300 standing for ∞ when ‖g‖ =
        /// 0).</summary>
        public Dictionary<string, double> Change { get; set; }
    }

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

    /// <summary>
    /// The user's objective: a forward pass from the flat θ, and the gradient under test (the case's correct or
    /// buggy vector). Cost is pure, so the checker may call it from several threads.
    /// </summary>
    public abstract class UserLayer : IGradientObjective, IThreadSafeObjective
    {
        private readonly double[] _gradient;

        protected UserLayer(UserCase c, double[] gradient)
        {
            Case = c;
            _gradient = (double[])gradient.Clone();
        }

        public UserCase Case { get; }

        public ParameterLayout Layout => Case.Layout;

        /// <summary>The layer's loss L(θ), the user's forward pass.</summary>
        public abstract double Loss(double[] theta);

        /// <summary>J = offset + scale·L, in double.</summary>
        public double Exact(double[] theta) => Case.Offset + Case.Scale * Loss(theta);

        /// <summary>J, rounded through float for the float32 cases (a cost computed in single precision).</summary>
        public double Cost(double[] theta) => Case.Float32 ? (double)(float)Exact(theta) : Exact(theta);

        public double[] Gradient(double[] theta) => (double[])_gradient.Clone();

        /// <summary>The offset of block <paramref name="name"/> in θ.</summary>
        protected int At(string name) => Layout[name].Offset;

        protected int D(string name) => Case.Dim(name);

        /// <summary>The family's layer for a case, checking <paramref name="gradient"/> (null: torch's
        /// truth).</summary>
        public static UserLayer Create(UserCase c, double[] gradient = null)
        {
            gradient = gradient ?? c.Truth;
            switch (c.Family)
            {
                case "affine": return new AffineLayer(c, gradient);
                case "relu": return new ReLULayer(c, gradient, 0);
                case "leaky-relu": return new ReLULayer(c, gradient, 0.01);
                case "softmax-ce": return new SoftmaxLayer(c, gradient);
                case "svm-hinge": return new HingeLayer(c, gradient);
                case "batch-norm": return new NormLayer(c, gradient, overBatch: true);
                case "layer-norm": return new NormLayer(c, gradient, overBatch: false);
                case "conv1d": return new Conv1DLayer(c, gradient);
                case "conv2d": return new Conv2DLayer(c, gradient);
                case "max-pool": return new MaxPoolLayer(c, gradient);
                case "dropout": return new DropoutLayer(c, gradient);
                case "rnn": return new RnnLayer(c, gradient);
                case "lstm": return new LstmLayer(c, gradient);
                case "attention": return new AttentionLayer(c, gradient);
                default: throw new ArgumentException("No layer for family " + c.Family);
            }
        }

        /// <summary>x·W + b for x (n×d) at θ[x..], W (d×m) at θ[w..], b at θ[b..] (b &lt; 0: none).</summary>
        protected static double[] Affine(
            double[] xs, int x, double[] ws, int w, double[] bs, int b, int n, int d, int m)
        {
            var z = new double[n * m];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < m; j++)
                {
                    double s = 0;
                    for (int k = 0; k < d; k++) s += xs[x + r * d + k] * ws[w + k * m + j];
                    z[r * m + j] = b < 0 ? s : s + bs[b + j];
                }
            return z;
        }

        protected static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
    }

    /// <summary>out = x W + b; L = (1/2N) Σ (out − Y)².</summary>
    public sealed class AffineLayer : UserLayer
    {
        public AffineLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int n = D("N"), d = D("D"), m = D("M");
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), n, d, m);
            var y = Case["Y"];
            double s = 0;
            for (int i = 0; i < z.Length; i++) s += (z[i] - y[i]) * (z[i] - y[i]);
            return s / (2 * n);
        }
    }

    /// <summary>h = relu(x W + b) or leaky_relu(·, slope); L = Σ R ⊙ h.</summary>
    public sealed class ReLULayer : UserLayer
    {
        private readonly double _slope;

        public ReLULayer(UserCase c, double[] g, double slope) : base(c, g) { _slope = slope; }

        public override double Loss(double[] t)
        {
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), D("N"), D("D"), D("M"));
            var r = Case["R"];
            double s = 0;
            for (int i = 0; i < z.Length; i++) s += r[i] * (z[i] > 0 ? z[i] : _slope * z[i]);
            return s;
        }
    }

    /// <summary>z = x W + b; L = −(1/N) Σ log softmax(z)[y], with the row maximum subtracted first.</summary>
    public sealed class SoftmaxLayer : UserLayer
    {
        public SoftmaxLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int n = D("N"), k = D("C");
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), n, D("D"), k);
            var y = Case["y"];
            double total = 0;
            for (int r = 0; r < n; r++)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int j = 0; j < k; j++) max = Math.Max(max, z[r * k + j]);
                for (int j = 0; j < k; j++) sum += Math.Exp(z[r * k + j] - max);
                total += Math.Log(sum) - (z[r * k + (int)y[r]] - max);
            }
            return total / n;
        }
    }

    /// <summary>s = x W + b; L = (1/N) Σ_n Σ_{j≠y} max(0, s_j − s_y + 1).</summary>
    public sealed class HingeLayer : UserLayer
    {
        public HingeLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int n = D("N"), k = D("C");
            var s = Affine(t, At("x"), t, At("W"), t, At("b"), n, D("D"), k);
            var y = Case["y"];
            double total = 0;
            for (int r = 0; r < n; r++)
            {
                int label = (int)y[r];
                for (int j = 0; j < k; j++)
                    if (j != label) total += Math.Max(0, s[r * k + j] - s[r * k + label] + 1);
            }
            return total / n;
        }
    }

    /// <summary>Batch norm (over the rows) or layer norm (over each row): y = γ x̂ + β; L = Σ R ⊙ y.</summary>
    public sealed class NormLayer : UserLayer
    {
        private readonly bool _overBatch;

        public NormLayer(UserCase c, double[] g, bool overBatch) : base(c, g) { _overBatch = overBatch; }

        public override double Loss(double[] t)
        {
            int n = D("N"), d = D("D"), x = At("x"), gamma = At("gamma"), beta = At("beta");
            double eps = Case["eps"][0];
            var r = Case["R"];
            // Groups: columns for batch norm, rows for layer norm; index(g, k) is the k-th member of group g.
            int groups = _overBatch ? d : n, size = _overBatch ? n : d;
            Func<int, int, int> index = _overBatch ? (Func<int, int, int>)((g, k) => k * d + g) : (g, k) => g * d + k;
            double total = 0;
            for (int g = 0; g < groups; g++)
            {
                double mean = 0, variance = 0;
                for (int k = 0; k < size; k++) mean += t[x + index(g, k)];
                mean /= size;
                for (int k = 0; k < size; k++) variance += (t[x + index(g, k)] - mean) * (t[x + index(g, k)] - mean);
                variance /= size;
                double sd = Math.Sqrt(variance + eps);
                for (int k = 0; k < size; k++)
                {
                    int i = index(g, k), feature = i % d;
                    double xhat = (t[x + i] - mean) / sd;
                    total += r[i] * (t[gamma + feature] * xhat + t[beta + feature]);
                }
            }
            return total;
        }
    }

    /// <summary>y[o,t] = b[o] + Σ_c Σ_k w[o,c,k] x[c,t+k]; L = Σ R ⊙ y + ¼ Σ y².</summary>
    public sealed class Conv1DLayer : UserLayer
    {
        public Conv1DLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int channels = D("C"), length = D("L"), filters = D("F"), k = D("K"), outLength = length - k + 1;
            int x = At("x"), w = At("w"), b = At("b");
            var r = Case["R"];
            double total = 0;
            for (int o = 0; o < filters; o++)
                for (int p = 0; p < outLength; p++)
                {
                    double y = t[b + o];
                    for (int c = 0; c < channels; c++)
                        for (int q = 0; q < k; q++) y += t[w + (o * channels + c) * k + q] * t[x + c * length + p + q];
                    total += r[o * outLength + p] * y + 0.25 * y * y;
                }
            return total;
        }
    }

    /// <summary>y_n = conv2d(x_n, w) + b; L = (1/N) Σ_n (Σ R_n ⊙ y_n + ¼ Σ y_n²).</summary>
    public sealed class Conv2DLayer : UserLayer
    {
        public Conv2DLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int n = D("N"), channels = D("C"), height = D("H"), width = D("W"), filters = D("F"), k = D("K");
            int oh = height - k + 1, ow = width - k + 1, x = At("x"), w = At("w"), b = At("b");
            var r = Case["R"];
            double total = 0;
            for (int s = 0; s < n; s++)
                for (int f = 0; f < filters; f++)
                    for (int i = 0; i < oh; i++)
                        for (int j = 0; j < ow; j++)
                        {
                            double y = t[b + f];
                            for (int c = 0; c < channels; c++)
                                for (int p = 0; p < k; p++)
                                    for (int q = 0; q < k; q++)
                                        y += t[w + ((f * channels + c) * k + p) * k + q]
                                             * t[x + ((s * channels + c) * height + i + p) * width + j + q];
                            total += r[((s * filters + f) * oh + i) * ow + j] * y + 0.25 * y * y;
                        }
            return total / n;
        }
    }

    /// <summary>y[c,i,j] = a[c] · max of the 2×2 window (stride 2); L = Σ R ⊙ y.</summary>
    public sealed class MaxPoolLayer : UserLayer
    {
        public MaxPoolLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int channels = D("C"), height = D("H"), width = D("W"), x = At("x"), a = At("a");
            int oh = height / 2, ow = width / 2;
            var r = Case["R"];
            double total = 0;
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double max = double.NegativeInfinity;
                        for (int p = 0; p < 2; p++)
                            for (int q = 0; q < 2; q++)
                                max = Math.Max(max, t[x + (c * height + 2 * i + p) * width + 2 * j + q]);
                        total += r[(c * oh + i) * ow + j] * max * t[a + c];
                    }
            return total;
        }
    }

    /// <summary>h = relu(x W + b) ⊙ mask / keep; L = Σ R ⊙ h.</summary>
    public sealed class DropoutLayer : UserLayer
    {
        public DropoutLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), D("N"), D("D"), D("M"));
            var r = Case["R"];
            var mask = Case["mask"];
            double keep = Case["keep"][0], s = 0;
            for (int i = 0; i < z.Length; i++) s += r[i] * (Math.Max(z[i], 0) * mask[i] / keep);
            return s;
        }
    }

    /// <summary>h_t = tanh(x_t Wx + h_{t−1} Wh + b); L = Σ_t Σ R_t ⊙ h_t.</summary>
    public sealed class RnnLayer : UserLayer
    {
        public RnnLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int steps = D("T"), n = D("N"), d = D("D"), hidden = D("H");
            var xs = Case["xs"];
            var r = Case["R"];
            var h = new double[n * hidden];
            Array.Copy(t, At("h0"), h, 0, h.Length);
            double total = 0;
            for (int s = 0; s < steps; s++)
            {
                var a = Affine(xs, s * n * d, t, At("Wx"), null, -1, n, d, hidden);
                var b = Affine(h, 0, t, At("Wh"), t, At("b"), n, hidden, hidden);
                for (int i = 0; i < h.Length; i++)
                {
                    h[i] = Math.Tanh(a[i] + b[i]);
                    total += r[s * n * hidden + i] * h[i];
                }
            }
            return total;
        }
    }

    /// <summary>LSTM steps with gates (i, f, o, g) = (σ, σ, σ, tanh)(x_t Wx + h Wh + b);
    /// L = Σ_t Σ R_t ⊙ h_t.</summary>
    public sealed class LstmLayer : UserLayer
    {
        public LstmLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int steps = D("T"), n = D("N"), d = D("D"), hidden = D("H"), four = 4 * hidden;
            var xs = Case["xs"];
            var r = Case["R"];
            var h = new double[n * hidden];
            var c = new double[n * hidden];
            Array.Copy(t, At("h0"), h, 0, h.Length);
            Array.Copy(t, At("c0"), c, 0, c.Length);
            double total = 0;
            for (int s = 0; s < steps; s++)
            {
                var ax = Affine(xs, s * n * d, t, At("Wx"), null, -1, n, d, four);
                var ah = Affine(h, 0, t, At("Wh"), t, At("b"), n, hidden, four);
                var next = new double[h.Length];
                for (int row = 0; row < n; row++)
                    for (int u = 0; u < hidden; u++)
                    {
                        int o = row * four;
                        double gi = Sigmoid(ax[o + u] + ah[o + u]);
                        double gf = Sigmoid(ax[o + hidden + u] + ah[o + hidden + u]);
                        double go = Sigmoid(ax[o + 2 * hidden + u] + ah[o + 2 * hidden + u]);
                        double gg = Math.Tanh(ax[o + 3 * hidden + u] + ah[o + 3 * hidden + u]);
                        int i = row * hidden + u;
                        c[i] = gf * c[i] + gi * gg;
                        next[i] = go * Math.Tanh(c[i]);
                        total += r[s * n * hidden + i] * next[i];
                    }
                h = next;
            }
            return total;
        }
    }

    /// <summary>Q, K, V = x Wq, x Wk, x Wv; A = softmax(Q Kᵀ / √dk) by rows; L = Σ R ⊙ (A V).</summary>
    public sealed class AttentionLayer : UserLayer
    {
        public AttentionLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int n = D("N"), d = D("D"), dk = D("K"), dv = D("V"), x = At("x");
            var q = Affine(t, x, t, At("Wq"), null, -1, n, d, dk);
            var k = Affine(t, x, t, At("Wk"), null, -1, n, d, dk);
            var v = Affine(t, x, t, At("Wv"), null, -1, n, d, dv);
            var r = Case["R"];
            double root = Math.Sqrt(dk), total = 0;
            var a = new double[n];
            for (int i = 0; i < n; i++)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int e = 0; e < dk; e++) s += q[i * dk + e] * k[j * dk + e];
                    a[j] = s / root;
                    max = Math.Max(max, a[j]);
                }
                for (int j = 0; j < n; j++) { a[j] = Math.Exp(a[j] - max); sum += a[j]; }
                for (int j = 0; j < n; j++) a[j] /= sum;
                for (int e = 0; e < dv; e++)
                {
                    double o = 0;
                    for (int j = 0; j < n; j++) o += a[j] * v[j * dv + e];
                    total += r[i * dv + e] * o;
                }
            }
            return total;
        }
    }
}
