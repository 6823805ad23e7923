using System;
using System.Collections.Generic;
using System.Linq;

namespace GradCheck
{
    /// <summary>Validates network definitions, draws random ones and builds the course's preset.</summary>
    internal static class NetworkFactory
    {
        public static Network Create(NetworkDefinition d)
        {
            if (d.Preset != null) return FromPreset(d);
            int[] sizes = ValidateSizes(d.LayerSize);
            int layers = sizes.Length - 1;
            var activations = d.Activation ?? Enumerable.Range(1,
                layers).Select(l => l == layers ? Activation.Sigmoid : Activation.ReLU).ToArray();
            if (activations.Length != layers)
                throw new GradCheckException(ErrorIds.ActivationCountMismatch, GradCheckErrorKind.InvalidArgument,
                    activations,
                    Text.Format("ActivationCountMismatch", layers, string.Join("-", sizes), activations.Length));
            ValidateActivations(activations, d.Loss);
            double l2 = ValidateL2(d.L2);
            double keep = ValidateKeepProbability(d.KeepProbability ?? 1);

            int seed = d.Seed ?? NewSeed();
            var random = new LegacyRandomState(unchecked((uint)seed));
            bool drawn = d.Input == null || d.Parameters == null;
            var (input, label, m) = Data(d, sizes, random);
            var dropout = Masks(sizes, m, keep, d.DropoutSeed);
            // Drawn in double, as the double network draws them, then held in the network's precision.
            var shape = new NetworkShape(sizes, activations, d.Loss, m, NetworkPrecision.Round(input, d.Precision),
                NetworkPrecision.Round(label, d.Precision), l2, dropout, d.Precision);
            ValidateData(shape);
            double[] theta = d.Parameters != null ? FromGiven(shape.Layout, d.Parameters) : Initialise(shape, random);
            return new Network(shape, NetworkPrecision.Round(theta, d.Precision), Faults(shape.Layout, d.Fault),
                drawn ? seed : (int?)null, null, dropout == null ? (int?)null : d.DropoutSeed);
        }

        /// <summary>
        /// Inputs finite and labels the loss can take, as the network holds them (a float32 network's rounded data:
        /// a finite double can overflow float32).
        /// </summary>
        internal static void ValidateData(NetworkShape shape)
        {
            ValidateInput(shape.Input, shape.Examples);
            shape.LossFunction.ValidateLabels(shape.Label, shape.Sizes[shape.Layers], shape.Examples,
                NetworkPrecision.LabelRounding(shape.Precision));
        }

        /// <summary>Each activation in a place it can take, and an output the loss can score.</summary>
        private static void ValidateActivations(Activation[] activations, Loss loss)
        {
            for (int l = 1; l <= activations.Length; l++)
                ActivationFunction.Of(activations[l - 1]).ValidatePosition(l, activations.Length);
            LossFunction.Of(loss).ValidateOutput(activations[activations.Length - 1]);
        }

        /// <summary>λ ≥ 0 and finite.</summary>
        private static double ValidateL2(double l2)
        {
            if (double.IsNaN(l2) || double.IsInfinity(l2) || l2 < 0)
                throw new GradCheckException(ErrorIds.L2Invalid, GradCheckErrorKind.InvalidArgument, l2,
                    Text.Format("L2Invalid", l2));
            return l2;
        }

        /// <summary>p in (0, 1]: 0 would drop every unit and divide by 0.</summary>
        private static double ValidateKeepProbability(double keep)
        {
            if (!(keep > 0 && keep <= 1))
                throw new GradCheckException(ErrorIds.KeepProbabilityInvalid, GradCheckErrorKind.InvalidArgument, keep,
                    Text.Format("KeepProbabilityInvalid", keep));
            return keep;
        }

        /// <summary>
        /// The dropout masks for p &lt; 1; none for p = 1, which keeps every unit (today's network, bit for bit).
        /// </summary>
        private static DropoutMasks Masks(int[] sizes, int m, double keep, int seed) =>
            keep == 1 ? null : DropoutMasks.Draw(sizes, m, keep, seed);

