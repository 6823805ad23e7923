using System;
using System.Collections.Specialized;
using System.Linq;

namespace GradCheck.Commands
{
    /// <summary>The shape in which the user gave θ, so that their scriptblocks get it back the same way.</summary>
    internal enum ParameterForm
    {
        Number,
        Vector,
        Dictionary,
    }

    /// <summary>Parameters read from a PowerShell value: the layout, the flat values and the original form.</summary>
    internal sealed class ParameterInput
    {
        private readonly BlockForm[] _forms;

        public ParameterInput(ParameterLayout layout, double[] values, ParameterForm form, BlockForm[] forms = null,
            Subject subject = null)
        {
            Layout = layout;
            Values = values;
            Form = form;
            _forms = forms ?? layout.Blocks.Select(DefaultForm).ToArray();
            Subject = subject ?? Subject.Parameter(fromPipeline: false);
        }

        public ParameterLayout Layout { get; }

        public double[] Values { get; }

        public ParameterForm Form { get; }

        /// <summary>What the user gave, for messages.</summary>
        public Subject Subject { get; }

        /// <summary>
        /// θ in the user's form: a number, one block as given, or an [ordered] dictionary of blocks as given.
        /// </summary>
        public object ToForm(double[] theta)
        {
            switch (Form)
            {
                case ParameterForm.Number: return theta[0];
                case ParameterForm.Vector: return BlockValue(Layout.Blocks[0], _forms[0], theta);
                case ParameterForm.Dictionary: return ToDictionary(Layout, theta, string.Empty, _forms);
                default: throw new InvalidOperationException($"No conversion back to the form {Form}.");
            }
        }

        /// <summary>
        /// Entry <paramref name="entry"/> of θ in the user's words, in lower case: "entry 3 of the -Parameter value".
        /// </summary>
        public string EntrySubject(int entry)
        {
            var block = Layout.BlockOf(entry);
            var owner = Form == ParameterForm.Dictionary ? Subject.Block(block.Name) : Subject;
            return owner.Entry(block, entry - block.Offset).ToString();
        }

        /// <summary>
        /// Refuses NaN and infinities, and any ε that θᵢ ± ε rounds away, naming the entry as the user gave it.
        /// </summary>
        /// <param name="precision">Single: θᵢ ± ε must move θᵢ to another float32 number.</param>
        public void Validate(double[] epsilons, Precision precision)
        {
            Validation.Parameters(Layout, Values, EntrySubject);
            var grid = StepGrid.For(precision, GradientChecker.OnGrid(precision, Values), false);
            foreach (double epsilon in epsilons)
                Validation.StepResolves(Layout, Values, epsilon, grid, EntrySubject);
        }

        /// <summary>The course's vector_to_dictionary: each block back in its own shape.</summary>
        public static OrderedDictionary ToDictionary(ParameterLayout layout, double[] theta, string prefix = "",
            BlockForm[] forms = null)
        {
            var dictionary = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < layout.Blocks.Count; i++)
            {
                var block = layout.Blocks[i];
                dictionary.Add(prefix + block.Name, BlockValue(block, forms?[i] ?? DefaultForm(block), theta));
            }
            return dictionary;
        }

        private static BlockForm DefaultForm(ParameterBlock block) =>
            block.Rank == 0 ? BlockForm.Number : block.Rank == 1 ? BlockForm.Vector : BlockForm.Array;

        private static object BlockValue(ParameterBlock block, BlockForm form, double[] theta)
        {
            switch (form)
            {
                case BlockForm.Number: return theta[block.Offset];
                case BlockForm.Jagged: return Jagged(block.Shape, 0, theta, block.Offset);
                // A rectangular array of rank 1 is a double[] already.
                case BlockForm.Array when block.Rank >= 2: return Rectangular(block, theta);
                case BlockForm.Array:
                case BlockForm.Vector: return Flat(block, theta);
                default: throw new ArgumentOutOfRangeException(nameof(form), form, "No such block form.");
            }
        }

        private static double[] Flat(ParameterBlock block, double[] theta)
        {
            var vector = new double[block.Count];
            Array.Copy(theta, block.Offset, vector, 0, block.Count);
            return vector;
        }

        /// <summary>
        /// A [double[,]], [double[,,]], …: .NET lays rectangular arrays out row-major, as numpy does.
        /// </summary>
        private static Array Rectangular(ParameterBlock block, double[] theta)
        {
            var array = Array.CreateInstance(typeof(double), block.Shape);
            Buffer.BlockCopy(theta, block.Offset * sizeof(double), array, 0, block.Count * sizeof(double));
            return array;
        }

        /// <summary>double[] for the last axis, double[][] above it, and so on.</summary>
        private static Array Jagged(int[] shape, int axis, double[] theta, int offset)
        {
            if (axis == shape.Length - 1)
            {
                var row = new double[shape[axis]];
                Array.Copy(theta, offset, row, 0, row.Length);
                return row;
            }
            int stride = ShapeText.CountOf(shape.Skip(axis + 1).ToArray());
            var rows = Array.CreateInstance(JaggedType(shape.Length - axis - 1), shape[axis]);
            for (int i = 0; i < shape[axis]; i++) rows.SetValue(Jagged(shape, axis + 1, theta, offset + i * stride), i);
            return rows;
        }

        private static Type JaggedType(int depth)
        {
            var type = typeof(double[]);
            for (int i = 1; i < depth; i++) type = type.MakeArrayType();
            return type;
        }
    }
}
