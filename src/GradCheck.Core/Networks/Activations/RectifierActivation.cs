namespace GradCheck
{
    /// <summary>z &gt; 0 ? z : slope·z, with a kink at 0; SIMD kernels without branches.</summary>
    internal abstract class RectifierActivation : ElementwiseActivation
    {
        /// <summary>The slope for z ≤ 0.</summary>
        protected abstract double Slope { get; }

        /// <summary>The slope for z ≤ 0, for the incremental evaluation's fused kernel.</summary>
        public double NegativeSlope => Slope;

        public override bool HasKink => true;

        // Written so that NaN passes through, as numpy's maximum lets it: z > 0 ? z : 0 would hide it as 0.
        public override double Value(double z) => z <= 0 ? (Slope == 0 ? 0 : Slope * z) : z;

        /// <summary>
        /// In float32 the slope is float32 too: 0.01 rounded, as torch's leaky_relu converts its negative_slope to
        /// the tensor's type.
        /// </summary>
        public override float Value(float z) => z <= 0 ? (Slope == 0 ? 0 : (float)Slope * z) : z;

        public override void ActivateRow(double[] z, double[] a, int start, int count) =>
            Kernels.Rectify(z, a, start, count, Slope);

        public override bool RankOne(double[] zOut, double[] aOut, double[] z, int start, double w, double[] d,
            int n, double[] s) =>
            s == null
                ? Kernels.RankOneRectify(aOut, z, start, w, d, n, Slope)
                : Kernels.RankOneRectifyMasked(aOut, z, start, w, d, n, Slope, s);
    }
}
