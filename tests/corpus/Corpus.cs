// The verdict corpus of issue 4: random small networks, many of them with a ReLU right next to its kink,
// half of them with one realistic backprop bug, and three rules that judge each check. Plain C# against
// GradCheck.Core's public API only, so that Add-Type compiles it against the module's own GradCheck.Core.dll.
using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Corpus
{
    /// <summary>The bugs planted in <see cref="BuggyBackprop"/>; None is the correct backprop.</summary>
    public enum BugKind
    {
        None,

        /// <summary>One block of the gradient scaled by (1 ± δ), δ log-uniform in [1e-3, 3].</summary>
        BlockScale,

        /// <summary>One block of the gradient negated.</summary>
        SignFlip,

        /// <summary>One entry scaled by (1 ± δ) or replaced by a random value.</summary>
        SingleEntry,

        /// <summary>f′ taken as 1 in one layer.</summary>
        MissingDerivative,

        /// <summary>
        /// dA_{l−1} from W_l reshaped to (n_{l−1}, n_l), numpy's W.reshape(W.shape[::-1]), instead of W_lᵀ.
        /// </summary>
        TransposedWeight,

        /// <summary>The 1/m factor left out of one layer's dW or db.</summary>
        MissingOneOverM,

        /// <summary>
        /// Our own: a sigmoid or tanh derivative evaluated at A instead of Z (sigmoid_backward(dA, A)).
        /// </summary>
        DerivativeAtA,

        /// <summary>Our own: dW_l = (1/m)·dZ_l·Z_{l−1}ᵀ, the cached pre-activation instead of A_{l−1}.</summary>
        PreActivationInDW,
    }

    /// <summary>One planted bug and where it sits.</summary>
    public sealed class CorpusBug
    {
        public static readonly CorpusBug None = new CorpusBug { Kind = BugKind.None, Description = "no bug" };

        public BugKind Kind { get; set; }

        /// <summary>The layer (1-based) of layer bugs; 0 for block and entry bugs.</summary>
        public int Layer { get; set; }

        /// <summary>The block index of BlockScale, SignFlip and SingleEntry.</summary>
        public int Block { get; set; } = -1;

        /// <summary>The flat index of the SingleEntry bug.</summary>
        public int Entry { get; set; } = -1;

        /// <summary>The factor of BlockScale and of a scaled SingleEntry.</summary>
        public double Factor { get; set; } = 1;

        /// <summary>SingleEntry: replace the entry by <see cref="Value"/> instead of scaling it.</summary>
        public bool Replace { get; set; }

        public double Value { get; set; }

        /// <summary>MissingOneOverM: in dW (true) or db (false).</summary>
        public bool OnWeights { get; set; }

        public string Description { get; set; }

        public override string ToString() => Description;
    }

    /// <summary>A network with its data and parameters, as plain arrays (the course's conventions).</summary>
    public sealed class CorpusNet
    {
        public CorpusNet(int[] layerSize, Activation[] activation, Loss loss, int examples,
            double[] input, double[] label, double[] theta)
        {
            LayerSize = layerSize;
            Activation = activation;
            Loss = loss;
            Examples = examples;
            Input = input;
            Label = label;
            Theta = theta;
            Layers = layerSize.Length - 1;
            WeightOffset = new int[Layers + 1];
            BiasOffset = new int[Layers + 1];
            var shapes = new List<KeyValuePair<string, int[]>>();
            int offset = 0;
            for (int l = 1; l <= Layers; l++)
            {
                WeightOffset[l] = offset;
                offset += layerSize[l] * layerSize[l - 1];
                BiasOffset[l] = offset;
                offset += layerSize[l];
                shapes.Add(new KeyValuePair<string, int[]>("W" + l, new[] { layerSize[l], layerSize[l - 1] }));
                shapes.Add(new KeyValuePair<string, int[]>("b" + l, new[] { layerSize[l], 1 }));
            }
            Layout = ParameterLayout.Create(shapes);
        }

        /// <summary>n₀, n₁, …, n_L.</summary>
        public int[] LayerSize { get; }

        public Activation[] Activation { get; }

        public Loss Loss { get; }

        /// <summary>m.</summary>
        public int Examples { get; }

        /// <summary>X, n₀ × m, row-major.</summary>
        public double[] Input { get; }

        /// <summary>Y, n_L × m, row-major.</summary>
        public double[] Label { get; }

        /// <summary>W1, b1, W2, b2, … flattened row-major.</summary>
        public double[] Theta { get; }

        public int Layers { get; }

        public int[] WeightOffset { get; }

        public int[] BiasOffset { get; }

        public ParameterLayout Layout { get; }

        public Activation ActivationOf(int layer) => Activation[layer - 1];
    }

    /// <summary>
    /// Forward propagation and an independent backprop with an optional bug, written from the course's formulas:
    /// Z_l = W_l·A_{l−1} + b_l, features × examples; dZ_L = A_L − Y for CrossEntropy with a sigmoid output,
    /// (A_L − Y)·f′(Z_L) for (1/2m)·Σ(a − y)²; dW_l = (1/m)·dZ_l·A_{l−1}ᵀ; db_l = (1/m)·Σ_j dZ_l;
    /// dZ_{l−1} = (W_lᵀ·dZ_l) ⊙ f′(Z_{l−1}).
    /// </summary>
    public static class BuggyBackprop
    {
        public const double LeakySlope = 0.01;

        public static double Apply(Activation f, double z)
        {
            switch (f)
            {
                case Activation.ReLU: return z > 0 ? z : 0;
                case Activation.LeakyReLU: return z > 0 ? z : LeakySlope * z;
                case Activation.Tanh: return Math.Tanh(z);
                case Activation.Sigmoid: return 1 / (1 + Math.Exp(-z));
                default: return z;
            }
        }

        /// <summary>ReLU (z &gt; 0), LeakyReLU 1 or 0.01, tanh 1 − a², sigmoid a(1 − a), linear 1.</summary>
        public static double Derivative(Activation f, double z, double a)
        {
            switch (f)
            {
                case Activation.ReLU: return z > 0 ? 1 : 0;
                case Activation.LeakyReLU: return z > 0 ? 1 : LeakySlope;
                case Activation.Tanh: return 1 - a * a;
                case Activation.Sigmoid: return a * (1 - a);
                default: return 1;
            }
        }

        /// <summary>
        /// Z_l and A_l for every layer; index 0 of A is X. Each z sums W[r,k]·A[k,j] in k order and then adds b[r],
        /// as GradCheck's own forward pass does, so the z computed here is bit for bit the z the network sees.
        /// </summary>
        public static void Forward(CorpusNet net, double[] theta, out double[][] z, out double[][] a)
        {
            int m = net.Examples;
            z = new double[net.Layers + 1][];
            a = new double[net.Layers + 1][];
            a[0] = net.Input;
            for (int l = 1; l <= net.Layers; l++)
            {
                int rows = net.LayerSize[l], inner = net.LayerSize[l - 1];
                var f = net.ActivationOf(l);
                z[l] = new double[rows * m];
                a[l] = new double[rows * m];
                for (int r = 0; r < rows; r++)
                    for (int j = 0; j < m; j++)
                    {
                        double s = 0;
                        for (int k = 0; k < inner; k++)
                            s += theta[net.WeightOffset[l] + r * inner + k] * a[l - 1][k * m + j];
                        s += theta[net.BiasOffset[l] + r];
                        z[l][r * m + j] = s;
                        a[l][r * m + j] = Apply(f, s);
                    }
            }
        }

        /// <summary>
        /// The gradient W1, b1, W2, b2, … flattened row-major, with <paramref name="bug"/> planted (null: none).
        /// </summary>
        public static double[] Gradient(CorpusNet net, double[] theta, CorpusBug bug = null)
        {
            bug = bug ?? CorpusBug.None;
            int m = net.Examples, L = net.Layers;
            Forward(net, theta, out var z, out var a);
            var gradient = new double[net.Layout.Count];

            int outputs = net.LayerSize[L];
            var dz = new double[outputs * m];
            for (int t = 0; t < dz.Length; t++)
            {
                double y = net.Label[t];
                if (net.Loss == Loss.CrossEntropy) dz[t] = a[L][t] - y; // sigmoid output: the f′ cancels.
                else dz[t] = (a[L][t] - y) * LayerDerivative(net, L, z[L][t], a[L][t], bug);
            }

            for (int l = L; l >= 1; l--)
            {
                int rows = net.LayerSize[l], inner = net.LayerSize[l - 1];
                double[] previous = bug.Kind == BugKind.PreActivationInDW && bug.Layer == l ? z[l - 1] : a[l - 1];
                bool dropW = bug.Kind == BugKind.MissingOneOverM && bug.Layer == l && bug.OnWeights;
                bool dropB = bug.Kind == BugKind.MissingOneOverM && bug.Layer == l && !bug.OnWeights;
                for (int r = 0; r < rows; r++)
                {
                    for (int k = 0; k < inner; k++)
                    {
                        double sum = 0;
                        for (int j = 0; j < m; j++) sum += dz[r * m + j] * previous[k * m + j];
                        gradient[net.WeightOffset[l] + r * inner + k] = dropW ? sum : sum / m;
                    }
                    double bias = 0;
                    for (int j = 0; j < m; j++) bias += dz[r * m + j];
                    gradient[net.BiasOffset[l] + r] = dropB ? bias : bias / m;
                }
                if (l == 1) break;

                // dA_{l−1} = W_lᵀ·dZ_l; the transposed bug reads W's row-major data
                // as an (n_{l−1}, n_l) matrix instead.
                bool reshaped = bug.Kind == BugKind.TransposedWeight && bug.Layer == l;
                var dzPrevious = new double[inner * m];
                for (int k = 0; k < inner; k++)
                    for (int j = 0; j < m; j++)
                    {
                        double sum = 0;
                        for (int r = 0; r < rows; r++)
                        {
                            double w = reshaped
                                ? theta[net.WeightOffset[l] + k * rows + r]
                                : theta[net.WeightOffset[l] + r * inner + k];
                            sum += w * dz[r * m + j];
                        }
                        dzPrevious[k * m + j] =
                            sum * LayerDerivative(net, l - 1, z[l - 1][k * m + j], a[l - 1][k * m + j], bug);
                    }
                dz = dzPrevious;
            }

            if (bug.Kind == BugKind.BlockScale || bug.Kind == BugKind.SignFlip)
            {
                var block = net.Layout[bug.Block];
                double factor = bug.Kind == BugKind.SignFlip ? -1 : bug.Factor;
                for (int i = block.Offset; i < block.Offset + block.Count; i++) gradient[i] *= factor;
            }
            else if (bug.Kind == BugKind.SingleEntry)
            {
                gradient[bug.Entry] = bug.Replace ? bug.Value : gradient[bug.Entry] * bug.Factor;
            }
            return gradient;
        }

        private static double LayerDerivative(CorpusNet net, int layer, double z, double a, CorpusBug bug)
        {
            var f = net.ActivationOf(layer);
            if (bug.Layer == layer)
            {
                if (bug.Kind == BugKind.MissingDerivative) return 1;
                if (bug.Kind == BugKind.DerivativeAtA)
                {
                    double s = Apply(f, a); // f′ of the sigmoid or tanh, evaluated at a instead of z.
                    return Derivative(f, a, s);
                }
            }
            return Derivative(f, z, a);
        }
    }

    /// <summary>
    /// One case of the corpus: a network, the gradient handed to the checker, and what its bug changes.
    /// </summary>
    public sealed class CorpusCase
    {
        internal CorpusCase() { }

        public int Id { get; internal set; }

        /// <summary>The seed of the LegacyRandomState the case was drawn from.</summary>
        public uint Seed { get; internal set; }

        public CorpusNet Net { get; internal set; }

        public int[] LayerSize => Net.LayerSize;

        public Activation[] Activation => Net.Activation;

        public string[] ActivationNames => Net.Activation.Select(f => f.ToString()).ToArray();

        public Loss Loss => Net.Loss;

        public string LossName => Net.Loss.ToString();

        public int Examples => Net.Examples;

        public ParameterLayout Layout => Net.Layout;

        /// <summary>Whether a ReLU or LeakyReLU pre-activation was placed within 1e-9..1e-7 of its kink.</summary>
        public bool NearKink { get; internal set; }

        /// <summary>Which pre-activation was placed next to the kink, e.g. "Z2[1,3]"; null when none.</summary>
        public string KinkAt { get; internal set; }

        /// <summary>Its value, within 1e-9..1e-7 of 0.</summary>
        public double KinkZ { get; internal set; } = double.NaN;

        /// <summary>
        /// min |z| over every ReLU and LeakyReLU pre-activation of the network (the nearest kink, placed or not).
        /// </summary>
        public double NearestKink { get; internal set; } = double.PositiveInfinity;

        public CorpusBug Bug { get; internal set; }

        public BugKind Kind => Bug.Kind;

        public bool IsBuggy => Bug.Kind != BugKind.None;

        /// <summary>The gradient handed to the checker: BuggyBackprop with the case's bug.</summary>
        public double[] Gradient { get; internal set; }

        /// <summary>BuggyBackprop without a bug.</summary>
        public double[] CleanGradient { get; internal set; }

        /// <summary>Per block, ‖g_bug,B − g_B‖₂ / ‖g_B‖₂ (∞ when ‖g_B‖ = 0 and the bug changes it).</summary>
        public double[] BlockChange { get; internal set; }

        /// <summary>The blocks whose gradient the bug changes, in layout order.</summary>
        public string[] AffectedBlocks { get; internal set; }

        /// <summary>The block-relative effect: the largest <see cref="BlockChange"/>.</summary>
        public double Effect { get; internal set; }

        public double[,] InputMatrix() => ToMatrix(Net.Input, 0, Net.LayerSize[0], Net.Examples);

        public double[,] LabelMatrix() => ToMatrix(Net.Label, 0, Net.LayerSize[Net.Layers], Net.Examples);

        /// <summary>W1, b1, W2, … → double[,], for New-GradCheckNetwork -Parameter.</summary>
        public OrderedDictionary ParameterDictionary() => Dictionary(Net.Theta, string.Empty);

        /// <summary>dW1, db1, … → double[,] of the (buggy) gradient.</summary>
        public OrderedDictionary GradientDictionary() => Dictionary(Gradient, "d");

        public ParameterVector ThetaVector() => new ParameterVector((double[])Net.Theta.Clone(), Net.Layout);

        public ParameterVector GradientVector() => new ParameterVector((double[])Gradient.Clone(), Net.Layout);

        public NetworkDefinition Definition() => new NetworkDefinition
        {
            LayerSize = (int[])Net.LayerSize.Clone(),
            Activation = (Activation[])Net.Activation.Clone(),
            Loss = Net.Loss,
            Input = InputMatrix(),
            Label = LabelMatrix(),
            Parameters = ThetaVector(),
        };

        public Network CreateNetwork() => Network.Create(Definition());

        /// <summary>"4-5-3-1 ReLU,Tanh,Sigmoid CrossEntropy m=3".</summary>
        public string Shape =>
            $"{string.Join("-", Net.LayerSize)} {string.Join(",", ActivationNames)} {LossName} m={Net.Examples}";

        public override string ToString() =>
            $"case {Id}: {Shape}; {Bug.Description}" +
                (NearKink ? $"; {KinkAt} = {CorpusText.Number(KinkZ)}" : string.Empty);

        private OrderedDictionary Dictionary(double[] values, string prefix)
        {
            var result = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (var block in Net.Layout.Blocks)
                result.Add(prefix + block.Name, ToMatrix(values, block.Offset, block.Shape[0], block.Shape[1]));
            return result;
        }

        internal static double[,] ToMatrix(double[] data, int offset, int rows, int columns)
        {
            var matrix = new double[rows, columns];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++) matrix[r, c] = data[offset + r * columns + c];
            return matrix;
        }
    }

    /// <summary>Draws the corpus, deterministically from a seed.</summary>
    public static class CorpusGenerator
    {
        public const uint DefaultSeed = 4;
        public const int DefaultCount = 240;

        /// <summary>The largest |z_L| a CrossEntropy output may have, so that log(1 − a) keeps its digits.</summary>
        public const double OutputLimit = 8;

        private static readonly Activation[] AllActivations =
            { Activation.ReLU, Activation.LeakyReLU, Activation.Tanh, Activation.Sigmoid, Activation.Linear };

        /// <summary>Every kind of bug, None excluded.</summary>
        public static BugKind[] BugKinds =>
            ((BugKind[])Enum.GetValues(typeof(BugKind))).Where(k => k != BugKind.None).ToArray();

        /// <summary>
        /// <paramref name="count"/> cases: the odd ones carry a bug, the kinds taking turns; cases with id ≡ 0 or 3
        /// (mod 5), 40 %, have a ReLU or LeakyReLU pre-activation within 1e-9..1e-7 of its kink.
        /// </summary>
        public static CorpusCase[] Generate(uint seed = DefaultSeed, int count = DefaultCount)
        {
            var cases = new CorpusCase[count];
            for (int id = 0; id < count; id++) cases[id] = Case(seed, id);
            return cases;
        }

        /// <summary>Case <paramref name="id"/> of the corpus drawn from <paramref name="seed"/>.</summary>
        public static CorpusCase Case(uint seed, int id)
        {
            var kinds = BugKinds;
            var kind = id % 2 == 1 ? kinds[(id / 2) % kinds.Length] : BugKind.None;
            bool kink = id % 5 == 0 || id % 5 == 3;
            uint caseSeed = unchecked(seed * 1000003u + (uint)id * 7919u + 17u);
            var random = new LegacyRandomState(caseSeed);
            for (int attempt = 0; attempt < 2000; attempt++)
            {
                var net = Draw(random);
                string kinkAt = null;
                double kinkZ = double.NaN;
                if (kink && !PlaceKink(net, random, out kinkAt, out kinkZ)) continue;
                LimitOutput(net);
                var clean = BuggyBackprop.Gradient(net, net.Theta);
                var bug = CorpusBug.None;
                double[] gradient = clean;
                double[] change = new double[net.Layout.Blocks.Count];
                if (kind != BugKind.None)
                {
                    bug = null;
                    for (int tries = 0; tries < 20 && bug == null; tries++)
                    {
                        var candidate = Plant(kind, net, clean, random);
                        if (candidate == null) break; // this network has no place for this kind of bug
                        var buggy = BuggyBackprop.Gradient(net, net.Theta, candidate);
                        var candidateChange = BlockChanges(net.Layout, clean, buggy);
                        if (candidateChange.Max() > 0) { bug = candidate; gradient = buggy; change = candidateChange; }
                    }
                    if (bug == null) continue;
                }
                return new CorpusCase
                {
                    Id = id,
                    Seed = caseSeed,
                    Net = net,
                    NearKink = kink,
                    KinkAt = kinkAt,
                    KinkZ = kinkZ,
                    NearestKink = NearestKink(net),
                    Bug = bug,
                    Gradient = gradient,
                    CleanGradient = clean,
                    BlockChange = change,
                    AffectedBlocks = net.Layout.Blocks.Where((b, i) => change[i] > 0).Select(b => b.Name).ToArray(),
                    Effect = change.Length == 0 ? 0 : change.Max(),
                };
            }
            throw new InvalidOperationException($"Could not draw case {id} ({kind}, kink {kink}) from seed {seed}.");
        }

        /// <summary>Per block ‖Δ_B‖₂ / ‖g_B‖₂; ∞ when ‖g_B‖ = 0 but Δ_B is not; 0 when both are 0.</summary>
        public static double[] BlockChanges(ParameterLayout layout, double[] clean, double[] buggy)
        {
            var change = new double[layout.Blocks.Count];
            for (int b = 0; b < change.Length; b++)
            {
                var block = layout.Blocks[b];
                double diff = 0, norm = 0;
                for (int i = block.Offset; i < block.Offset + block.Count; i++)
                {
                    double d = buggy[i] - clean[i];
                    diff += d * d;
                    norm += clean[i] * clean[i];
                }
                change[b] = diff == 0 ? 0 : norm == 0 ? double.PositiveInfinity : Math.Sqrt(diff) / Math.Sqrt(norm);
            }
            return change;
        }

        /// <summary>
        /// 1–3 layers, n₀ 1–8, hidden 1–8, outputs 1–3, m 1–8; X = 10^U(−2,2)·randn; weights and biases
        /// 10^U(−3,1)·10^U(−½,½)·randn per layer; CrossEntropy (sigmoid output, labels 0/1 or soft) or MSE.
        /// </summary>
        private static CorpusNet Draw(LegacyRandomState random)
        {
            int layers = 1 + Int(random, 3);
            var sizes = new int[layers + 1];
            sizes[0] = 1 + Int(random, 8);
            for (int l = 1; l < layers; l++) sizes[l] = 1 + Int(random, 8);
            sizes[layers] = 1 + Int(random, 3);
            var loss = random.RandomSample() < 0.5 ? Loss.CrossEntropy : Loss.MeanSquaredError;
            var activations = new Activation[layers];
            for (int l = 0; l < layers - 1; l++) activations[l] = AllActivations[Int(random, AllActivations.Length)];
            activations[layers - 1] = loss == Loss.CrossEntropy
                ? Activation.Sigmoid
                : AllActivations[Int(random, AllActivations.Length)];
            int m = 1 + Int(random, 8);

            double inputScale = Math.Pow(10, Uniform(random, -2, 2));
            var input = new double[sizes[0] * m];
            for (int i = 0; i < input.Length; i++) input[i] = inputScale * random.StandardNormal();

            var label = new double[sizes[layers] * m];
            bool soft = random.RandomSample() < 0.5;
            for (int i = 0; i < label.Length; i++)
            {
                if (loss == Loss.CrossEntropy)
                    label[i] = soft ? random.RandomSample() : (random.RandomSample() < 0.5 ? 0 : 1);
                else if (activations[layers - 1] == Activation.Sigmoid) label[i] = random.RandomSample();
                else label[i] = random.StandardNormal();
            }

            var net = new CorpusNet(sizes, activations, loss, m, input, label, null);
            var theta = new double[net.Layout.Count];
            double scale = Math.Pow(10, Uniform(random, -3, 1));
            for (int l = 1; l <= layers; l++)
            {
                double layerScale = scale * Math.Pow(10, Uniform(random, -0.5, 0.5));
                for (int i = net.WeightOffset[l]; i < net.BiasOffset[l] + sizes[l]; i++)
                    theta[i] = layerScale * random.StandardNormal();
            }
            return new CorpusNet(sizes, activations, loss, m, input, label, theta);
        }

        /// <summary>
        /// Shifts one bias so that one hidden ReLU or LeakyReLU pre-activation, for one example,
        /// lies ±10^U(−9,−7) from 0.
        /// </summary>
        private static bool PlaceKink(CorpusNet net, LegacyRandomState random, out string at, out double value)
        {
            at = null;
            value = double.NaN;
            var layers = Enumerable.Range(1, net.Layers)
                .Where(l => l < net.Layers
                            && (net.ActivationOf(l) == Activation.ReLU || net.ActivationOf(l) == Activation.LeakyReLU))
                .ToArray();
            if (layers.Length == 0) return false;
            int layer = layers[Int(random, layers.Length)];
            int m = net.Examples;
            for (int tries = 0; tries < 5; tries++)
            {
                int r = Int(random, net.LayerSize[layer]), j = Int(random, m);
                double target = (random.RandomSample() < 0.5 ? -1 : 1) * Math.Pow(10, Uniform(random, -9, -7));
                int bias = net.BiasOffset[layer] + r;
                double original = net.Theta[bias];
                double z = double.NaN;
                for (int step = 0; step < 8; step++)
                {
                    BuggyBackprop.Forward(net, net.Theta, out var zs, out _);
                    z = zs[layer][r * m + j];
                    if (Math.Abs(z) >= 1e-9 && Math.Abs(z) <= 1e-7 && Math.Sign(z) == Math.Sign(target)) break;
                    net.Theta[bias] -= z - target;
                }
                if (Math.Abs(z) >= 1e-9 && Math.Abs(z) <= 1e-7 && Math.Sign(z) == Math.Sign(target))
                {
                    at = $"Z{layer}[{r},{j}]";
                    value = z;
                    return true;
                }
                net.Theta[bias] = original;
            }
            return false;
        }

        /// <summary>For CrossEntropy, scales W_L and b_L so that max |z_L| ≤ <see cref="OutputLimit"/>.</summary>
        private static void LimitOutput(CorpusNet net)
        {
            if (net.Loss != Loss.CrossEntropy) return;
            BuggyBackprop.Forward(net, net.Theta, out var z, out _);
            double largest = z[net.Layers].Max(x => Math.Abs(x));
            if (largest <= OutputLimit) return;
            double factor = OutputLimit / largest;
            int L = net.Layers;
            for (int i = net.WeightOffset[L]; i < net.BiasOffset[L] + net.LayerSize[L]; i++) net.Theta[i] *= factor;
        }

        private static double NearestKink(CorpusNet net)
        {
            BuggyBackprop.Forward(net, net.Theta, out var z, out _);
            double nearest = double.PositiveInfinity;
            for (int l = 1; l <= net.Layers; l++)
                if (net.ActivationOf(l) == Activation.ReLU || net.ActivationOf(l) == Activation.LeakyReLU)
                    foreach (double value in z[l]) nearest = Math.Min(nearest, Math.Abs(value));
            return nearest;
        }

        /// <summary>
        /// A bug of <paramref name="kind"/> at a random place in <paramref name="net"/>;
        /// null when the network has no place for it.
        /// </summary>
        private static CorpusBug Plant(BugKind kind, CorpusNet net, double[] clean, LegacyRandomState random)
        {
            var layout = net.Layout;
            int L = net.Layers;
            switch (kind)
            {
                case BugKind.BlockScale:
                {
                    int block = Int(random, layout.Blocks.Count);
                    double delta = LogUniform(random, 1e-3, 3);
                    double factor = random.RandomSample() < 0.5 ? 1 + delta : 1 - delta;
                    return new CorpusBug
                    {
                        Kind = kind, Block = block, Factor = factor,
                        Description = $"d{layout[block].Name} scaled by {CorpusText.Number(factor)} " +
                            $"(δ = {CorpusText.Number(delta)})",
                    };
                }
                case BugKind.SignFlip:
                {
                    int block = Int(random, layout.Blocks.Count);
                    return new CorpusBug
                    {
                        Kind = kind, Block = block, Factor = -1,
                        Description = $"d{layout[block].Name} with its sign flipped"
                    };
                }
                case BugKind.SingleEntry:
                {
                    int entry = Int(random, layout.Count);
                    int block = layout.BlockIndexOf(entry);
                    string name = layout.EntryName(entry);
                    if (random.RandomSample() < 0.5)
                    {
                        double delta = LogUniform(random, 1e-3, 3);
                        double factor = random.RandomSample() < 0.5 ? 1 + delta : 1 - delta;
                        return new CorpusBug
                        {
                            Kind = kind, Block = block, Entry = entry, Factor = factor,
                            Description = $"d{name} scaled by {CorpusText.Number(factor)}"
                        };
                    }
                    var b = layout[block];
                    double rms = Rms(clean, b.Offset, b.Count);
                    if (rms == 0) rms = Rms(clean, 0, clean.Length);
                    if (rms == 0) rms = 1;
                    double value = rms * random.StandardNormal();
                    return new CorpusBug
                    {
                        Kind = kind, Block = block, Entry = entry, Replace = true, Value = value,
                        Description = $"d{name} replaced by {CorpusText.Number(value)} " +
                            $"(was {CorpusText.Number(clean[entry])})",
                    };
                }
                case BugKind.MissingDerivative:
                {
                    var layers = Enumerable.Range(1, L)
                        .Where(l => net.ActivationOf(l) != Activation.Linear
                                    && (l < L || net.Loss == Loss.MeanSquaredError)).ToArray();
                    if (layers.Length == 0) return null;
                    int layer = layers[Int(random, layers.Length)];
                    return new CorpusBug
                    {
                        Kind = kind, Layer = layer,
                        Description = $"f′ of layer {layer} ({net.ActivationOf(layer)}) taken as 1"
                    };
                }
                case BugKind.TransposedWeight:
                {
                    var layers = Enumerable.Range(2, Math.Max(0, L - 1))
                        .Where(l => net.LayerSize[l] != 1 && net.LayerSize[l - 1] != 1).ToArray();
                    if (layers.Length == 0) return null;
                    int layer = layers[Int(random, layers.Length)];
                    return new CorpusBug
                    {
                        Kind = kind, Layer = layer,
                        Description = $"dA{layer - 1} from W{layer}.reshape({net.LayerSize[layer - 1]}, " +
                            $"{net.LayerSize[layer]}) instead of W{layer}.T",
                    };
                }
                case BugKind.MissingOneOverM:
                {
                    if (net.Examples == 1) return null;
                    int layer = 1 + Int(random, L);
                    bool weights = random.RandomSample() < 0.5;
                    return new CorpusBug
                    {
                        Kind = kind, Layer = layer, OnWeights = weights,
                        Description = $"d{(weights ? "W" : "b")}{layer} without its 1/m (m = {net.Examples})",
                    };
                }
                case BugKind.DerivativeAtA:
                {
                    var layers = Enumerable.Range(1, L)
                        .Where(l => (net.ActivationOf(l) == Activation.Sigmoid
                                     || net.ActivationOf(l) == Activation.Tanh)
                                    && (l < L || net.Loss == Loss.MeanSquaredError)).ToArray();
                    if (layers.Length == 0) return null;
                    int layer = layers[Int(random, layers.Length)];
                    return new CorpusBug
                    {
                        Kind = kind, Layer = layer,
                        Description = $"{net.ActivationOf(layer)}′ of layer {layer} evaluated at A{layer} " +
                            $"instead of Z{layer}"
                    };
                }
                case BugKind.PreActivationInDW:
                {
                    var layers = Enumerable.Range(2, Math.Max(0, L - 1))
                        .Where(l => net.ActivationOf(l - 1) != Activation.Linear).ToArray();
                    if (layers.Length == 0) return null;
                    int layer = layers[Int(random, layers.Length)];
                    return new CorpusBug
                    {
                        Kind = kind, Layer = layer,
                        Description = $"dW{layer} from Z{layer - 1} instead of A{layer - 1}"
                    };
                }
                default:
                    return CorpusBug.None;
            }
        }

        private static double Rms(double[] values, int offset, int count)
        {
            double sum = 0;
            for (int i = offset; i < offset + count; i++) sum += values[i] * values[i];
            return count == 0 ? 0 : Math.Sqrt(sum / count);
        }

        private static int Int(LegacyRandomState random, int n) => Math.Min(n - 1, (int)(random.RandomSample() * n));

        private static double Uniform(LegacyRandomState random, double low, double high) =>
            low + (high - low) * random.RandomSample();

        private static double LogUniform(LegacyRandomState random, double low, double high) =>
            Math.Exp(Uniform(random, Math.Log(low), Math.Log(high)));
    }

    /// <summary>The three rules under comparison.</summary>
    public enum VerdictRule
    {
        /// <summary>GradientChecker with default options: ε = 1e-7, error-aware, per block.</summary>
        GradCheck,

        /// <summary>The course's rule: difference &lt; 2e-7 at ε = 1e-7.</summary>
        Course,

        /// <summary>
        /// torch.autograd.gradcheck: centred differences at ε = 1e-6, |a − n| ≤ 1e-5 + 1e-3·|n| for every entry.
        /// </summary>
        Torch,
    }

    /// <summary>What one rule says about one check.</summary>
    public sealed class RuleVerdict
    {
        public VerdictRule Rule { get; set; }

        public bool Passed { get; set; }

        /// <summary>The blocks the rule names as wrong, in layout order.</summary>
        public string[] Named { get; set; }

        public override string ToString() => Passed ? "passed" : "failed: " + string.Join(",", Named);
    }

    /// <summary>The rules, each a pure function of check results.</summary>
    public static class Rules
    {
        public const double CourseEpsilon = 1e-7;
        public const double CourseThreshold = 2e-7;
        public const double TorchEpsilon = 1e-6;
        public const double TorchAbsoluteTolerance = 1e-5;
        public const double TorchRelativeTolerance = 1e-3;

        public static readonly VerdictRule[] All = { VerdictRule.GradCheck, VerdictRule.Course, VerdictRule.Torch };

        /// <summary>The label the report uses.</summary>
        public static string Title(VerdictRule rule)
        {
            switch (rule)
            {
                case VerdictRule.GradCheck: return "GradCheck default";
                case VerdictRule.Course: return "course rule 2e-7";
                default: return "torch gradcheck atol 1e-5 rtol 1e-3";
            }
        }

        /// <summary>Ours: the checker's own verdict and failed blocks (default options).</summary>
        public static RuleVerdict GradCheck(GradientCheckResult result) => new RuleVerdict
        {
            Rule = VerdictRule.GradCheck, Passed = result.Passed, Named = (string[])result.FailedBlocks.Clone()
        };

        /// <summary>The course's: Difference &lt; 2e-7; named = blocks whose own difference is ≥ 2e-7.</summary>
        public static RuleVerdict Course(GradientCheckResult result) => new RuleVerdict
        {
            Rule = VerdictRule.Course,
            Passed = result.Difference < CourseThreshold,
            Named = result.Blocks.Where(b => b.Difference >= CourseThreshold).Select(b => b.Name).ToArray(),
        };

        /// <summary>
        /// torch's: every entry within 1e-5 + 1e-3·|numerical| at ε = 1e-6; named = blocks with a violating entry.
        /// </summary>
        public static RuleVerdict Torch(GradientCheckResult resultAtTorchEpsilon)
        {
            var r = resultAtTorchEpsilon;
            var named = new List<string>();
            foreach (var block in r.Layout.Blocks)
            {
                for (int i = block.Offset; i < block.Offset + block.Count; i++)
                    if (TorchViolates(r.Analytic[i], r.Numerical[i])) { named.Add(block.Name); break; }
            }
            return new RuleVerdict { Rule = VerdictRule.Torch, Passed = named.Count == 0, Named = named.ToArray() };
        }

        public static bool TorchViolates(double analytic, double numerical) =>
            !(Math.Abs(analytic - numerical) <= TorchAbsoluteTolerance + TorchRelativeTolerance * Math.Abs(numerical));
    }

    /// <summary>How a rule's verdict on a case counts.</summary>
    public enum Outcome
    {
        /// <summary>No bug, passed.</summary>
        Clean,

        /// <summary>No bug, failed.</summary>
        FalseAlarm,

        /// <summary>A bug, failed, and the named blocks are exactly the affected ones.</summary>
        Caught,

        /// <summary>A bug, failed, but the named blocks are not exactly the affected ones.</summary>
        WronglyNamed,

        /// <summary>A bug with effect ≥ 1e-3, passed.</summary>
        Missed,

        /// <summary>A bug with effect &lt; 1e-3, passed.</summary>
        MissedSmall,

        /// <summary>
        /// A bug of effect ≥ 1e-3 that passed, but in every block it changes by ≥ 1e-3 it moves J(θ ± ε) by less than
        /// one rounding unit of J (resolvability &lt; 1): no finite difference at this ε can see it.
        /// </summary>
        BelowResolution,
    }

    /// <summary>One case judged by every rule.</summary>
    public sealed class CaseRow
    {
        public CorpusCase Case { get; set; }

        public int Id => Case.Id;

        public BugKind Kind => Case.Kind;

        public double Effect => Case.Effect;

        public bool IsBuggy => Case.IsBuggy;

        public bool NearKink => Case.NearKink;

        public string[] AffectedBlocks => Case.AffectedBlocks;

        /// <summary>The check at ε = 1e-7 with default options (ours and the course's rule).</summary>
        public GradientCheckResult Check { get; set; }

        /// <summary>The check at ε = 1e-6 (torch's rule).</summary>
        public GradientCheckResult TorchCheck { get; set; }

        public RuleVerdict GradCheck { get; set; }

        public RuleVerdict Course { get; set; }

        public RuleVerdict Torch { get; set; }

        public RuleVerdict Verdict(VerdictRule rule) =>
            rule == VerdictRule.GradCheck ? GradCheck : rule == VerdictRule.Course ? Course : Torch;

        public Outcome OutcomeOf(VerdictRule rule)
        {
            var v = Verdict(rule);
            if (!IsBuggy) return v.Passed ? Outcome.Clean : Outcome.FalseAlarm;
            if (v.Passed)
                return Effect < VerdictCorpus.SmallEffect ? Outcome.MissedSmall
                    : IsBelowResolution ? Outcome.BelowResolution : Outcome.Missed;
            return NamesResolvableBlocks(rule) ? Outcome.Caught : Outcome.WronglyNamed;
        }

        /// <summary>
        /// Every block the bug changes by ≥ 1e-3 has resolvability below <see cref="VerdictCorpus.ResolutionLimit"/>.
        /// </summary>
        public bool IsBelowResolution =>
            Enumerable.Range(0, Case.Layout.Blocks.Count).Where(b => Case.BlockChange[b] >= VerdictCorpus.SmallEffect)
                .All(b => BlockResolvability(b) < VerdictCorpus.ResolutionLimit);

        /// <summary>
        /// The naming rule: every block named is changed by the bug, and every block the bug changes by ≥ 1e-3 and
        /// that a finite difference can resolve (resolvability ≥ 1) is named.
        /// </summary>
        public bool NamesResolvableBlocks(VerdictRule rule)
        {
            var v = Verdict(rule);
            var named = new HashSet<string>(v.Named, StringComparer.OrdinalIgnoreCase);
            for (int b = 0; b < Case.Layout.Blocks.Count; b++)
            {
                string name = Case.Layout.Blocks[b].Name;
                double change = Case.BlockChange[b];
                if (named.Contains(name) && change == 0) return false;
                if (!named.Contains(name) && change >= VerdictCorpus.SmallEffect
                    && BlockResolvability(b) >= VerdictCorpus.ResolutionLimit)
                    return false;
            }
            return true;
        }

        /// <summary>
        /// Whether the named blocks are exactly the blocks the bug changes at all (the strictest naming).
        /// </summary>
        public bool NamesExactly(VerdictRule rule) =>
            Verdict(rule).Named.OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                .SequenceEqual(AffectedBlocks.OrderBy(n => n, StringComparer.OrdinalIgnoreCase),
                    StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Whether a caught bug's named blocks include every block the bug changes by ≥ 1e-3 and nothing it leaves
        /// alone: the naming rule with blocks that change only slightly excused. False for clean or missed cases.
        /// </summary>
        public bool NamesMajorBlocks(VerdictRule rule)
        {
            var v = Verdict(rule);
            if (!IsBuggy || v.Passed) return false;
            var names = Case.Layout.Blocks.Select(b => b.Name).ToList();
            var named = new HashSet<string>(v.Named, StringComparer.OrdinalIgnoreCase);
            for (int b = 0; b < names.Count; b++)
            {
                double change = Case.BlockChange[b];
                if (named.Contains(names[b]) && change == 0) return false;
                if (!named.Contains(names[b]) && change >= VerdictCorpus.SmallEffect) return false;
            }
            return true;
        }

        /// <summary>
        /// How visible the bug is to any finite difference at ε = 1e-7: max_i |g_bug,i − g_i| over u·|J|/ε, the change
        /// of a centred difference that one rounding unit of J makes. Below 1 the bug moves J(θ ± ε)
        /// by less than an ulp.
        /// </summary>
        public double Resolvability
        {
            get
            {
                double largest = 0;
                for (int i = 0; i < Case.Gradient.Length; i++)
                    largest = Math.Max(largest, Math.Abs(Case.Gradient[i] - Case.CleanGradient[i]));
                double unit = VerdictCorpus.UnitRoundoff * Math.Abs(Check.Cost) / Check.Epsilon;
                return largest == 0 ? 0 : unit == 0 ? double.PositiveInfinity : largest / unit;
            }
        }

        /// <summary>
        /// <see cref="Resolvability"/> restricted to block <paramref name="block"/> (its index in the layout).
        /// </summary>
        public double BlockResolvability(int block)
        {
            var b = Case.Layout.Blocks[block];
            double largest = 0;
            for (int i = b.Offset; i < b.Offset + b.Count; i++)
                largest = Math.Max(largest, Math.Abs(Case.Gradient[i] - Case.CleanGradient[i]));
            double unit = VerdictCorpus.UnitRoundoff * Math.Abs(Check.Cost) / Check.Epsilon;
            return largest == 0 ? 0 : unit == 0 ? double.PositiveInfinity : largest / unit;
        }

        /// <summary>
        /// The cost's measured noise (ECnoise) in units of u·|J|: about 1 for a well-measured cost, far above when
        /// something else was measured.
        /// </summary>
        public double NoiseRatio =>
            Check.Cost == 0 ? double.NaN : Check.CostNoise / (VerdictCorpus.UnitRoundoff * Math.Abs(Check.Cost));

        /// <summary>
        /// Whether the rule got the case right: passed a clean case, or failed a buggy one naming exactly the
        /// affected blocks.
        /// </summary>
        public bool IsRight(VerdictRule rule)
        {
            var o = OutcomeOf(rule);
            return o == Outcome.Clean || o == Outcome.Caught;
        }

        /// <summary>A few lines on what the rule saw: the worst entries with their numbers and tolerance.</summary>
        public string Explain(VerdictRule rule)
        {
            var text = new StringBuilder();
            var v = Verdict(rule);
            text.Append(
                $"{Case} | effect {CorpusText.Number(Effect)}; affected {{{string.Join(",", AffectedBlocks)}}}");
            if (IsBuggy)
            {
                var changes = Case.Layout.Blocks.Select((b, i) => new { b.Name, Change = Case.BlockChange[i] })
                    .Where(x => x.Change > 0);
                text.Append($" (block changes " +
                    $"{string.Join(", ", changes.Select(x => x.Name + " " + CorpusText.Number(x.Change)))}); " +
                    $"resolvability {CorpusText.Number(Resolvability)}");
            }
            text.Append($"; J = {CorpusText.Number(Check.Cost)}, its noise (ECnoise) " +
                $"{CorpusText.Number(Check.CostNoise)} = {CorpusText.Number(NoiseRatio)}·u|J|; " +
                $"nearest kink |z| = {CorpusText.Number(Case.NearestKink)}");
            text.AppendLine();
            text.Append($"  {Rules.Title(rule)}: {OutcomeOf(rule)}, {(v.Passed ? "passed" : "failed")}, " +
                $"named {{{string.Join(",", v.Named)}}}");
            if (rule == VerdictRule.Course) text.Append($"; difference {CorpusText.Number(Check.Difference)}");
            text.AppendLine();
            if (rule == VerdictRule.GradCheck)
            {
                foreach (var e in Check.Worst)
                    text.AppendLine($"    {e.Name}: analytic {CorpusText.Number(e.Analytic)}, " +
                        $"numerical {CorpusText.Number(e.Numerical)}, |Δ| {CorpusText.Number(e.AbsError)}, " +
                        $"tolerance {CorpusText.Number(e.Tolerance)}, " +
                        $"exact {CorpusText.Number(Case.CleanGradient[e.Position])}");
                // The blocks named wrongly: affected but not named, or named but untouched by the bug.
                var named = new HashSet<string>(v.Named, StringComparer.OrdinalIgnoreCase);
                for (int b = 0; b < Check.Blocks.Length; b++)
                {
                    var block = Check.Blocks[b];
                    bool affected = Case.BlockChange[b] > 0;
                    if (affected == named.Contains(block.Name)) continue;
                    int worst = WorstBugEntry(b);
                    text.Append($"    {(affected ? "not named" : "named, unaffected")} {block.Name}: " +
                        $"block change {CorpusText.Number(Case.BlockChange[b])}, " +
                        $"resolvability {CorpusText.Number(BlockResolvability(b))}, " +
                        $"max |Δ|/tolerance {CorpusText.Number(block.MaxToleranceRatio)}");
                    if (worst >= 0)
                        text.Append($"; {Case.Layout.EntryName(worst)}: " +
                            $"analytic {CorpusText.Number(Case.Gradient[worst])}, " +
                            $"numerical {CorpusText.Number(Check.Numerical[worst])}, " +
                            $"exact {CorpusText.Number(Case.CleanGradient[worst])}");
                    text.AppendLine();
                }
            }
            else
            {
                var r = rule == VerdictRule.Course ? Check : TorchCheck;
                for (int b = 0; b < r.Blocks.Length; b++)
                    text.AppendLine($"    {r.Blocks[b].Name}: " +
                        $"difference {CorpusText.Number(r.Blocks[b].Difference)}, " +
                        $"max |Δ| {CorpusText.Number(r.Blocks[b].MaxAbsError)}, " +
                        $"change by the bug {CorpusText.Number(Case.BlockChange[b])}");
            }
            return text.ToString();
        }

        /// <summary>
        /// The entry of block <paramref name="block"/> that the bug moves most (−1 when it moves none).
        /// </summary>
        private int WorstBugEntry(int block)
        {
            var b = Case.Layout.Blocks[block];
            int worst = -1;
            double largest = 0;
            for (int i = b.Offset; i < b.Offset + b.Count; i++)
            {
                double d = Math.Abs(Case.Gradient[i] - Case.CleanGradient[i]);
                if (d > largest) { largest = d; worst = i; }
            }
            return worst;
        }

        public override string ToString() =>
            $"{Id} {Kind} effect={CorpusText.Number(Effect)} ours={GradCheck} course={Course} torch={Torch}";
    }

    /// <summary>Per-rule counts over a corpus.</summary>
    public sealed class RuleTally
    {
        public VerdictRule Rule { get; set; }

        public string Title => Rules.Title(Rule);

        public int Cases { get; set; }

        public int CleanCases { get; set; }

        public int FalseAlarms { get; set; }

        /// <summary>Bugs with effect ≥ 1e-3.</summary>
        public int LargeBugs { get; set; }

        public int Missed { get; set; }

        /// <summary>Bugs with effect &lt; 1e-3.</summary>
        public int SmallBugs { get; set; }

        public int MissedSmall { get; set; }

        /// <summary>
        /// Bugs of effect ≥ 1e-3 passed while below resolution (counted apart from <see cref="Missed"/>).
        /// </summary>
        public int BelowResolution { get; set; }

        /// <summary>Bugs of effect ≥ 1e-3 that are below resolution, whatever the rule did.</summary>
        public int UnresolvableBugs { get; set; }

        /// <summary>Bugs caught (failed), whether named right or not.</summary>
        public int Caught { get; set; }

        public int WronglyNamed { get; set; }

        /// <summary>
        /// Of <see cref="WronglyNamed"/>, those that still name every block the bug changes by ≥ 1e-3 and nothing else.
        /// </summary>
        public int WronglyNamedOnlyMinorBlocks { get; set; }
    }

    /// <summary>Caught / total for one kind of bug and one rule.</summary>
    public sealed class KindTally
    {
        public BugKind Kind { get; set; }

        public VerdictRule Rule { get; set; }

        public int Total { get; set; }

        /// <summary>Failed (detected), whatever blocks were named.</summary>
        public int Caught { get; set; }

        /// <summary>
        /// Failed, naming the blocks by the naming rule (<see cref="CaseRow.NamesResolvableBlocks"/>).
        /// </summary>
        public int NamedRight { get; set; }

        /// <summary>Failed, naming exactly the blocks the bug changes at all.</summary>
        public int NamedExactly { get; set; }

        /// <summary>For None: passed.</summary>
        public int Passed { get; set; }
    }

    /// <summary>Runs cases under the three rules and tallies them.</summary>
    public static class VerdictCorpus
    {
        /// <summary>Bugs below this block-relative effect are tallied apart.</summary>
        public const double SmallEffect = 1e-3;

        /// <summary>
        /// A block is resolvable when its bug moves a centred difference by at least this many rounding units of J.
        /// </summary>
        public const double ResolutionLimit = 1.0;

        /// <summary>u = 2⁻⁵², the spacing of doubles at 1.</summary>
        public const double UnitRoundoff = 2.220446049250313e-16;

        /// <summary>
        /// Checks the case twice (ε = 1e-7 with default options, ε = 1e-6 for torch's rule) and judges it.
        /// </summary>
        public static CaseRow Run(CorpusCase c)
        {
            var network = c.CreateNetwork();
            var theta = network.ToParameterVector().Values;
            var objective = network.CreateObjective();
            var check = new GradientChecker().Check(objective, theta, (double[])c.Gradient.Clone());
            var torch = new GradientChecker(new CheckOptions { Epsilon = Rules.TorchEpsilon })
                .Check(objective, theta, (double[])c.Gradient.Clone());
            return Judge(c, check, torch);
        }

        /// <summary>Judges a case from its two checks, however they were run (C# or Test-Gradient).</summary>
        public static CaseRow Judge(CorpusCase c, GradientCheckResult check, GradientCheckResult torchCheck)
        {
            if (check.Epsilon != Rules.CourseEpsilon)
                throw new ArgumentException(
                    $"The default check must use ε = {Rules.CourseEpsilon}; it used {check.Epsilon}.", nameof(check));
            if (torchCheck.Epsilon != Rules.TorchEpsilon)
                throw new ArgumentException(
                    $"torch's rule needs ε = {Rules.TorchEpsilon}; the check used {torchCheck.Epsilon}.",
                    nameof(torchCheck));
            return new CaseRow
            {
                Case = c,
                Check = check,
                TorchCheck = torchCheck,
                GradCheck = Rules.GradCheck(check),
                Course = Rules.Course(check),
                Torch = Rules.Torch(torchCheck),
            };
        }

        public static CaseRow[] RunAll(IEnumerable<CorpusCase> cases) => cases.Select(Run).ToArray();

        public static RuleTally[] Tally(IEnumerable<CaseRow> rows)
        {
            var list = rows.ToList();
            return Rules.All.Select(rule =>
            {
                var t = new RuleTally { Rule = rule, Cases = list.Count };
                foreach (var row in list)
                {
                    if (!row.IsBuggy) t.CleanCases++;
                    else if (row.Effect >= SmallEffect)
                    {
                        t.LargeBugs++;
                        if (row.IsBelowResolution) t.UnresolvableBugs++;
                    }
                    else t.SmallBugs++;
                    switch (row.OutcomeOf(rule))
                    {
                        case Outcome.FalseAlarm: t.FalseAlarms++; break;
                        case Outcome.Missed: t.Missed++; break;
                        case Outcome.MissedSmall: t.MissedSmall++; break;
                        case Outcome.BelowResolution: t.BelowResolution++; break;
                        case Outcome.Caught: t.Caught++; break;
                        case Outcome.WronglyNamed:
                            t.Caught++;
                            t.WronglyNamed++;
                            if (row.NamesMajorBlocks(rule)) t.WronglyNamedOnlyMinorBlocks++;
                            break;
                    }
                }
                return t;
            }).ToArray();
        }

        public static KindTally[] ByKind(IEnumerable<CaseRow> rows)
        {
            var list = rows.ToList();
            var result = new List<KindTally>();
            foreach (BugKind kind in Enum.GetValues(typeof(BugKind)))
                foreach (var rule in Rules.All)
                {
                    var of = list.Where(r => r.Kind == kind).ToList();
                    result.Add(new KindTally
                    {
                        Kind = kind,
                        Rule = rule,
                        Total = of.Count,
                        Caught = of.Count(r => !r.Verdict(rule).Passed),
                        NamedRight = of.Count(r => r.OutcomeOf(rule) == Outcome.Caught),
                        NamedExactly = of.Count(r => r.IsBuggy && !r.Verdict(rule).Passed && r.NamesExactly(rule)),
                        Passed = of.Count(r => r.Verdict(rule).Passed),
                    });
                }
            return result.ToArray();
        }
    }

    internal static class CorpusText
    {
        public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
    }
}
