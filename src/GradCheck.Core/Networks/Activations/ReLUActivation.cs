namespace GradCheck
{
    /// <summary>max(z, 0).</summary>
    internal sealed class ReLUActivation : RectifierActivation
    {
        public override Activation Kind => Activation.ReLU;

        protected override double Slope => 0;

        /// <summary>(a &gt; 0): at the kink (z = 0) it takes 0, as the course's np.int64(A &gt; 0) does.</summary>
        public override double Derivative(double z, double a) => a > 0 ? 1 : 0;

        public override float Derivative(float z, float a) => a > 0 ? 1 : 0;
    }
}
