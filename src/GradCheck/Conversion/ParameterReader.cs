using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace GradCheck.Commands
{
    /// <summary>
    /// Reads what PowerShell gives us (numbers, arrays, jagged arrays, [double[,]], dictionaries and
    /// parameter vectors) into layouts and flat row-major vectors. Every refusal names the culprit.
    /// </summary>
    internal static class ParameterReader
    {
        /// <summary>Which error ids and messages a refusal uses: θ's or the gradient's.</summary>
        internal sealed class Role
        {
            public static readonly Role Parameter = new Role(ErrorIds.ParameterNotNumeric, ErrorIds.ParameterNotRectangular, "ParameterNotNumeric", "ParameterNotRectangular");
            public static readonly Role Gradient = new Role(ErrorIds.GradientNotNumeric, ErrorIds.GradientShapeMismatch, "GradientNotNumeric", "GradientNotRectangular");

            private Role(string notNumeric, string notRectangular, string notNumericMessage, string notRectangularMessage)
            {
                NotNumeric = notNumeric;
                NotRectangular = notRectangular;
                NotNumericMessage = notNumericMessage;
                NotRectangularMessage = notRectangularMessage;
            }

            public string NotNumeric { get; }
            public string NotRectangular { get; }

            /// <summary>The message keys (Messages.resx) of the two refusals.</summary>
            public string NotNumericMessage { get; }
            public string NotRectangularMessage { get; }
        }

        /// <summary>Reads θ. A plain hashtable is ordered the course's way; any other dictionary keeps its order.</summary>
        public static ParameterInput Read(object value)
        {
            value = Numbers.Unwrap(value);
            switch (value)
            {
                case ParameterVector vector:
                    return new ParameterInput(vector.Layout, (double[])vector.Values.Clone(), ParameterForm.Dictionary);
                case IDictionary dictionary:
                    return ReadDictionary(dictionary);
                default:
                    var (shape, data) = ReadBlock(value, "theta", Role.Parameter);
                    if (data.Length == 0) throw Empty(value);
                    return new ParameterInput(ParameterLayout.Single("theta", shape), data, shape.Length == 0 ? ParameterForm.Number : ParameterForm.Vector);
            }
        }

        private static ParameterInput ReadDictionary(IDictionary dictionary)
        {
            // By entry, not by looking keys up again as strings: a hashtable may have keys of other types (1, 2, …).
            var byName = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in dictionary)
            {
                string name = Numbers.Unwrap(entry.Key)?.ToString() ?? string.Empty;
                if (byName.ContainsKey(name))
                    throw new GradCheckException(ErrorIds.ParameterDuplicateName, GradCheckErrorKind.InvalidArgument, name, Text.Format("ParameterDuplicateName", name));
                byName.Add(name, entry.Value);
            }
            var keys = byName.Keys.ToList();
            if (dictionary is Hashtable) keys = ParameterOrder.Course(keys).ToList();
            var shapes = new List<KeyValuePair<string, int[]>>();
            var values = new List<double>();
            foreach (string key in keys)
            {
                var (shape, data) = ReadBlock(byName[key], key, Role.Parameter);
                shapes.Add(new KeyValuePair<string, int[]>(key, shape));
                values.AddRange(data);
            }
            if (values.Count == 0) throw Empty(dictionary);
            return new ParameterInput(ParameterLayout.Create(shapes), values.ToArray(), ParameterForm.Dictionary);
        }

        /// <summary>
        /// Reads a gradient laid out like <paramref name="layout"/>: a dictionary keyed by block names
        /// or "d" + name (dW1), a parameter vector with the same layout, or a flat list of every entry.
        /// </summary>
        public static double[] ReadGradient(object value, ParameterLayout layout)
        {
            value = Numbers.Unwrap(value);
            if (value == null)
                throw new GradCheckException(ErrorIds.GradientReturnedNothing, GradCheckErrorKind.InvalidResult, null,
                    Text.Format("GradientMissing", layout.Count, layout));
            if (value is ParameterVector vector)
            {
                if (!vector.Layout.SameAs(layout))
                    throw new GradCheckException(ErrorIds.GradientShapeMismatch, GradCheckErrorKind.InvalidResult, vector,
                        Text.Format("GradientVectorLayoutMismatch", vector.Layout, layout));
                return (double[])vector.Values.Clone();
            }
            if (value is IDictionary dictionary) return ReadGradientDictionary(dictionary, layout);
            var (shape, data) = ReadBlock(value, "gradient", Role.Gradient);
            bool single = layout.Blocks.Count == 1;
            var expected = single ? layout.Blocks[0].Shape : new[] { layout.Count };
            if (data.Length != layout.Count)
                throw new GradCheckException(ErrorIds.GradientLengthMismatch, GradCheckErrorKind.InvalidResult, value,
                    Text.Format("GradientLengthMismatch", data.Length, layout.Count, layout));
            if (!ShapeText.AreCompatible(shape, expected))
                throw new GradCheckException(ErrorIds.GradientShapeMismatch, GradCheckErrorKind.InvalidResult, value,
                    Text.Format("GradientShapeMismatch", ShapeText.Format(shape), ShapeText.Format(expected)));
            return data;
        }

        private static double[] ReadGradientDictionary(IDictionary dictionary, ParameterLayout layout)
        {
            var gradient = new double[layout.Count];
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in dictionary)
            {
                string key = Numbers.Unwrap(entry.Key)?.ToString() ?? string.Empty;
                string name = ParameterOrder.ParameterNameOf(key, n => layout.TryGetBlock(n, out _));
                if (name == null || !seen.Add(name))
                    throw new GradCheckException(ErrorIds.GradientExtraKey, GradCheckErrorKind.InvalidResult, key,
                        name == null
                            ? Text.Format("GradientUnknownKey", key, string.Join(", ", layout.Blocks.Select(b => b.Name)))
                            : Text.Format("GradientKeyTwice", name, key));
                var block = layout[name];
                var (shape, data) = ReadBlock(entry.Value, key, Role.Gradient);
                if (data.Length != block.Count || !ShapeText.AreCompatible(shape, block.Shape))
                    throw new GradCheckException(ErrorIds.GradientShapeMismatch, GradCheckErrorKind.InvalidResult, key,
                        Text.Format("GradientShapeMismatchInKey", key, ShapeText.Format(shape), ShapeText.Format(block.Shape), block.Name));
                Array.Copy(data, 0, gradient, block.Offset, data.Length);
            }
            var missing = layout.Blocks.Where(b => !seen.Contains(b.Name)).Select(b => b.Name).ToArray();
            if (missing.Length > 0)
                throw new GradCheckException(ErrorIds.GradientMissingKey, GradCheckErrorKind.InvalidResult, missing[0],
                    Text.Format("GradientMissingKey", string.Join(", ", missing), string.Join(", ", layout.Blocks.Select(b => b.Name))));
            return gradient;
        }

        /// <summary>One block: a number, a vector, a jagged matrix or a rank-2 array, flattened row-major.</summary>
        public static (int[] Shape, double[] Data) ReadBlock(object value, string name, Role role)
        {
            value = Numbers.Unwrap(value);
            if (Numbers.TryGet(value, out double number)) return (Array.Empty<int>(), new[] { number });
            if (value is Array array && array.Rank == 2) return ReadRectangular(array, name, role);
            if (value is Array deep && deep.Rank > 2) throw NotNumeric(role, name, value);
            if (!Numbers.IsSequence(value)) throw NotNumeric(role, name, value);

            var items = ((IEnumerable)value).Cast<object>().Select(Numbers.Unwrap).ToList();
            if (items.All(i => Numbers.TryGet(i, out _)))
                return (new[] { items.Count }, items.Select(i => { Numbers.TryGet(i, out double d); return d; }).ToArray());

            var rows = new List<double[]>();
            for (int r = 0; r < items.Count; r++)
            {
                if (!Numbers.IsSequence(items[r]) || items[r] is Array inner && inner.Rank != 1)
                    throw NotNumeric(role, $"{name}[{r}]", items[r]);
                var row = ((IEnumerable)items[r]).Cast<object>().ToList();
                var numbers = new double[row.Count];
                for (int c = 0; c < row.Count; c++)
                    if (!Numbers.TryGet(row[c], out numbers[c])) throw NotNumeric(role, $"{name}[{r},{c}]", row[c]);
                if (rows.Count > 0 && numbers.Length != rows[0].Length)
                    throw new GradCheckException(role.NotRectangular, GradCheckErrorKind.InvalidData, value,
                        Text.Format(role.NotRectangularMessage, name, rows[0].Length, r, numbers.Length));
                rows.Add(numbers);
            }
            return (new[] { rows.Count, rows.Count == 0 ? 0 : rows[0].Length }, rows.SelectMany(r => r).ToArray());
        }

        private static (int[] Shape, double[] Data) ReadRectangular(Array array, string name, Role role)
        {
            int rows = array.GetLength(0), columns = array.GetLength(1);
            if (array is double[,] doubles) return (new[] { rows, columns }, Matrices.ToFlat(doubles));
            var data = new double[rows * columns];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                {
                    object item = array.GetValue(r, c);
                    if (!Numbers.TryGet(item, out data[r * columns + c])) throw NotNumeric(role, $"{name}[{r},{c}]", item);
                }
            return (new[] { rows, columns }, data);
        }

        private static GradCheckException NotNumeric(Role role, string name, object value) =>
            new GradCheckException(role.NotNumeric, GradCheckErrorKind.InvalidData, Numbers.Unwrap(value),
                Text.Format(role.NotNumericMessage, name, Numbers.Describe(value)));

        private static GradCheckException Empty(object value) =>
            new GradCheckException(ErrorIds.ParameterEmpty, GradCheckErrorKind.InvalidArgument, value,
                Text.Format("ParameterEmpty"));
    }
}
