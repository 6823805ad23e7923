using System;

namespace GradCheck
{
    /// <summary>A direction given as a vector of P numbers.</summary>
    internal sealed class DenseDirection : LineDirection
    {
        private readonly double[] _v;

        public DenseDirection(double[] v)
        {
            _v = v ?? throw new ArgumentNullException(nameof(v));
        }

        public override int Length => _v.Length;

        public override double this[int i] => _v[i];

        public override void CopyTo(int from, int count, double[] target, int targetStart) =>
            Array.Copy(_v, from, target, targetStart, count);
    }
}
