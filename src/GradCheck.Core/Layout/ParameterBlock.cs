using System;
using System.Linq;

namespace GradCheck
{
    /// <summary>One named block of parameters (W1, b1, θ …) and where its entries sit in the flat vector.</summary>
    public sealed class ParameterBlock
    {
        private readonly int[] _shape;

        public ParameterBlock(string name, int[] shape, int offset)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            _shape = (int[])(shape ?? throw new ArgumentNullException(nameof(shape))).Clone();
            Offset = offset;
            Count = ShapeText.CountOf(_shape);
        }

        public string Name { get; }

        /// <summary>The block's shape: empty for a number, [n] for a vector, [rows, columns] for a matrix.</summary>
        public int[] Shape => (int[])_shape.Clone();

        /// <summary>Index of the block's first entry in the flat vector.</summary>
        public int Offset { get; }

        public int Count { get; }

        public int Rank => _shape.Length;

        /// <summary>
        /// The numpy-style index of entry <paramref name="local"/> (row-major), e.g. "[1,3]"; empty for a number.
        /// </summary>
        public string IndexText(int local)
        {
            if (_shape.Length == 0) return string.Empty;
            var index = new int[_shape.Length];
            for (int axis = _shape.Length - 1; axis >= 0; axis--)
            {
                index[axis] = local % _shape[axis];
                local /= _shape[axis];
            }
            return "[" + string.Join(",", index) + "]";
        }

        public override string ToString() => Name + ShapeText.Format(_shape);
    }

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
            return "(" + string.Join(", ", shape) + ")";
        }

        /// <summary>
        /// Two shapes hold the same data in the same order when they are equal, or when one of them is a
        /// number or a vector and they agree once axes of length 1 are dropped: a vector of 5, a (5, 1)
        /// column and a (1, 5) row. Two matrices must match exactly, so a transposed (2, 1) is not a (1, 2).
        /// </summary>
        public static bool AreCompatible(int[] a, int[] b)
        {
            if (a.SequenceEqual(b)) return true;
            if (a.Length >= 2 && b.Length >= 2) return false;
            return a.Where(d => d != 1).SequenceEqual(b.Where(d => d != 1));
        }
    }
}
