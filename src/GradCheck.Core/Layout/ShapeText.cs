using System;

namespace GradCheck
{
    /// <summary>Small helpers for shapes written the numpy way.</summary>
    public static class ShapeText
    {
        public static int CountOf(int[] shape)
        {
            long count = 1;
            foreach (int d in shape)
            {
                if (d < 0) throw new ArgumentOutOfRangeException(nameof(shape), Text.Format("DimensionNegative"));
                count *= d;
                if (count > int.MaxValue)
                    throw new ArgumentOutOfRangeException(nameof(shape), Text.Format("BlockTooLarge"));
            }
            return (int)count;
        }

        /// <summary>"(5, 4)", "(5,)" or "()" as numpy prints shapes.</summary>
        public static string Format(int[] shape)
        {
            if (shape.Length == 1) return "(" + shape[0] + ",)";
            return "(" + Join(", ", shape) + ")";
        }

        /// <summary>
        /// The numbers written invariantly with <paramref name="separator"/> between them, as string.Join writes
        /// them. string.Join over int is generic code that no precompiled image holds, and its optimised
        /// compilation cost milliseconds of a first check in a new shell.
        /// </summary>
        public static string Join(string separator, int[] values)
        {
            var text = new System.Text.StringBuilder();
            for (int i = 0; i < values.Length; i++)
            {
                if (i > 0) text.Append(separator);
                text.Append(values[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return text.ToString();
        }

        /// <summary>
        /// Two shapes hold the same data in the same order when they are equal, or when one of them is a
        /// number or a vector and they agree once axes of length 1 are dropped: a vector of 5, a (5, 1)
        /// column and a (1, 5) row. Two matrices must match exactly, so a transposed (2, 1) is not a (1, 2).
        /// </summary>
        public static bool AreCompatible(int[] a, int[] b)
        {
            if (Same(a, b)) return true;
            if (a.Length >= 2 && b.Length >= 2) return false;
            return Same(WithoutOnes(a), WithoutOnes(b));
        }

        /// <summary>
        /// Whether two shapes are equal, axis by axis (a loop: LINQ's SequenceEqual over int is generic code that no
        /// precompiled image holds, JIT-compiled at the first check in a new shell).
        /// </summary>
        public static bool Same(int[] a, int[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
                if (a[i] != b[i]) return false;
            return true;
        }

        private static int[] WithoutOnes(int[] shape)
        {
            int kept = 0;
            foreach (int d in shape)
                if (d != 1) kept++;
            var result = new int[kept];
            kept = 0;
            foreach (int d in shape)
                if (d != 1) result[kept++] = d;
            return result;
        }
    }
}