        /// <summary>A preset by name, with the definition's fault, λ and dropout.</summary>
        private static Network FromPreset(NetworkDefinition d)
        {
            string name = Network.Presets.FirstOrDefault(p => string.Equals(p, d.Preset.Trim(),
                StringComparison.OrdinalIgnoreCase));
            switch (name)
            {
                case Network.CoursePreset: return CourseTestCase(d.Fault, d.L2, d.KeepProbability ?? 1, d.DropoutSeed,
                    d.Precision);
                case Network.CourseDropoutPreset: return CourseDropoutTestCase(d.Fault, d.L2,
                    d.KeepProbability ?? 0.7, d.DropoutSeed, d.Precision);
                default:
                    throw new GradCheckException(ErrorIds.PresetUnknown, GradCheckErrorKind.InvalidArgument, d.Preset,
                        Text.Format("PresetUnknown", d.Preset, string.Join(", ", Network.Presets)));
            }
        }

        /// <summary>
        /// gradient_check_n_test_case: np.random.seed(1); x = randn(4,3); y = [1,1,0]; W1 = randn(5,4);
        /// b1 = randn(5,1); W2 = randn(3,5); b2 = randn(3,1); W3 = randn(1,3); b3 = randn(1,1).
        /// </summary>
        public static Network CourseTestCase(IDictionary<string, double> fault, double l2 = 0, double keep = 1,
            int dropoutSeed = 1, Precision precision = Precision.Double) =>
            Course(Network.CoursePreset, new[] { 4, 5, 3, 1 }, 3, new double[] { 1, 1, 0 }, fault, l2, keep,
                dropoutSeed, precision);

        /// <summary>
        /// forward_propagation_with_dropout_test_case: np.random.seed(1); X = randn(3,5); W1 = randn(2,3);
        /// b1 = randn(2,1); W2 = randn(3,2); b2 = randn(3,1); W3 = randn(1,3); b3 = randn(1,1); with the labels
        /// of backward_propagation_with_dropout_test_case, Y = [1, 1, 0, 1, 0], and keep_prob 0.7.
        /// </summary>
        public static Network CourseDropoutTestCase(IDictionary<string, double> fault, double l2 = 0,
            double keep = 0.7, int dropoutSeed = 1, Precision precision = Precision.Double) =>
            Course(Network.CourseDropoutPreset, new[] { 3, 2, 3, 1 }, 5, new double[] { 1, 1, 0, 1, 0 }, fault, l2,
                keep, dropoutSeed, precision);

        /// <summary>
        /// The course's way: seed 1, X = randn(n₀, m), then randn for each block in order; ReLU, …, Sigmoid.
        /// </summary>
        private static Network Course(string preset, int[] sizes, int m, double[] label, IDictionary<string,
            double> fault,
            double l2, double keep, int dropoutSeed, Precision precision)
        {
            var random = new LegacyRandomState(1);
            var input = Matrices.ToFlat(random.StandardNormal(sizes[0], m));
            var activations = new[] { Activation.ReLU, Activation.ReLU, Activation.Sigmoid };
            var dropout = Masks(sizes, m, ValidateKeepProbability(keep), dropoutSeed);
            var shape = new NetworkShape(sizes, activations, Loss.CrossEntropy, m,
                NetworkPrecision.Round(input, precision), label, ValidateL2(l2), dropout, precision);
            var theta = new double[shape.ParameterCount];
            foreach (var block in shape.Layout.Blocks)
                Array.Copy(Matrices.ToFlat(random.StandardNormal(block.Shape[0], block.Shape[1])), 0, theta,
                    block.Offset, block.Count);
            return new Network(shape, NetworkPrecision.Round(theta, precision), Faults(shape.Layout, fault), 1,
                preset, dropout == null ? (int?)null : dropoutSeed);
        }

        /// <summary>The most doubles one array may hold here: int.MaxValue bytes.</summary>
        private const int MaxEntries = int.MaxValue / sizeof(double);

        /// <summary>Activations are n_l × m: the widest layer times m must fit an array too.</summary>
        private static void ValidateExamples(int[] sizes, long examples)
        {
            long widest = sizes.Max() * examples;
            if (widest > MaxEntries)
                throw new GradCheckException(ErrorIds.ExampleCountInvalid, GradCheckErrorKind.InvalidArgument, examples,
                    Text.Format("ExampleCountTooLarge", examples, sizes.Max(), MaxEntries));
        }

