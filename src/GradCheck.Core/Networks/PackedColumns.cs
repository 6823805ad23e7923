using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>
    /// The examples (columns) that one perturbation reached, packed side by side for the layers after the moved one.
    /// Examples are independent, so a column whose activation change d is 0 stays bit for bit what it was at θ in
    /// every later layer: only the reached columns need computing. Each packed element goes through the same
    /// multiplies and adds, in the same order, as in the full layout, so the costs are unchanged to the bit.
    /// The layout at θ is gathered once per set of columns and kept: a ReLU unit reaches the examples where it is
    /// active, the same ones for every weight into it, so consecutive entries share it. The packed rows are padded
    /// to whole SIMD vectors with copies of the last column: a copy computes exactly what its original does, so it
    /// can neither add nor hide a branch crossing, and the loops need no scalar tails.
    /// </summary>
    internal sealed class PackedColumns
    {
        private readonly NetworkShape _s;
        private readonly PropagationBuffers _base;
        private readonly int[] _columns;
        private int _first;

        public PackedColumns(NetworkShape shape, PropagationBuffers atTheta)
        {
            _s = shape;
            _base = atTheta;
            int m = shape.Examples, layers = shape.Layers, width = Vector<double>.Count;
            int padded = (m + width - 1) / width * width;
            _columns = new int[padded];
            BaseZ = new double[layers + 1][];
            Z = new double[layers + 1][];
            A = new double[layers + 1][];
            F = new double[layers + 1][];
            Scaled = new double[layers + 1][];
            Mask = new double[layers + 1][];
            for (int l = 1; l <= layers; l++)
            {
                int size = shape.Sizes[l] * padded;
                BaseZ[l] = new double[size];
                Z[l] = new double[size];
                A[l] = new double[size];
                if (shape.MaskOf(l) == null)
                {
                    F[l] = A[l];
                    continue;
                }
                F[l] = new double[size];
                Scaled[l] = new double[size];
                Mask[l] = new double[size];
            }
        }

        /// <summary>How many columns are packed.</summary>
        public int Count { get; private set; }

        /// <summary>The length of a packed row: <see cref="Count"/> rounded up to whole SIMD vectors.</summary>
        public int Padded { get; private set; }

        /// <summary>The packed columns, Padded of them: the last one repeated into the padding.</summary>
        public int[] Columns => _columns;

        /// <summary>Z_l at θ, packed: for the first packed layer, and for later ones with a kink.</summary>
        public double[][] BaseZ { get; }

        /// <summary>The perturbed Z_l, F_l = f(Z_l) and A_l (F_l after dropout), packed; rows Padded long.</summary>
        public double[][] Z { get; }
        public double[][] F { get; }
        public double[][] A { get; }

        /// <summary>D_l / p of the first packed layer, D_l of the later ones; null where no unit is dropped.</summary>
        public double[][] Scaled { get; }
        public double[][] Mask { get; }

        /// <summary>
        /// Packs layers <paramref name="first"/> … L at θ for columns[0..count), ascending, unless they are packed
        /// already.
        /// </summary>
        [MethodImpl(HotPath.Vectorised)]
        public void Pack(int first, int[] columns, int count)
        {
            if (first == _first && count == Count && SameColumns(columns, count)) return;
            Array.Copy(columns, _columns, count);
            Count = count;
            int width = Vector<double>.Count;
            Padded = (count + width - 1) / width * width;
            for (int q = count; q < Padded; q++) _columns[q] = columns[count - 1];
            _first = first;
            for (int t = first; t <= _s.Layers; t++)
            {
                int rows = _s.Sizes[t];
                if (t == first || _s.ActivationOf(t).HasKink) Gather(_base.Z[t], BaseZ[t], rows);
                if (_s.MaskOf(t) == null) continue;
                if (t == first) Gather(_s.Dropout.ScaledOf(t), Scaled[t], rows);
                else Gather(_s.MaskOf(t), Mask[t], rows);
            }
        }

        /// <summary>The packed rows of the output's Z written back to their columns of <paramref name="z"/>.</summary>
        [MethodImpl(HotPath.Optimize)]
        public void ScatterOutput(double[] z)
        {
            int m = _s.Examples, c = Count, p = Padded, L = _s.Layers;
            double[] packed = Z[L];
            for (int k = 0; k < _s.Sizes[L]; k++)
                for (int q = 0; q < c; q++) z[k * m + _columns[q]] = packed[k * p + q];
        }

        [MethodImpl(HotPath.Optimize)]
        private bool SameColumns(int[] columns, int count)
        {
            for (int q = 0; q < count; q++)
                if (columns[q] != _columns[q]) return false;
            return true;
        }

        [MethodImpl(HotPath.Optimize)]
        private void Gather(double[] from, double[] to, int rows)
        {
            int m = _s.Examples, p = Padded;
            for (int k = 0; k < rows; k++)
                for (int q = 0; q < p; q++) to[k * p + q] = from[k * m + _columns[q]];
        }
    }
}
