using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;

namespace GradCheck
{
    /// <summary>
    /// A fully connected network with its data, in the course's conventions: activations are
    /// features × examples, W_l is n_l × n_{l−1}, b_l is n_l × 1, and the cost averages over the m examples.
    /// <see cref="Parameters"/> are the live matrices: change them and the next check sees the change. A network of
    /// <see cref="GradCheck.Precision.Single"/> holds float32 numbers in them and computes in float32.
    /// </summary>
    public sealed class Network
    {
        /// <summary>The name of the course's test case, for -Preset.</summary>
        public const string CoursePreset = "CourseTestCase";

        /// <summary>The course's forward_propagation_with_dropout_test_case, for -Preset.</summary>
        public const string CourseDropoutPreset = "CourseDropoutTestCase";

        /// <summary>Every preset name.</summary>
        public static readonly string[] Presets = { CoursePreset, CourseDropoutPreset };

        private readonly NetworkShape _template;

        internal Network(NetworkShape shape, double[] theta, IReadOnlyDictionary<string, double> fault, int? seed,
            string preset,
            int? dropoutSeed)
        {
            _template = shape;
            Fault = fault;
            Seed = seed;
            Preset = preset;
            DropoutSeed = dropoutSeed;
            Parameters = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (var block in shape.Layout.Blocks)
                Parameters.Add(block.Name, Matrices.FromFlat(theta, block.Offset, block.Shape[0], block.Shape[1]));
            Input = Matrices.FromFlat(shape.Input, 0, shape.Sizes[0], shape.Examples);
            Label = Matrices.FromFlat(shape.Label, 0, shape.Sizes[shape.Layers], shape.Examples);
        }

        public int[] LayerSize => (int[])_template.Sizes.Clone();

        public Activation[] Activation => (Activation[])_template.Activations.Clone();

        public Loss Loss => _template.Loss;

        public int ExampleCount => _template.Examples;

        public int ParameterCount => _template.ParameterCount;

        /// <summary>
        /// What the forward and backward passes compute in. Single: every operation is float32, the matrices hold
        /// float32 numbers (a value set between them is rounded to the nearest when the network is next evaluated),
        /// and its objective declares <see cref="GradCheck.Precision.Single"/> to the checker.
        /// </summary>
        public Precision Precision => _template.Precision;

        /// <summary>λ of the L2 penalty (the course's lambd); 0 for none.</summary>
        public double L2 => _template.L2;

        /// <summary>p, the probability that dropout keeps a hidden unit; 1 for no dropout.</summary>
        public double KeepProbability => _template.Dropout?.Keep ?? 1;

        /// <summary>The seed the dropout masks were drawn from (np.random.seed); null without dropout.</summary>
        public int? DropoutSeed { get; }

        /// <summary>
        /// D1, D2, … (one per hidden layer, n_l × m, entries 0 and 1) as [double[,]]: copies, for the masks stay
        /// fixed for the life of the network. Empty without dropout.
        /// </summary>
        public OrderedDictionary DropoutMask
        {
            get
            {
                var masks = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
                for (int l = 1; l <= _template.Layers; l++)
                    if (_template.MaskOf(l) is double[] mask) masks.Add("D" + l, MatrixOf(mask, l));
                return masks;
            }
        }

        /// <summary>Block name → factor applied to that block of backprop's gradient (the planted bugs).</summary>
        public IReadOnlyDictionary<string, double> Fault { get; }

        /// <summary>W1, b1, W2, … → double[,], in the course's order.</summary>
        public OrderedDictionary Parameters { get; }

        /// <summary>X, n₀ × m.</summary>
        public double[,] Input { get; }

        /// <summary>Y, n_L × m.</summary>
        public double[,] Label { get; }

        /// <summary>The seed everything random came from; null for given data and parameters.</summary>
        public int? Seed { get; }

        /// <summary>The preset this network reproduces, if any.</summary>
        public string Preset { get; }

