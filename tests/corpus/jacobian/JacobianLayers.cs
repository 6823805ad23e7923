// The Jacobian verdict corpus: the cases of fixtures/jacobian_cases.json (written by make_jacobian_corpus.py from
// torch) and, per family, the layer a user would write in C#: a forward pass y = f(x) and a hand-written backward
// pass uᵀJ, with a bug selector that plants the same bugs as the python script's numpy backward passes. Plain C#
// against GradCheck.Core's public API only, so that it compiles with Add-Type.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>A tiny JSON reader: objects → Dictionary, arrays → List, numbers → double (round-trip exact).
    /// Copied from the user corpus's reader, which compiles only in its own runs.</summary>
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

    /// <summary>One buggy backward pass of a case, as the python script's numpy version computes it.</summary>
    public sealed class JacobianBug
    {
        public string Kind { get; set; }

        public string Description { get; set; }

        /// <summary>The buggy Jacobian, (outputs × inputs) row-major: row i is the buggy vjp of e_i.</summary>
        public double[] Jacobian { get; set; }

        /// <summary>The buggy vjp of the case's upstream dout.</summary>
        public double[] Vjp { get; set; }

        /// <summary>The (output ← input) pairs the bug changes at all, in the layouts' order.</summary>
        public string[] Changed { get; set; }

        /// <summary>Per changed pair, max |J_bug − J| / max |J| over the pair (1e300 standing for ∞).</summary>
        public Dictionary<string, double> Effect { get; set; }

        /// <summary>Per changed pair, max |J_bug − J_hand| over u·yscale_i/ε (ε = 1e-7), from the python
        /// script.</summary>
        public Dictionary<string, double> Resolvability { get; set; }

        /// <summary>Per input block of a changed pair, max |vjp_bug − vjp| / max |vjp|.</summary>
        public Dictionary<string, double> VjpEffect { get; set; }

        /// <summary>Per input block of a changed pair, max |vjp_bug − vjp_hand| over
        /// u·Σ_i |dout_i|·yscale_i/ε.</summary>
        public Dictionary<string, double> VjpResolvability { get; set; }

        /// <summary>The bug changes only columns of inputs that sit exactly on a kink: no finite difference can
        /// tell it from the truth.</summary>
        public bool KinkOnly { get; set; }

        /// <summary>For a kink-only bug: each changed column is one of torch's one-sided columns there.</summary>
        public bool OneSided { get; set; }
    }

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

    /// <summary>
    /// A user's layer: Evaluate is the forward pass, Backward the hand-written vjp, with the bug of
    /// <see cref="Bug"/> (null: the correct backward). Both are pure, so the checker may call them from several
    /// threads.
    /// </summary>
    public abstract class JacobianLayer : IVectorFunction, IThreadSafeObjective
    {
        protected JacobianLayer(JacobianCase c, string bug)
        {
            Case = c;
            Bug = string.IsNullOrEmpty(bug) ? null : bug; // PowerShell passes $null to a string as ""
        }

        public JacobianCase Case { get; }

        /// <summary>The bug's kind, or null for the correct backward pass.</summary>
        public string Bug { get; }

        public ParameterLayout InputLayout => Case.InputLayout;

        public ParameterLayout OutputLayout => Case.OutputLayout;

        public double[] Evaluate(double[] x)
        {
            var y = new double[OutputLayout.Count];
            Forward(x, y);
            return y;
        }

        public double[] Backward(double[] x, double[] upstream)
        {
            var g = new double[InputLayout.Count];
            Backward(x, upstream, g);
            return g;
        }

        /// <summary>Writes f(x) into y.</summary>
        protected abstract void Forward(double[] x, double[] y);

        /// <summary>Writes uᵀJ(x) into g (all zeros on entry).</summary>
        protected abstract void Backward(double[] x, double[] u, double[] g);

        /// <summary>The Jacobian this backward pass implies: row i is Backward(x, e_i).</summary>
        public double[] JacobianRows(double[] x)
        {
            int m = OutputLayout.Count, n = InputLayout.Count;
            var rows = new double[m * n];
            for (int i = 0; i < m; i++)
            {
                var e = new double[m];
                e[i] = 1;
                Array.Copy(Backward(x, e), 0, rows, i * n, n);
            }
            return rows;
        }

        protected bool Is(string bug) => Bug == bug;

        protected int In(string block) => InputLayout[block].Offset;

        protected int Out(string block) => OutputLayout[block].Offset;

        protected int D(string name) => Case.Dim(name);

        /// <summary>A copy of input block <paramref name="block"/>.</summary>
        protected double[] Get(double[] x, string block)
        {
            var b = InputLayout[block];
            var v = new double[b.Count];
            Array.Copy(x, b.Offset, v, 0, b.Count);
            return v;
        }

        /// <summary>A copy of the upstream of output block <paramref name="block"/>.</summary>
        protected double[] Upstream(double[] u, string block)
        {
            var b = OutputLayout[block];
            var v = new double[b.Count];
            Array.Copy(u, b.Offset, v, 0, b.Count);
            return v;
        }

        protected void Put(double[] y, string block, double[] v) =>
            Array.Copy(v, 0, y, OutputLayout[block].Offset, v.Length);

        protected void Grad(double[] g, string block, double[] v) =>
            Array.Copy(v, 0, g, InputLayout[block].Offset, v.Length);

        /// <summary>a (n×k) · b (k×m), row-major.</summary>
        protected static double[] MatMul(double[] a, double[] b, int n, int k, int m)
        {
            var c = new double[n * m];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < m; j++)
                {
                    double s = 0;
                    for (int t = 0; t < k; t++) s += a[r * k + t] * b[t * m + j];
                    c[r * m + j] = s;
                }
            return c;
        }

        /// <summary>The transpose of a (n×m).</summary>
        protected static double[] Transpose(double[] a, int n, int m)
        {
            var t = new double[a.Length];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < m; j++) t[j * n + r] = a[r * m + j];
            return t;
        }

        /// <summary>The sum over the rows of a (n×m): a length-m vector.</summary>
        protected static double[] SumRows(double[] a, int n, int m)
        {
            var s = new double[m];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < m; j++) s[j] += a[r * m + j];
            return s;
        }

        protected static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

        /// <summary>log(1 + z), accurate for small z (Goldberg's trick; .NET has no exact log1p).</summary>
        protected static double Log1p(double z)
        {
            double w = 1 + z;
            return w == 1 ? z : Math.Log(w) * z / (w - 1);
        }

        /// <summary>The family's layer for a case; <paramref name="bug"/> null: the correct backward.</summary>
        public static JacobianLayer Create(JacobianCase c, string bug = null)
        {
            switch (c.Family)
            {
                case "affine": return new AffineLayer(c, bug);
                case "relu": return new ReLULayer(c, bug, 0);
                case "leaky-relu": return new ReLULayer(c, bug, 0.01);
                case "tanh":
                case "sigmoid":
                case "softplus":
                case "gelu-tanh": return new SmoothLayer(c, bug);
                case "softmax": return new SoftmaxLayer(c, bug, log: false);
                case "log-softmax": return new SoftmaxLayer(c, bug, log: true);
                case "layer-norm": return new NormLayer(c, bug, overBatch: false);
                case "batch-norm": return new NormLayer(c, bug, overBatch: true);
                case "conv1d": return new Conv1DLayer(c, bug);
                case "conv2d": return new Conv2DLayer(c, bug);
                case "max-pool": return new MaxPoolLayer(c, bug);
                case "avg-pool": return new AvgPoolLayer(c, bug);
                case "embedding": return new EmbeddingLayer(c, bug);
                case "attention": return new AttentionLayer(c, bug);
                case "lstm-cell": return new LstmCellLayer(c, bug);
                case "gru-cell": return new GruCellLayer(c, bug);
                case "mse": return new MseLayer(c, bug);
                case "cross-entropy": return new CrossEntropyLayer(c, bug);
                default: throw new ArgumentException("No layer for family " + c.Family);
            }
        }
    }

    /// <summary>y = x W + b (N×D · D×M), or x W without the bias.</summary>
    public sealed class AffineLayer : JacobianLayer
    {
        public AffineLayer(JacobianCase c, string bug) : base(c, bug) { }

        private bool HasBias => D("bias") != 0;

        protected override void Forward(double[] t, double[] y)
        {
            int n = D("N"), d = D("D"), m = D("M"), x = In("x"), w = In("W");
            for (int r = 0; r < n; r++)
                for (int j = 0; j < m; j++)
                {
                    double s = 0;
                    for (int k = 0; k < d; k++) s += t[x + r * d + k] * t[w + k * m + j];
                    y[r * m + j] = HasBias ? s + t[In("b") + j] : s;
                }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), d = D("D"), m = D("M"), x = In("x"), w = In("W");
            // dx = u Wᵀ (the bug: u · W.reshape(M, D), whose entry (j, k) is W's flat entry j·D + k).
            for (int r = 0; r < n; r++)
                for (int k = 0; k < d; k++)
                {
                    double s = 0;
                    for (int j = 0; j < m; j++)
                        s += u[r * m + j] * (Is("dx-reshaped-W") ? t[w + j * d + k] : t[w + k * m + j]);
                    g[x + r * d + k] = s;
                }
            // dW = xᵀ u (the bug: uᵀ x, an M×D matrix, its flat entries poured into the D×M block).
            for (int k = 0; k < d; k++)
                for (int j = 0; j < m; j++)
                {
                    double s = 0;
                    for (int r = 0; r < n; r++) s += t[x + r * d + k] * u[r * m + j];
                    if (Is("dW-mean")) s /= n;
                    if (Is("dW-reshaped")) g[w + j * d + k] = s;
                    else g[w + k * m + j] = s;
                }
            if (!HasBias) return;
            int b = In("b");
            for (int j = 0; j < m; j++)
            {
                double s = 0;
                for (int r = 0; r < n; r++) s += u[r * m + j];
                g[b + j] = Is("db-first-row") ? u[j] : Is("db-mean") ? s / n : s;
            }
        }
    }

    /// <summary>y = relu(x), or leaky_relu(x, slope): torch's derivative at exactly 0 is 0, or the slope.</summary>
    public sealed class ReLULayer : JacobianLayer
    {
        private readonly double _slope;

        public ReLULayer(JacobianCase c, string bug, double slope) : base(c, bug) { _slope = slope; }

        protected override void Forward(double[] t, double[] y)
        {
            for (int i = 0; i < y.Length; i++) y[i] = t[i] > 0 ? t[i] : _slope * t[i];
        }

        private double Derivative(double z)
        {
            if (Is("no-mask") || Is("no-derivative")) return 1;
            if (Is("mask-ge")) return z >= 0 ? 1 : _slope;
            if (Is("inverted-mask") || Is("swapped-branches")) return z > 0 ? _slope : 1;
            if (Is("zero-negative-slope")) return z > 0 ? 1 : 0;
            return z > 0 ? 1 : _slope;
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), m = D("M");
            for (int r = 0; r < n; r++)
                for (int j = 0; j < m; j++)
                {
                    // The shifted mask reads the unit to the left (wrapping), an off-by-one in the loop.
                    int from = Is("mask-shifted") ? r * m + (j + m - 1) % m : r * m + j;
                    g[r * m + j] = u[r * m + j] * Derivative(t[from]);
                }
        }
    }

    /// <summary>tanh, sigmoid, softplus or gelu-tanh, elementwise.</summary>
    public sealed class SmoothLayer : JacobianLayer
    {
        private const double GeluC = 0.044715;
        private static readonly double GeluK = Math.Sqrt(2 / Math.PI);

        public SmoothLayer(JacobianCase c, string bug) : base(c, bug) { }

        private double F(double x)
        {
            switch (Case.Family)
            {
                case "tanh": return Math.Tanh(x);
                case "sigmoid": return Sigmoid(x);
                case "softplus": return Math.Max(x, 0) + Log1p(Math.Exp(-Math.Abs(x)));
                default: return 0.5 * x * (1 + Math.Tanh(GeluK * (x + GeluC * x * x * x)));
            }
        }

        private double Derivative(double x)
        {
            double y = F(x);
            switch (Case.Family)
            {
                case "tanh":
                    if (Is("uses-x")) return 1 - x * x;
                    if (Is("tanh-of-y")) return 1 - Math.Tanh(y) * Math.Tanh(y);
                    if (Is("missing-square")) return 1 - y;
                    if (Is("wrong-sign")) return y * y - 1;
                    return 1 - y * y;
                case "sigmoid":
                    if (Is("uses-x")) return x * (1 - x);
                    if (Is("sigmoid-of-y")) return Sigmoid(y) * (1 - Sigmoid(y));
                    if (Is("missing-one-minus")) return y;
                    if (Is("wrong-sign")) return y * (y - 1);
                    return y * (1 - y);
                case "softplus":
                    if (Is("sigmoid-of-minus-x")) return Sigmoid(-x);
                    if (Is("uses-y")) return Sigmoid(y);
                    if (Is("missing-denominator")) return Math.Exp(x);
                    return Sigmoid(x);
                default:
                    double t = Math.Tanh(GeluK * (x + GeluC * x * x * x));
                    double inner = Is("missing-cubic-derivative") ? GeluK : GeluK * (1 + 3 * GeluC * x * x);
                    double sech = Is("sech-not-squared") ? 1 - t : 1 - t * t;
                    double d = 0.5 * x * sech * inner;
                    return Is("missing-product-rule") ? d : d + 0.5 * (1 + t);
            }
        }

        protected override void Forward(double[] t, double[] y)
        {
            for (int i = 0; i < y.Length; i++) y[i] = F(t[i]);
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            for (int i = 0; i < g.Length; i++) g[i] = u[i] * Derivative(t[i]);
        }
    }

    /// <summary>softmax or log-softmax over each row of x (N×C), the row maximum subtracted first.</summary>
    public sealed class SoftmaxLayer : JacobianLayer
    {
        private readonly bool _log;

        public SoftmaxLayer(JacobianCase c, string bug, bool log) : base(c, bug) { _log = log; }

        /// <summary>Per row: the probabilities, and the log-probabilities.</summary>
        private void Rows(double[] t, double[] p, double[] logp)
        {
            int n = D("N"), k = D("C");
            for (int r = 0; r < n; r++)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int j = 0; j < k; j++) max = Math.Max(max, t[r * k + j]);
                for (int j = 0; j < k; j++) sum += Math.Exp(t[r * k + j] - max);
                double lse = Math.Log(sum);
                for (int j = 0; j < k; j++)
                {
                    p[r * k + j] = Math.Exp(t[r * k + j] - max) / sum;
                    logp[r * k + j] = t[r * k + j] - max - lse;
                }
            }
        }

        protected override void Forward(double[] t, double[] y)
        {
            var p = new double[y.Length];
            var logp = new double[y.Length];
            Rows(t, p, logp);
            Array.Copy(_log ? logp : p, y, y.Length);
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), k = D("C");
            var p = new double[g.Length];
            var logp = new double[g.Length];
            Rows(t, p, logp);
            if (_log)
            {
                for (int r = 0; r < n; r++)
                {
                    double sum = 0;
                    for (int j = 0; j < k; j++) sum += u[r * k + j];
                    for (int j = 0; j < k; j++)
                    {
                        int i = r * k + j;
                        g[i] = Is("elementwise-not-sum") ? u[i] - p[i] * u[i]
                            : Is("uses-logp") ? u[i] - logp[i] * sum
                            : Is("no-softmax-term") ? u[i]
                            : u[i] - p[i] * sum;
                    }
                }
                return;
            }
            // dx = y ⊙ (u − Σ_row y·u); the wrong-axis bug sums over the batch (each column) instead.
            var dot = new double[Is("wrong-axis-sum") ? k : n];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < k; j++) dot[Is("wrong-axis-sum") ? j : r] += p[r * k + j] * u[r * k + j];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < k; j++)
                {
                    int i = r * k + j;
                    g[i] = Is("missing-cross-term") ? p[i] * u[i]
                        : Is("diagonal-only") ? p[i] * (1 - p[i]) * u[i]
                        : p[i] * (u[i] - dot[Is("wrong-axis-sum") ? j : r]);
                }
        }
    }

    /// <summary>Layer norm (statistics over each row) or batch norm in training mode (over the batch):
    /// y = γ (x − μ)/√(σ² + eps) + β, biased σ².</summary>
    public sealed class NormLayer : JacobianLayer
    {
        private readonly bool _overBatch;

        public NormLayer(JacobianCase c, string bug, bool overBatch) : base(c, bug) { _overBatch = overBatch; }

        // Groups: columns for batch norm, rows for layer norm; Index(g, k) is the k-th member of group g.
        private int Groups => _overBatch ? D("D") : D("N");

        private int Size => _overBatch ? D("N") : D("D");

        private int Index(int group, int k) => _overBatch ? k * D("D") + group : group * D("D") + k;

        /// <summary>x̂ and, per group, √(σ² + eps).</summary>
        private void Normalise(double[] t, double[] xhat, double[] sd)
        {
            int x = In("x");
            double eps = Case["eps"][0];
            for (int g = 0; g < Groups; g++)
            {
                double mean = 0, variance = 0;
                for (int k = 0; k < Size; k++) mean += t[x + Index(g, k)];
                mean /= Size;
                for (int k = 0; k < Size; k++)
                    variance += (t[x + Index(g, k)] - mean) * (t[x + Index(g, k)] - mean);
                variance /= Size;
                sd[g] = Math.Sqrt(variance + eps);
                for (int k = 0; k < Size; k++) xhat[Index(g, k)] = (t[x + Index(g, k)] - mean) / sd[g];
            }
        }

        protected override void Forward(double[] t, double[] y)
        {
            int d = D("D"), gamma = In("gamma"), beta = In("beta");
            var xhat = new double[y.Length];
            Normalise(t, xhat, new double[Groups]);
            for (int i = 0; i < y.Length; i++) y[i] = t[gamma + i % d] * xhat[i] + t[beta + i % d];
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int d = D("D"), x = In("x"), gamma = In("gamma"), beta = In("beta");
            var xhat = new double[u.Length];
            var sd = new double[Groups];
            Normalise(t, xhat, sd);
            for (int grp = 0; grp < Groups; grp++)
            {
                double sumD = 0, sumDx = 0;
                for (int k = 0; k < Size; k++)
                {
                    int i = Index(grp, k);
                    double dxhat = u[i] * t[gamma + i % d];
                    sumD += dxhat;
                    sumDx += dxhat * xhat[i];
                }
                double meanD = Is("means-as-sums") ? sumD : sumD / Size;
                double meanDx = Is("means-as-sums") ? sumDx : sumDx / Size;
                for (int k = 0; k < Size; k++)
                {
                    int i = Index(grp, k);
                    double dxhat = u[i] * t[gamma + i % d];
                    g[x + i] = Is("missing-mean-term") ? (dxhat - xhat[i] * meanDx) / sd[grp]
                        : Is("missing-variance-term") ? (dxhat - meanD) / sd[grp]
                        : (dxhat - meanD - xhat[i] * meanDx) / sd[grp];
                }
            }
            for (int i = 0; i < u.Length; i++)
            {
                g[gamma + i % d] += Is("dgamma-sum-dy") ? u[i] : u[i] * xhat[i];
                g[beta + i % d] += u[i];
            }
        }
    }

    /// <summary>y[f,t] = b[f] + Σ_c Σ_k w[f,c,k] x[c,t+k] (valid, stride 1).</summary>
    public sealed class Conv1DLayer : JacobianLayer
    {
        public Conv1DLayer(JacobianCase c, string bug) : base(c, bug) { }

        protected override void Forward(double[] t, double[] y)
        {
            int channels = D("C"), length = D("L"), filters = D("F"), k = D("K"), outLength = length - k + 1;
            int x = In("x"), w = In("w"), b = In("b");
            for (int f = 0; f < filters; f++)
                for (int p = 0; p < outLength; p++)
                {
                    double s = t[b + f];
                    for (int c = 0; c < channels; c++)
                        for (int q = 0; q < k; q++) s += t[w + (f * channels + c) * k + q] * t[x + c * length + p + q];
                    y[f * outLength + p] = s;
                }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int channels = D("C"), length = D("L"), filters = D("F"), k = D("K"), outLength = length - k + 1;
            int x = In("x"), w = In("w"), b = In("b");
            for (int f = 0; f < filters; f++)
                for (int p = 0; p < outLength; p++)
                {
                    double up = u[f * outLength + p];
                    for (int c = 0; c < channels; c++)
                        for (int q = 0; q < k; q++)
                        {
                            // The shifted window reads x[c, p+q+1], wrapping as np.roll does.
                            int at = Is("dw-shifted") ? (p + q + 1) % length : p + q;
                            g[w + (f * channels + c) * k + q] += up * t[x + c * length + at];
                            int tap = Is("dx-kernel-flipped") ? k - 1 - q : q;
                            g[x + c * length + p + q] += t[w + (f * channels + c) * k + tap] * up;
                        }
                    if (!Is("db-first-position") || p == 0) g[b + f] += up;
                }
        }
    }

    /// <summary>y[f,i,j] = b[f] + Σ_c Σ_pq w[f,c,p,q] x[c,i+p,j+q] (valid, stride 1), one image.</summary>
    public sealed class Conv2DLayer : JacobianLayer
    {
        public Conv2DLayer(JacobianCase c, string bug) : base(c, bug) { }

        protected override void Forward(double[] t, double[] y)
        {
            int channels = D("C"), height = D("H"), width = D("W"), filters = D("F"), k = D("K");
            int oh = height - k + 1, ow = width - k + 1, x = In("x"), w = In("w"), b = In("b");
            for (int f = 0; f < filters; f++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double s = t[b + f];
                        for (int c = 0; c < channels; c++)
                            for (int p = 0; p < k; p++)
                                for (int q = 0; q < k; q++)
                                    s += t[w + ((f * channels + c) * k + p) * k + q]
                                         * t[x + (c * height + i + p) * width + j + q];
                        y[(f * oh + i) * ow + j] = s;
                    }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int channels = D("C"), height = D("H"), width = D("W"), filters = D("F"), k = D("K");
            int oh = height - k + 1, ow = width - k + 1, x = In("x"), w = In("w"), b = In("b");
            for (int f = 0; f < filters; f++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double up = u[(f * oh + i) * ow + j];
                        for (int c = 0; c < channels; c++)
                            for (int p = 0; p < k; p++)
                                for (int q = 0; q < k; q++)
                                {
                                    int column = Is("dw-shifted-column") ? (j + q + 1) % width : j + q;
                                    g[w + ((f * channels + c) * k + p) * k + q] +=
                                        up * t[x + (c * height + i + p) * width + column];
                                    int tap = Is("dx-kernel-transposed")
                                        ? ((f * channels + c) * k + q) * k + p
                                        : ((f * channels + c) * k + p) * k + q;
                                    g[x + (c * height + i + p) * width + j + q] += t[w + tap] * up;
                                }
                        if (!Is("db-first-position") || (i == 0 && j == 0)) g[b + f] += up;
                    }
        }
    }

    /// <summary>y[c,i,j] = max of the 2×2 window at (2i, 2j); ties go to the first maximum in row-major order,
    /// as torch's.</summary>
    public sealed class MaxPoolLayer : JacobianLayer
    {
        public MaxPoolLayer(JacobianCase c, string bug) : base(c, bug) { }

        protected override void Forward(double[] t, double[] y)
        {
            int channels = D("C"), height = D("H"), width = D("W"), oh = height / 2, ow = width / 2;
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double max = double.NegativeInfinity;
                        for (int k = 0; k < 4; k++)
                            max = Math.Max(max, t[(c * height + 2 * i + k / 2) * width + 2 * j + k % 2]);
                        y[(c * oh + i) * ow + j] = max;
                    }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int channels = D("C"), height = D("H"), width = D("W"), oh = height / 2, ow = width / 2;
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        var window = new double[4];
                        int arg = 0;
                        for (int k = 0; k < 4; k++)
                        {
                            window[k] = t[(c * height + 2 * i + k / 2) * width + 2 * j + k % 2];
                            if (Is("last-max") ? window[k] >= window[arg] : window[k] > window[arg]) arg = k;
                        }
                        for (int k = 0; k < 4; k++)
                        {
                            bool routed = Is("all-ties") ? window[k] == window[arg] : k == arg;
                            if (!routed) continue;
                            int p = Is("unravel-swapped") ? k % 2 : k / 2, q = Is("unravel-swapped") ? k / 2 : k % 2;
                            bool unstrided = Is("stride-ignored");
                            int r = unstrided ? i + p : 2 * i + p, s = unstrided ? j + q : 2 * j + q;
                            g[(c * height + r) * width + s] += u[(c * oh + i) * ow + j];
                        }
                    }
        }
    }

    /// <summary>y[c,i,j] = mean of the 2×2 window at (2i, 2j).</summary>
    public sealed class AvgPoolLayer : JacobianLayer
    {
        public AvgPoolLayer(JacobianCase c, string bug) : base(c, bug) { }

        protected override void Forward(double[] t, double[] y)
        {
            int channels = D("C"), height = D("H"), width = D("W"), oh = height / 2, ow = width / 2;
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double s = 0;
                        for (int k = 0; k < 4; k++) s += t[(c * height + 2 * i + k / 2) * width + 2 * j + k % 2];
                        y[(c * oh + i) * ow + j] = s / 4;
                    }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int channels = D("C"), height = D("H"), width = D("W"), oh = height / 2, ow = width / 2;
            double share = Is("missing-quarter") ? 1 : Is("divides-by-2") ? 0.5 : 0.25;
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                        for (int p = 0; p < 2; p++)
                            for (int q = 0; q < 2; q++)
                            {
                                bool unstrided = Is("stride-ignored");
                                int r = unstrided ? i + p : 2 * i + p, s = unstrided ? j + q : 2 * j + q;
                                g[(c * height + r) * width + s] += share * u[(c * oh + i) * ow + j];
                            }
        }
    }

    /// <summary>y[n] = E[idx[n]] + pos[n], idx fixed data.</summary>
    public sealed class EmbeddingLayer : JacobianLayer
    {
        public EmbeddingLayer(JacobianCase c, string bug) : base(c, bug) { }

        protected override void Forward(double[] t, double[] y)
        {
            int n = D("N"), d = D("D"), e = In("E"), pos = In("pos");
            var idx = Case["idx"];
            for (int r = 0; r < n; r++)
                for (int k = 0; k < d; k++) y[r * d + k] = t[e + (int)idx[r] * d + k] + t[pos + r * d + k];
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), d = D("D"), v = D("V"), e = In("E"), pos = In("pos");
            var idx = Case["idx"];
            var count = new int[v];
            for (int r = 0; r < n; r++) count[(int)idx[r]]++;
            for (int r = 0; r < n; r++)
            {
                int row = Is("index-off-by-one") ? ((int)idx[r] + 1) % v : (int)idx[r];
                for (int k = 0; k < d; k++)
                {
                    if (Is("no-accumulate")) g[e + row * d + k] = u[r * d + k];
                    else if (Is("mean-over-repeats")) g[e + row * d + k] += u[r * d + k] / count[row];
                    else g[e + row * d + k] += u[r * d + k];
                    g[pos + r * d + k] = u[r * d + k];
                }
            }
        }
    }

    /// <summary>Q, K, V = x Wq, x Wk, x Wv; A = softmax(Q Kᵀ/√dk) by rows; outputs out = A V and A.</summary>
    public sealed class AttentionLayer : JacobianLayer
    {
        public AttentionLayer(JacobianCase c, string bug) : base(c, bug) { }

        private void Attend(double[] t, out double[] x, out double[] q, out double[] k, out double[] v, out double[] a)
        {
            int n = D("N"), d = D("D"), dk = D("K"), dv = D("V");
            x = Get(t, "x");
            q = MatMul(x, Get(t, "Wq"), n, d, dk);
            k = MatMul(x, Get(t, "Wk"), n, d, dk);
            v = MatMul(x, Get(t, "Wv"), n, d, dv);
            a = new double[n * n];
            double root = Math.Sqrt(dk);
            for (int i = 0; i < n; i++)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int e = 0; e < dk; e++) s += q[i * dk + e] * k[j * dk + e];
                    a[i * n + j] = s / root;
                    max = Math.Max(max, a[i * n + j]);
                }
                for (int j = 0; j < n; j++) { a[i * n + j] = Math.Exp(a[i * n + j] - max); sum += a[i * n + j]; }
                for (int j = 0; j < n; j++) a[i * n + j] /= sum;
            }
        }

        protected override void Forward(double[] t, double[] y)
        {
            int n = D("N"), dv = D("V");
            Attend(t, out _, out _, out _, out var v, out var a);
            Put(y, "out", MatMul(a, v, n, n, dv));
            Put(y, "A", a);
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), d = D("D"), dk = D("K"), dv = D("V");
            Attend(t, out var x, out var q, out var k, out var v, out var a);
            var uo = Upstream(u, "out");
            var dA = MatMul(uo, Transpose(v, n, dv), n, dv, n);
            if (!Is("ignores-A-upstream"))
            {
                var ua = Upstream(u, "A");
                for (int i = 0; i < dA.Length; i++) dA[i] += ua[i];
            }
            var dV = Is("dV-not-transposed") ? MatMul(a, uo, n, n, dv) : MatMul(Transpose(a, n, n), uo, n, n, dv);
            var dS = new double[n * n];
            double r = 1 / Math.Sqrt(dk);
            for (int i = 0; i < n; i++)
            {
                double dot = 0;
                for (int j = 0; j < n; j++) dot += a[i * n + j] * dA[i * n + j];
                for (int j = 0; j < n; j++)
                {
                    double s = Is("missing-cross-term") ? a[i * n + j] * dA[i * n + j]
                        : a[i * n + j] * (dA[i * n + j] - dot);
                    dS[i * n + j] = Is("missing-scale") ? s : s * r;
                }
            }
            var dQ = MatMul(dS, k, n, n, dk);
            var dK = Is("dK-not-transposed") ? MatMul(dS, q, n, n, dk) : MatMul(Transpose(dS, n, n), q, n, n, dk);
            var dx = MatMul(dQ, Transpose(Get(t, "Wq"), d, dk), n, dk, d);
            var fromK = MatMul(dK, Transpose(Get(t, "Wk"), d, dk), n, dk, d);
            var fromV = MatMul(dV, Transpose(Get(t, "Wv"), d, dv), n, dv, d);
            for (int i = 0; i < dx.Length; i++) dx[i] += fromK[i] + fromV[i];
            var xt = Transpose(x, n, d);
            Grad(g, "x", dx);
            Grad(g, "Wq", MatMul(xt, dQ, d, n, dk));
            Grad(g, "Wk", MatMul(xt, dK, d, n, dk));
            Grad(g, "Wv", MatMul(xt, dV, d, n, dv));
        }
    }

    /// <summary>One LSTM step, gates (i, f, o, g) = (σ, σ, σ, tanh)(x Wx + h Wh + b); c1 = f c + i g;
    /// h1 = o tanh(c1). Outputs h1 and c1.</summary>
    public sealed class LstmCellLayer : JacobianLayer
    {
        public LstmCellLayer(JacobianCase c, string bug) : base(c, bug) { }

        /// <summary>The pre-activations a = x Wx + h Wh + b (N × 4H).</summary>
        private double[] Gates(double[] t)
        {
            int n = D("N"), d = D("D"), hidden = D("H"), four = 4 * hidden;
            var ax = MatMul(Get(t, "x"), Get(t, "Wx"), n, d, four);
            var ah = MatMul(Get(t, "h"), Get(t, "Wh"), n, hidden, four);
            var b = Get(t, "b");
            for (int i = 0; i < ax.Length; i++) ax[i] += ah[i] + b[i % four];
            return ax;
        }

        protected override void Forward(double[] t, double[] y)
        {
            int n = D("N"), hidden = D("H"), four = 4 * hidden, c = In("c");
            var a = Gates(t);
            var h1 = new double[n * hidden];
            var c1 = new double[n * hidden];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < hidden; j++)
                {
                    int o = r * four, i = r * hidden + j;
                    double gi = Sigmoid(a[o + j]), gf = Sigmoid(a[o + hidden + j]);
                    double go = Sigmoid(a[o + 2 * hidden + j]), gg = Math.Tanh(a[o + 3 * hidden + j]);
                    c1[i] = gf * t[c + i] + gi * gg;
                    h1[i] = go * Math.Tanh(c1[i]);
                }
            Put(y, "h1", h1);
            Put(y, "c1", c1);
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), d = D("D"), hidden = D("H"), four = 4 * hidden, c = In("c"), uh = Out("h1"), uc = Out("c1");
            var a = Gates(t);
            var da = new double[n * four];
            var dcPrev = new double[n * hidden];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < hidden; j++)
                {
                    int o = r * four, i = r * hidden + j;
                    double gi = Sigmoid(a[o + j]), gf = Sigmoid(a[o + hidden + j]);
                    double go = Sigmoid(a[o + 2 * hidden + j]), gg = Math.Tanh(a[o + 3 * hidden + j]);
                    double c1 = gf * t[c + i] + gi * gg, tc = Math.Tanh(c1);
                    double dh = u[uh + i];
                    double dgo = dh * tc;
                    double dc = Is("ignores-dc-upstream") ? dh * go * (1 - tc * tc)
                        : Is("missing-tanh-derivative") ? u[uc + i] + dh * go
                        : u[uc + i] + dh * go * (1 - tc * tc);
                    double df = dc * t[c + i], di = dc * gg, dg = dc * gi;
                    dcPrev[i] = Is("missing-forget-factor") ? dc : dc * gf;
                    double dai = di * gi * (1 - gi), daf = df * gf * (1 - gf);
                    if (Is("gates-swapped")) { dai = df * gf * (1 - gf); daf = di * gi * (1 - gi); }
                    da[o + j] = dai;
                    da[o + hidden + j] = daf;
                    da[o + 2 * hidden + j] = dgo * go * (1 - go);
                    da[o + 3 * hidden + j] = dg * (1 - gg * gg);
                }
            Grad(g, "x", MatMul(da, Transpose(Get(t, "Wx"), d, four), n, four, d));
            Grad(g, "h", MatMul(da, Transpose(Get(t, "Wh"), hidden, four), n, four, hidden));
            Grad(g, "c", dcPrev);
            Grad(g, "Wx", MatMul(Transpose(Get(t, "x"), n, d), da, d, n, four));
            Grad(g, "Wh", MatMul(Transpose(Get(t, "h"), n, hidden), da, hidden, n, four));
            Grad(g, "b", SumRows(da, n, four));
        }
    }

    /// <summary>One GRU step as torch.nn.GRUCell: r, z = σ(x Wx + bx + h Wh + bh), n = tanh(x Wx_n + bx_n +
    /// r ⊙ (h Wh_n + bh_n)), h1 = (1 − z) n + z h.</summary>
    public sealed class GruCellLayer : JacobianLayer
    {
        public GruCellLayer(JacobianCase c, string bug) : base(c, bug) { }

        private void Gates(double[] t, out double[] gx, out double[] gh)
        {
            int n = D("N"), d = D("D"), hidden = D("H"), three = 3 * hidden;
            gx = MatMul(Get(t, "x"), Get(t, "Wx"), n, d, three);
            gh = MatMul(Get(t, "h"), Get(t, "Wh"), n, hidden, three);
            var bx = Get(t, "bx");
            var bh = Get(t, "bh");
            for (int i = 0; i < gx.Length; i++)
            {
                gx[i] += bx[i % three];
                gh[i] += bh[i % three];
            }
        }

        protected override void Forward(double[] t, double[] y)
        {
            int n = D("N"), hidden = D("H"), three = 3 * hidden, h = In("h");
            Gates(t, out var gx, out var gh);
            for (int row = 0; row < n; row++)
                for (int j = 0; j < hidden; j++)
                {
                    int o = row * three, i = row * hidden + j;
                    double r = Sigmoid(gx[o + j] + gh[o + j]);
                    double z = Sigmoid(gx[o + hidden + j] + gh[o + hidden + j]);
                    double nn = Math.Tanh(gx[o + 2 * hidden + j] + r * gh[o + 2 * hidden + j]);
                    y[i] = (1 - z) * nn + z * t[h + i];
                }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), d = D("D"), hidden = D("H"), three = 3 * hidden, h = In("h"), bh = In("bh");
            Gates(t, out var gx, out var gh);
            var dgx = new double[n * three];
            var dgh = new double[n * three];
            var dbh = new double[n * three];
            var direct = new double[n * hidden];
            for (int row = 0; row < n; row++)
                for (int j = 0; j < hidden; j++)
                {
                    int o = row * three, i = row * hidden + j;
                    double r = Sigmoid(gx[o + j] + gh[o + j]);
                    double z = Sigmoid(gx[o + hidden + j] + gh[o + hidden + j]);
                    double hn = gh[o + 2 * hidden + j];
                    double nn = Math.Tanh(gx[o + 2 * hidden + j] + r * hn);
                    double dn = u[i] * (1 - z);
                    double dz = Is("update-gate-sign") ? u[i] * (nn - t[h + i]) : u[i] * (t[h + i] - nn);
                    double dan = dn * (1 - nn * nn);
                    // The paper's GRU puts bh_n outside r ⊙ (·): its backward reads r's input without bh_n and
                    // passes dan to bh_n unscaled.
                    double dr = Is("reset-outside") ? dan * (hn - t[bh + 2 * hidden + j]) : dan * hn;
                    double dar = dr * r * (1 - r), daz = dz * z * (1 - z);
                    dgx[o + j] = dar;
                    dgx[o + hidden + j] = daz;
                    dgx[o + 2 * hidden + j] = dan;
                    dgh[o + j] = dar;
                    dgh[o + hidden + j] = daz;
                    dgh[o + 2 * hidden + j] = dan * r;
                    dbh[o + j] = dar;
                    dbh[o + hidden + j] = daz;
                    dbh[o + 2 * hidden + j] = Is("reset-outside") ? dan : dan * r;
                    direct[i] = Is("missing-direct-path") ? 0 : u[i] * z;
                }
            var dh = MatMul(dgh, Transpose(Get(t, "Wh"), hidden, three), n, three, hidden);
            for (int i = 0; i < dh.Length; i++) dh[i] += direct[i];
            Grad(g, "x", MatMul(dgx, Transpose(Get(t, "Wx"), d, three), n, three, d));
            Grad(g, "h", dh);
            Grad(g, "Wx", MatMul(Transpose(Get(t, "x"), n, d), dgx, d, n, three));
            Grad(g, "Wh", MatMul(Transpose(Get(t, "h"), n, hidden), dgh, hidden, n, three));
            Grad(g, "bx", SumRows(dgx, n, three));
            Grad(g, "bh", SumRows(dbh, n, three));
        }
    }

    /// <summary>loss[n] = mean_d (pred[n,d] − target[n,d])².</summary>
    public sealed class MseLayer : JacobianLayer
    {
        public MseLayer(JacobianCase c, string bug) : base(c, bug) { }

        protected override void Forward(double[] t, double[] y)
        {
            int n = D("N"), d = D("D"), p = In("pred"), q = In("target");
            for (int r = 0; r < n; r++)
            {
                double s = 0;
                for (int k = 0; k < d; k++)
                {
                    double residual = t[p + r * d + k] - t[q + r * d + k];
                    s += residual * residual;
                }
                y[r] = s / d;
            }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), d = D("D"), p = In("pred"), q = In("target");
            for (int r = 0; r < n; r++)
                for (int k = 0; k < d; k++)
                {
                    double residual = t[p + r * d + k] - t[q + r * d + k];
                    double dp = 2 * residual / d * u[r];
                    g[p + r * d + k] = Is("missing-1/D") ? 2 * residual * u[r]
                        : Is("missing-2") ? residual / d * u[r] : dp;
                    g[q + r * d + k] = Is("target-wrong-sign") ? dp : -dp;
                }
        }
    }

    /// <summary>loss[n] = −log softmax(z[n])[y[n]], labels fixed data.</summary>
    public sealed class CrossEntropyLayer : JacobianLayer
    {
        public CrossEntropyLayer(JacobianCase c, string bug) : base(c, bug) { }

        protected override void Forward(double[] t, double[] y)
        {
            int n = D("N"), k = D("C");
            var label = Case["y"];
            for (int r = 0; r < n; r++)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int j = 0; j < k; j++) max = Math.Max(max, t[r * k + j]);
                for (int j = 0; j < k; j++) sum += Math.Exp(t[r * k + j] - max);
                y[r] = Math.Log(sum) - (t[r * k + (int)label[r]] - max);
            }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), k = D("C");
            var label = Case["y"];
            for (int r = 0; r < n; r++)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int j = 0; j < k; j++) max = Math.Max(max, t[r * k + j]);
                for (int j = 0; j < k; j++) sum += Math.Exp(t[r * k + j] - max);
                int y = Is("label-off-by-one") ? ((int)label[r] + 1) % k : (int)label[r];
                for (int j = 0; j < k; j++)
                {
                    double p = Math.Exp(t[r * k + j] - max) / sum;
                    double onehot = Is("no-onehot") || j != y ? 0 : 1;
                    g[r * k + j] = Is("divided-by-N") ? (p - onehot) * u[r] / n : (p - onehot) * u[r];
                }
            }
        }
    }
}

