// Part of the corpus in Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Corpus
{
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
}
