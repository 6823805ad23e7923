using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace GradCheck.Commands
{
    /// <summary>
    /// Reads what PowerShell gives us (numbers, arrays, jagged arrays, N-dimensional arrays, dictionaries, objects from
    /// ConvertFrom-Json or Import-Csv, and parameter vectors) into layouts and flat row-major vectors. Every refusal
    /// names the culprit.
    /// </summary>
    internal static class ParameterReader
    {
        /// <summary>Which error ids and messages a refusal uses: θ's or the gradient's.</summary>
        internal sealed class Role
        {
            public static readonly Role Parameter = new Role(ErrorIds.ParameterNotNumeric,
                ErrorIds.ParameterNotRectangular);
            public static readonly Role Gradient = new Role(ErrorIds.GradientNotNumeric,
                ErrorIds.GradientShapeMismatch);

            private Role(string notNumeric, string notRectangular)
            {
                NotNumeric = notNumeric;
                NotRectangular = notRectangular;
            }

            public string NotNumeric { get; }
            public string NotRectangular { get; }
        }

        /// <summary>
        /// Reads θ. A plain hashtable is ordered the course's way; any other dictionary, and an object's properties
        /// (ConvertFrom-Json, Import-Csv), keep their order.
        /// </summary>
        /// <param name="singleName">
        /// The name of the one block of a value that is no dictionary: "theta", or "y".
        /// </param>
        public static ParameterInput Read(object value, Subject subject = null, string singleName = "theta")
        {
            subject = subject ?? Subject.Parameter(fromPipeline: false);
            if (Dictionaries.TryRead(value, out var dictionary)) return ReadDictionary(dictionary, subject);
            value = Numbers.Unwrap(value);
            if (value is ParameterVector vector)
                return new ParameterInput(vector.Layout, (double[])vector.Values.Clone(), ParameterForm.Dictionary,
                    null, subject);
            var block = ReadBlock(value, subject, Role.Parameter);
            if (block.Data.Length == 0) throw Empty(value);
            var form = block.Shape.Length == 0 ? ParameterForm.Number : ParameterForm.Vector;
            return new ParameterInput(ParameterLayout.Single(singleName, block.Shape), block.Data, form,
                new[] { block.Form }, subject);
        }

        private static ParameterInput ReadDictionary(IDictionary dictionary, Subject subject)
        {
            // By entry, not by looking keys up again as strings: a hashtable may have keys of other types (1, 2, …).
            var byName = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in dictionary)
            {
                string name = Numbers.Unwrap(entry.Key)?.ToString() ?? string.Empty;
                if (byName.ContainsKey(name))
                    throw new GradCheckException(ErrorIds.ParameterDuplicateName, GradCheckErrorKind.InvalidArgument,
                        name, CommandText.Format("ParameterDuplicateName", name));
                byName.Add(name, entry.Value);
            }
            var keys = byName.Keys.ToList();
            if (Dictionaries.IsUnordered(dictionary)) keys = ParameterOrder.Course(keys).ToList();
            var shapes = new List<KeyValuePair<string, int[]>>();
            var forms = new List<BlockForm>();
            var values = new List<double>();
            foreach (string key in keys)
            {
                var block = ReadBlock(byName[key], subject.Block(key), Role.Parameter);
                shapes.Add(new KeyValuePair<string, int[]>(key, block.Shape));
                forms.Add(block.Form);
                values.AddRange(block.Data);
            }
            if (values.Count == 0) throw Empty(dictionary);
            return new ParameterInput(ParameterLayout.Create(shapes), values.ToArray(), ParameterForm.Dictionary,
                forms.ToArray(), subject);
        }

        /// <summary>
        /// Reads a gradient laid out like <paramref name="layout"/>: a dictionary (or object) keyed by block names
        /// or "d" + name (dW1), a parameter vector with the same layout, or a flat list of every entry. The course's
        /// intermediate gradients (dZ1, dA2, …) are left out, as its gradients_to_vector does, and told to
        /// <paramref name="ignored"/>.
        /// </summary>
        public static double[] ReadGradient(object value, ParameterLayout layout, Action<string> ignored = null)
        {
            if (Dictionaries.TryRead(value, out var dictionary))
                return ReadGradientDictionary(dictionary, layout, ignored);
            value = Numbers.Unwrap(value);
            if (value == null)
                throw new GradCheckException(ErrorIds.GradientReturnedNothing, GradCheckErrorKind.InvalidResult, null,
                    Text.Format("GradientMissing", layout.Count, layout));
            if (value is ParameterVector vector)
            {
                if (!vector.Layout.SameAs(layout))
                    throw new GradCheckException(ErrorIds.GradientShapeMismatch, GradCheckErrorKind.InvalidResult,
                        vector, CommandText.Format("GradientVectorLayoutMismatch", vector.Layout, layout));
                return (double[])vector.Values.Clone();
            }
            var (shape, data) = ReadBlock(value, Subject.Gradient(), Role.Gradient);
            bool single = layout.Blocks.Count == 1;
            var expected = single ? layout.Blocks[0].Shape : new[] { layout.Count };
            if (data.Length != layout.Count)
                throw new GradCheckException(ErrorIds.GradientLengthMismatch, GradCheckErrorKind.InvalidResult, value,
                    Text.Format("GradientLengthMismatch", data.Length, layout.Count, layout));
            if (!ShapeText.AreCompatible(shape, expected))
                throw new GradCheckException(ErrorIds.GradientShapeMismatch, GradCheckErrorKind.InvalidResult, value,
                    CommandText.Format("GradientShapeMismatch", ShapeText.Format(shape), ShapeText.Format(expected)));
            return data;
        }

        private static double[] ReadGradientDictionary(IDictionary dictionary, ParameterLayout layout,
            Action<string> ignored)
        {
            var gradient = new double[layout.Count];
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var skipped = new List<string>();
            foreach (DictionaryEntry entry in dictionary)
            {
                string key = Numbers.Unwrap(entry.Key)?.ToString() ?? string.Empty;
                string name = ParameterOrder.ParameterNameOf(key, n => layout.TryGetBlock(n, out _));
                if (name == null && Dictionaries.IsIntermediateGradient(key)) { skipped.Add(key); continue; }
                if (name == null || !seen.Add(name)) throw UnknownKey(key, name, layout);
                ReadGradientBlock(entry.Value, key, layout[name], gradient);
            }
            var missing = layout.Blocks.Where(b => !seen.Contains(b.Name)).Select(b => b.Name).ToArray();
            if (missing.Length > 0)
                throw new GradCheckException(ErrorIds.GradientMissingKey, GradCheckErrorKind.InvalidResult, missing[0],
                    CommandText.Format("GradientMissingKey", string.Join(", ", missing),
                        string.Join(", ", layout.Blocks.Select(b => b.Name))));
            if (skipped.Count > 0)
                ignored?.Invoke(CommandText.Format("VerboseGradientKeysIgnored", string.Join(", ", skipped)));
            return gradient;
        }

        private static void ReadGradientBlock(object value, string key, ParameterBlock block, double[] gradient)
        {
            var (shape, data) = ReadBlock(value, Subject.Gradient().Block(key), Role.Gradient);
            if (data.Length != block.Count || !ShapeText.AreCompatible(shape, block.Shape))
                throw new GradCheckException(ErrorIds.GradientShapeMismatch, GradCheckErrorKind.InvalidResult, key,
                    CommandText.Format("GradientShapeMismatchInKey", key, ShapeText.Format(shape),
                        ShapeText.Format(block.Shape), block.Name));
            Array.Copy(data, 0, gradient, block.Offset, data.Length);
        }

        private static GradCheckException UnknownKey(string key, string name, ParameterLayout layout) =>
            new GradCheckException(ErrorIds.GradientExtraKey, GradCheckErrorKind.InvalidResult, key,
                name == null
                    ? CommandText.Format("GradientUnknownKey", key,
                        string.Join(", ", layout.Blocks.Select(b => b.Name)))
                    : CommandText.Format("GradientKeyTwice", name, key));

        /// <summary>
        /// One block, for -Input, -Label and the like: <paramref name="name"/> is the parameter's name.
        /// </summary>
        public static Block ReadBlock(object value, string name, Role role) =>
            ReadBlock(value, Subject.Named(name), role);

        /// <summary>
        /// One block: a number, a vector, arrays of arrays (jagged, any depth) or a rectangular array of any rank,
        /// flattened row-major as numpy does.
        /// </summary>
        public static Block ReadBlock(object value, Subject subject, Role role)
        {
            value = Numbers.Unwrap(value);
            if (Numbers.TryGet(value, out double number))
                return new Block(Array.Empty<int>(), new[] { number }, BlockForm.Number);
            if (value is Array array && array.Rank >= 2) return ReadRectangular(array, subject, role);
            if (!Numbers.IsSequence(value)) throw NotNumeric(role, subject, value);
            var items = ((IEnumerable)value).Cast<object>().Select(Numbers.Unwrap).ToList();
            var numbers = new double[items.Count];
            int bad = 0;
            while (bad < items.Count && Numbers.TryGet(items[bad], out numbers[bad])) bad++;
            if (bad == items.Count) return new Block(new[] { items.Count }, numbers, BlockForm.Vector);
            // A vector with one entry that is no number, or numbers followed by an array: named at that entry.
            if (!Numbers.IsSequence(items[bad])) throw NotNumeric(role, subject.Entry("[" + bad + "]"), items[bad]);
            if (bad > 0) throw MixedRows(role, subject, value, 0, bad);
            return ReadNested(value, items, subject, role);
        }

        /// <summary>Arrays of arrays: every row read as a block of its own, all of one shape.</summary>
        private static Block ReadNested(object value, List<object> items, Subject subject, Role role)
        {
            var rows = new List<Block>();
            for (int r = 0; r < items.Count; r++)
            {
                if (!Numbers.IsSequence(items[r]) && !Numbers.TryGet(items[r], out _))
                    throw NotNumeric(role, subject.Entry("[" + r + "]"), items[r]);
                if (!Numbers.IsSequence(items[r])) throw MixedRows(role, subject, value, r, 0);
                var row = Numbers.IsSequence(items[r])
                    ? ReadBlock(items[r], subject.Entry("[" + r + "]"), role) : default;
                if (row.Shape == null || row.Shape.Length == 0
                    || rows.Count > 0 && !ShapeText.Same(row.Shape, rows[0].Shape))
                    throw NotRectangular(role, subject, value, rows.Count == 0 ? 0 : rows[0].Data.Length, r,
                        row.Data?.Length ?? 1);
                rows.Add(row);
            }
            var shape = new[] { rows.Count }.Concat(rows[0].Shape).ToArray();
            return new Block(shape, rows.SelectMany(r => r.Data).ToArray(), BlockForm.Jagged);
        }

        /// <summary>A rectangular array of any rank: .NET enumerates it row-major, the last index fastest.</summary>
        private static Block ReadRectangular(Array array, Subject subject, Role role)
        {
            var shape = Enumerable.Range(0, array.Rank).Select(array.GetLength).ToArray();
            if (array is double[,] doubles) return new Block(shape, Matrices.ToFlat(doubles), BlockForm.Array);
            var data = new double[array.Length];
            int i = 0;
            foreach (object item in array)
            {
                if (!Numbers.TryGet(item, out data[i])) throw NotNumeric(role, subject.Entry(IndexOf(shape, i)), item);
                i++;
            }
            return new Block(shape, data, BlockForm.Array);
        }

        private static string IndexOf(int[] shape, int flat) => new ParameterBlock("x", shape, 0).IndexText(flat);

        private static GradCheckException NotNumeric(Role role, Subject subject, object value) =>
            new GradCheckException(role.NotNumeric, GradCheckErrorKind.InvalidData, Numbers.Unwrap(value),
                CommandText.Format("NotNumericAt", subject.Sentence, Numbers.Describe(value)));

        private static GradCheckException NotRectangular(Role role, Subject subject, object value, int first, int row,
            int count) =>
            new GradCheckException(role.NotRectangular, GradCheckErrorKind.InvalidData, value,
                CommandText.Format("NotRectangularAt", subject.Sentence, first, row, count));

        /// <summary>
        /// Arrays of arrays in which entry <paramref name="number"/> is a number and entry <paramref name="array"/>
        /// an array.
        /// </summary>
        private static GradCheckException MixedRows(Role role, Subject subject, object value, int number, int array) =>
            new GradCheckException(role.NotRectangular, GradCheckErrorKind.InvalidData, value,
                CommandText.Format("MixedRowsAt", subject.Sentence, number, array));

        private static GradCheckException Empty(object value) =>
            new GradCheckException(ErrorIds.ParameterEmpty, GradCheckErrorKind.InvalidArgument, value,
                Text.Format("ParameterEmpty"));
    }
}