        private static int[] ValidateSizes(int[] sizes)
        {
            if (sizes == null || sizes.Length < 2 || sizes.Any(n => n < 1))
                throw new GradCheckException(ErrorIds.LayerSizeInvalid, GradCheckErrorKind.InvalidArgument, sizes,
                    Text.Format("LayerSizeInvalid", sizes == null ? Text.Format("Nothing") : string.Join(",", sizes)));
            long parameters = 0;
            for (int l = 1; l < sizes.Length; l++) parameters += (long)sizes[l] * (sizes[l - 1] + 1);
            // Every block, and θ itself, must fit a .NET array of doubles addressed in bytes by an int.
            if (parameters > MaxEntries)
                throw new GradCheckException(ErrorIds.LayerSizeInvalid, GradCheckErrorKind.InvalidArgument, sizes,
                    Text.Format("LayerSizeTooLarge", string.Join(",", sizes), parameters, MaxEntries));
            return (int[])sizes.Clone();
        }

        /// <summary>Given X and Y, or random ones: X = randn(n₀, m), then labels as the loss draws them.</summary>
        private static (double[] Input, double[] Label, int Examples) Data(NetworkDefinition d, int[] sizes,
            LegacyRandomState random)
        {
            int outputs = sizes[sizes.Length - 1];
            if (d.Input == null)
            {
                if (d.Label != null)
                    throw new GradCheckException(ErrorIds.InputShapeMismatch, GradCheckErrorKind.InvalidArgument,
                        d.Label,
                        Text.Format("LabelWithoutInput"));
                if (d.ExampleCount < 1)
                    throw new GradCheckException(ErrorIds.ExampleCountInvalid, GradCheckErrorKind.InvalidArgument,
                        d.ExampleCount,
                        Text.Format("ExampleCountInvalid", d.ExampleCount));
                ValidateExamples(sizes, d.ExampleCount);
                int m = d.ExampleCount;
                var x = Matrices.ToFlat(random.StandardNormal(sizes[0], m));
                var y = new double[outputs * m];
                LossFunction.Of(d.Loss).DrawLabels(random, y, outputs, m);
                return (x, y, m);
            }
            if (d.Input.GetLength(0) != sizes[0] || d.Input.GetLength(1) < 1)
                throw new GradCheckException(ErrorIds.InputShapeMismatch, GradCheckErrorKind.InvalidArgument, d.Input,
                    Text.Format("InputShapeMismatch", sizes[0], d.Input.GetLength(0), d.Input.GetLength(1)));
            int examples = d.Input.GetLength(1);
            ValidateExamples(sizes, examples);
            if (d.Label == null || d.Label.GetLength(0) != outputs || d.Label.GetLength(1) != examples)
                throw new GradCheckException(ErrorIds.LabelShapeMismatch, GradCheckErrorKind.InvalidArgument, d.Label,
                    Text.Format("LabelShapeMismatch", outputs, examples,
                        d.Label == null ? Text.Format("Nothing")
                            : d.Label.GetLength(0) + " × " + d.Label.GetLength(1)));
            // Their values are validated as the network holds them, in Create.
            return (Matrices.ToFlat(d.Input), Matrices.ToFlat(d.Label), examples);
        }

        /// <summary>
        /// Every input must be finite (the input matrix is live, so this is checked again before each use).
        /// </summary>
        internal static void ValidateInput(double[] inputs, int examples)
        {
            for (int i = 0; i < inputs.Length; i++)
                if (double.IsNaN(inputs[i]) || double.IsInfinity(inputs[i]))
                    throw new GradCheckException(ErrorIds.InputNotFinite, GradCheckErrorKind.InvalidData,
                        $"Input[{i / examples},{i % examples}]",
                        Text.Format("InputNotFinite", i / examples, i % examples, inputs[i]));
        }

        /// <summary>
        /// He initialisation for the weights, randn·√(2/n_{l−1}), and 0.1·randn for the biases, layer by layer.
        /// </summary>
        private static double[] Initialise(NetworkShape shape, LegacyRandomState random)
        {
            var theta = new double[shape.ParameterCount];
            for (int l = 1; l <= shape.Layers; l++)
            {
                double scale = Math.Sqrt(2.0 / shape.Sizes[l - 1]);
                for (int i = shape.WeightOffset[l]; i < shape.BiasOffset[l]; i++)
                    theta[i] = scale * random.StandardNormal();
                for (int i = shape.BiasOffset[l]; i < shape.BiasOffset[l] + shape.Sizes[l]; i++)
                    theta[i] = 0.1 * random.StandardNormal();
            }
            return theta;
        }