        public ParameterLayout Layout => _template.Layout;

        private string _name;

        /// <summary>
        /// What its results are called: New-GradCheckNetwork's -Name, or else <see cref="Description"/>.
        /// </summary>
        public string Name
        {
            get => string.IsNullOrEmpty(_name) ? Description : _name;
            set => _name = value;
        }

        /// <summary>
        /// "4-5-3-1 CourseTestCase, fault W2×2 b1×4": the sizes, the preset, float32 for a Single network, and the
        /// planted faults.
        /// </summary>
        public string Description
        {
            get
            {
                string text = ShapeText.Join("-", _template.Sizes) + (Preset == null ? string.Empty : " " + Preset)
                    + PrecisionSuffix(" ");
                if (Fault == null || Fault.Count == 0) return text;
                var faults = Layout.Blocks.Where(b => Fault.ContainsKey(b.Name))
                    .Select(b => b.Name + "×" + Fault[b.Name].ToString("G4",
                        System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                return faults.Length == 0 ? text : text + ", fault " + string.Join(" ", faults);
            }
        }

        /// <summary>The current parameters flattened the course's way (dictionary_to_vector).</summary>
        public ParameterVector ToParameterVector()
        {
            RefuseExtraBlocks();
            var theta = new double[ParameterCount];
            foreach (var block in Layout.Blocks)
            {
                if (!(Parameters[block.Name] is double[,] matrix) || matrix.GetLength(0) != block.Shape[0]
                    || matrix.GetLength(1) != block.Shape[1])
                    throw new GradCheckException(ErrorIds.NetworkParameterShapeMismatch,
                        GradCheckErrorKind.InvalidData, block.Name,
                        Text.Format("NetworkParameterNoLongerMatrix", block.Name, ShapeText.Format(block.Shape)));
                Buffer.BlockCopy(matrix, 0, theta, block.Offset * sizeof(double), block.Count * sizeof(double));
            }
            return new ParameterVector(theta, Layout);
        }

        /// <summary>
        /// A block added to Parameters after the network was built ($net.Parameters['W4'] = …) belongs to no layer:
        /// refused as -Parameter refuses it, rather than left out of every check unseen.
        /// </summary>
        private void RefuseExtraBlocks()
        {
            if (Parameters.Count == Layout.Blocks.Count) return;
            foreach (var key in Parameters.Keys)
                if (!(key is string name) || !Layout.TryGetBlock(name, out _))
                    throw NetworkFactory.ExtraBlock(key, Layout, GradCheckErrorKind.InvalidData);
        }

        /// <summary>The objective at the current data; pass it θ to evaluate. Faults apply to its gradient.</summary>
        public NetworkObjective CreateObjective() => CreateObjective(withFault: true);

        /// <summary>The objective with or without the faults (without: backprop as it should be).</summary>
        public NetworkObjective CreateObjective(bool withFault) =>
            NetworkObjective.Create(CurrentShape(), withFault ? Fault : new Dictionary<string, double>());

        // Input and Label are live matrices too, so the numerics take a fresh flat copy of them, in the precision.
        private NetworkShape CurrentShape()
        {
            var shape = _template.WithData(NetworkPrecision.Round(Matrices.ToFlat(Input), Precision),
                NetworkPrecision.Round(Matrices.ToFlat(Label), Precision));
            NetworkFactory.ValidateData(shape);
            return shape;
        }

        private double[,] MatrixOf(double[] values, int layer) => Matrices.FromFlat(values, 0,
            _template.Sizes[layer], ExampleCount);

        /// <summary>
        /// The given or current parameters, refused with ParameterNotFinite if any is NaN or infinite.
        /// </summary>
        private double[] FiniteParameters(ParameterVector parameters)
        {
            var theta = (parameters ?? ToParameterVector()).Values;
            Validation.Parameters(Layout, theta);
            return theta;
        }

        /// <summary>J at the current parameters, or at <paramref name="parameters"/> when given.</summary>
        public double Cost(ParameterVector parameters = null) => CreateObjective().Cost(FiniteParameters(parameters));

        /// <summary>
        /// The course's forward pass at the current parameters, or at <paramref name="parameters"/>: the cost and the
        /// cache Z1, D1, A1, …, Z_L, A_L as [double[,]] (D_l only for layers with dropout; A_l after dropout).
        /// </summary>
        public ForwardPass Forward(ParameterVector parameters = null)
        {
            var theta = FiniteParameters(parameters);
            double cost = CreateObjective().Forward(theta, out var z, out var a);
            var cache = new OrderedDictionary(StringComparer.Ordinal);
            for (int l = 1; l <= _template.Layers; l++)
            {
                cache.Add("Z" + l, MatrixOf(z[l], l));
                if (_template.MaskOf(l) is double[] mask) cache.Add("D" + l, MatrixOf(mask, l));
                cache.Add("A" + l, MatrixOf(a[l], l));
            }
            return new ForwardPass(cost, cache);
        }

        /// <summary>Backprop's gradient (faults applied) as an ordered dictionary dW1, db1, … of double[,].</summary>
        public OrderedDictionary Gradient(ParameterVector parameters = null)
        {
            var gradient = CreateObjective().Gradient(FiniteParameters(parameters));
            var result = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (var block in Layout.Blocks)
                result.Add("d" + block.Name, Matrices.FromFlat(gradient, block.Offset, block.Shape[0], block.Shape[1]));
            return result;
        }

        public override string ToString() =>
            $"Network {ShapeText.Join("-", _template.Sizes)} ({string.Join(", ", _template.Activations)}; {Loss}; "
            + $"m = {ExampleCount}{Extras()})";

        private string Extras() =>
            (L2 == 0 ? "" : FormattableString.Invariant($"; L2 {L2:G6}"))
            + (KeepProbability == 1 ? "" : FormattableString.Invariant($"; keep {KeepProbability:G6}"))
            + PrecisionSuffix("; ");

        /// <summary>"float32" after the separator for a Single network; nothing for a Double one, as before.</summary>
        private string PrecisionSuffix(string separator) => Precision == Precision.Single ? separator + "float32" : "";

        /// <summary>Builds and validates a network from its definition.</summary>
        public static Network Create(NetworkDefinition definition) => NetworkFactory.Create(definition);

        /// <summary>
        /// The course's gradient_check_n_test_case, bit for bit: 4-5-3-1, ReLU, ReLU, Sigmoid, m = 3.
        /// </summary>
        public static Network CourseTestCase(IDictionary<string,
            double> fault = null) => NetworkFactory.CourseTestCase(fault);

        /// <summary>
        /// The course's forward_propagation_with_dropout_test_case, bit for bit: 3-2-3-1, ReLU, ReLU, Sigmoid, m = 5,
        /// Y = [1, 1, 0, 1, 0], dropout with keep_prob <paramref name="keepProbability"/> and masks from
        /// np.random.seed(1).
        /// </summary>
        public static Network CourseDropoutTestCase(IDictionary<string, double> fault = null,
            double keepProbability = 0.7) =>
            NetworkFactory.CourseDropoutTestCase(fault, 0, keepProbability);
    }

    /// <summary>
    /// Row-major copies between flat vectors and [double[,]] (Buffer.BlockCopy keeps the memory order).
    /// </summary>
    internal static class Matrices
    {
        public static double[,] FromFlat(double[] data, int offset, int rows, int columns)
        {
            var matrix = new double[rows, columns];
            Buffer.BlockCopy(data, offset * sizeof(double), matrix, 0, rows * columns * sizeof(double));
            return matrix;
        }

        public static double[] ToFlat(double[,] matrix)
        {
            var data = new double[matrix.Length];
            Buffer.BlockCopy(matrix, 0, data, 0, data.Length * sizeof(double));
            return data;
        }
    }
}
