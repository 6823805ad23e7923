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
            return "[" + ShapeText.Join(",", index) + "]";
        }

        public override string ToString() => Name + ShapeText.Format(_shape);
    }

}
