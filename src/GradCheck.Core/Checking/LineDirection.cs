namespace GradCheck
{
    /// <summary>
    /// A direction v in θ's space, for the lines θ + t·v, read in ranges: a line's user takes what it needs of v
    /// (a network, one row of first-layer weights at a time) and v need not be written out whole.
    /// </summary>
    internal abstract class LineDirection
    {
        /// <summary>The number of entries, P.</summary>
        public abstract int Length { get; }

        /// <summary>vᵢ.</summary>
        public abstract double this[int i] { get; }

        /// <summary>v[from, from + count) into target[targetStart, targetStart + count).</summary>
        public abstract void CopyTo(int from, int count, double[] target, int targetStart);

        /// <summary>
        /// target[targetStart + n] = θ[from + n] + t·v[from + n] for n &lt; count: the point θ + t·v over a range,
        /// each entry rounded once, as a dense θ + t·v computes it.
        /// </summary>
        public void PointAlong(double[] theta, double t, int from, int count, double[] target, int targetStart)
        {
            for (int n = 0; n < count; n++) target[targetStart + n] = theta[from + n] + t * this[from + n];
        }
    }
}