        /// <summary>
        /// Copies given blocks by name into the network's layout, refusing missing, extra and mis-shaped ones.
        /// </summary>
        private static double[] FromGiven(ParameterLayout layout, ParameterVector given)
        {
            var theta = new double[layout.Count];
            foreach (var block in given.Layout.Blocks)
            {
                if (!layout.TryGetBlock(block.Name, out var target))
                    throw ExtraBlock(block.Name, layout, GradCheckErrorKind.InvalidArgument);
                if (block.Count != target.Count || !ShapeText.AreCompatible(block.Shape, target.Shape))
                    throw new GradCheckException(ErrorIds.NetworkParameterShapeMismatch,
                        GradCheckErrorKind.InvalidArgument, block.Name,
                        Text.Format("NetworkParameterShapeMismatch", block.Name, ShapeText.Format(block.Shape),
                            ShapeText.Format(target.Shape)));
                Array.Copy(given.Values, block.Offset, theta, target.Offset, block.Count);
            }
            var missing = layout.Blocks.Where(b => !given.Layout.TryGetBlock(b.Name,
                out _)).Select(b => b.Name).ToArray();
            if (missing.Length > 0)
                throw new GradCheckException(ErrorIds.NetworkParameterMissing, GradCheckErrorKind.InvalidArgument,
                    missing[0],
                    Text.Format("NetworkParameterMissing", string.Join(", ", missing), string.Join(", ",
                        layout.Blocks.Select(b => b.Name))));
            return theta;
        }

        /// <summary>
        /// A parameter block <paramref name="name"/> that belongs to no layer of <paramref name="layout"/>.
        /// </summary>
        internal static GradCheckException ExtraBlock(object name, ParameterLayout layout, GradCheckErrorKind kind) =>
            new GradCheckException(ErrorIds.NetworkParameterExtra, kind, name,
                Text.Format("NetworkParameterExtra", name, string.Join(", ", layout.Blocks.Select(b => b.Name))));

        /// <summary>Fault keys may be W2 or dW2; each must name a block and carry a finite factor.</summary>
        public static IReadOnlyDictionary<string, double> Faults(ParameterLayout layout, IDictionary<string,
            double> fault)
        {
            var byName = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            var keyOf = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (fault == null) return byName;
            foreach (var pair in fault)
            {
                string name = ParameterOrder.ParameterNameOf(pair.Key, n => layout.TryGetBlock(n, out _));
                if (name == null)
                    throw new GradCheckException(ErrorIds.FaultUnknownBlock, GradCheckErrorKind.InvalidArgument,
                        pair.Key,
                        Text.Format("FaultUnknownBlock", pair.Key, string.Join(", ",
                            layout.Blocks.Select(b => b.Name))));
                if (double.IsNaN(pair.Value) || double.IsInfinity(pair.Value))
                    throw new GradCheckException(ErrorIds.FaultNotFinite, GradCheckErrorKind.InvalidArgument, pair.Key,
                        Text.Format("FaultNotFinite", pair.Key, pair.Value));
                // dW2 and W2 name one block: which factor was meant cannot be told, as with a gradient's keys.
                if (keyOf.TryGetValue(layout[name].Name, out string first))
                    throw new GradCheckException(ErrorIds.FaultUnknownBlock, GradCheckErrorKind.InvalidArgument,
                        pair.Key, Text.Format("FaultKeyTwice", layout[name].Name, first, pair.Key));
                keyOf[layout[name].Name] = pair.Key;
                byName[layout[name].Name] = pair.Value;
            }
            // In layout order, so that it reads W1, b1, W2, … wherever it is shown.
            var result = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var block in layout.Blocks)
                if (byName.TryGetValue(block.Name, out double factor)) result.Add(block.Name, factor);
            return result;
        }

        private static int NewSeed() =>
            Environment.TickCount & int.MaxValue ^ Guid.NewGuid().GetHashCode() & int.MaxValue;
    }
}