namespace GradCheck.JacobianCorpus
{
    /// <summary>How closely the C# layers reproduce torch (forward, vjp, Jacobian) and the numpy bugs.</summary>
    public static class JacobianFidelity
    {
        /// <summary>max_i |y_C# − y_torch| / |y_torch|, over the outputs (0/0 counting as 0).</summary>
        public static double ForwardError(JacobianCase c)
        {
            var y = JacobianLayer.Create(c).Evaluate((double[])c.X.Clone());
            double worst = 0;
            for (int i = 0; i < y.Length; i++)
            {
                double d = Math.Abs(y[i] - c.Y[i]);
                if (d > 0) worst = Math.Max(worst, d / Math.Abs(c.Y[i]));
            }
            return worst;
        }

        /// <summary>The C# vjp of dout (the correct one, or bug <paramref name="bug"/>'s) against torch's (or the
        /// numpy bug's): max over input blocks of max |Δ| / max |reference| in the block.</summary>
        public static double VjpError(JacobianCase c, string bug = null)
        {
            var reference = string.IsNullOrEmpty(bug) ? c.Vjp : c.Bugs.Single(b => b.Kind == bug).Vjp;
            var g = JacobianLayer.Create(c, bug).Backward((double[])c.X.Clone(), (double[])c.Dout.Clone());
            double worst = 0;
            foreach (var block in c.InputLayout.Blocks)
            {
                double top = 0, d = 0;
                for (int j = block.Offset; j < block.Offset + block.Count; j++)
                {
                    top = Math.Max(top, Math.Abs(reference[j]));
                    d = Math.Max(d, Math.Abs(g[j] - reference[j]));
                }
                if (d > 0) worst = Math.Max(worst, top > 0 ? d / top : double.PositiveInfinity);
            }
            return worst;
        }

        /// <summary>
        /// Every way the C# layer of a case misses its goals: y against torch's beyond 1e-12 relative per entry, the
        /// correct backward's vjp of dout and Jacobian against torch's beyond 1e-10 (relative to the largest entry of
        /// the block or pair), each buggy backward's against the numpy bug's the same. Empty when all hold.
        /// </summary>
        public static string[] Problems(JacobianCase c, double forwardMatch, double match)
        {
            var problems = new List<string>();
            double e = ForwardError(c);
            if (!(e <= forwardMatch)) problems.Add($"{c.Id}: y off by {e:G3} relative");
            foreach (var bug in new string[] { null }.Concat(c.Bugs.Select(b => b.Kind)))
            {
                string what = bug ?? "the correct backward";
                double v = VjpError(c, bug), j = JacobianError(c, bug);
                if (!(v <= match)) problems.Add($"{c.Id}: {what}'s vjp of dout off by {v:G3}");
                if (!(j <= match)) problems.Add($"{c.Id}: {what}'s Jacobian off by {j:G3}");
            }
            return problems.ToArray();
        }

        /// <summary>
        /// What is off in a case's bug records: a pair whose stored buggy Jacobian moves from torch's by more than 1e-9
        /// of the pair's largest entry but is not listed as changed, a kink-only bug that moves a column off a kink,
        /// a bug that changes nothing. Empty when the records agree with the Jacobians.
        /// </summary>
        public static string[] BugRecordErrors(JacobianCase c)
        {
            var errors = new List<string>();
            int n = c.Inputs;
            foreach (var bug in c.Bugs)
            {
                if (bug.Changed.Length == 0) errors.Add($"{c.Id}/{bug.Kind}: changes nothing");
                foreach (var o in c.OutputLayout.Blocks)
                    foreach (var b in c.InputLayout.Blocks)
                    {
                        string pair = JacobianCase.PairName(o.Name, b.Name);
                        double top = 0;
                        bool moved = false;
                        for (int i = o.Offset; i < o.Offset + o.Count; i++)
                            for (int j = b.Offset; j < b.Offset + b.Count; j++)
                                top = Math.Max(top, Math.Abs(c.Jacobian[i * n + j]));
                        for (int i = o.Offset; i < o.Offset + o.Count; i++)
                            for (int j = b.Offset; j < b.Offset + b.Count; j++)
                            {
                                if (!(Math.Abs(bug.Jacobian[i * n + j] - c.Jacobian[i * n + j]) > 1e-9 * top)) continue;
                                moved = true;
                                if (bug.KinkOnly && !c.Kinks.Contains(j))
                                    errors.Add($"{c.Id}/{bug.Kind}: kink-only but moves column {j}");
                            }
                        if (moved && !bug.Changed.Contains(pair)) errors.Add($"{c.Id}/{bug.Kind}: {pair} not listed");
                    }
            }
            return errors.Distinct().ToArray();
        }

        /// <summary>The Jacobian of the C# backward (rows from unit upstreams) against torch's (or the numpy bug's):
        /// max over (output, input) pairs of max |Δ| / max |reference| in the pair.</summary>
        public static double JacobianError(JacobianCase c, string bug = null)
        {
            var reference = string.IsNullOrEmpty(bug) ? c.Jacobian : c.Bugs.Single(b => b.Kind == bug).Jacobian;
            var rows = JacobianLayer.Create(c, bug).JacobianRows((double[])c.X.Clone());
            int n = c.Inputs;
            double worst = 0;
            foreach (var o in c.OutputLayout.Blocks)
                foreach (var b in c.InputLayout.Blocks)
                {
                    double top = 0, d = 0;
                    for (int i = o.Offset; i < o.Offset + o.Count; i++)
                        for (int j = b.Offset; j < b.Offset + b.Count; j++)
                        {
                            top = Math.Max(top, Math.Abs(reference[i * n + j]));
                            d = Math.Max(d, Math.Abs(rows[i * n + j] - reference[i * n + j]));
                        }
                    if (d > 0) worst = Math.Max(worst, top > 0 ? d / top : double.PositiveInfinity);
                }
            return worst;
        }
    }
}
