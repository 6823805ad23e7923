namespace GradCheck
{
    /// <summary>z &gt; 0 ? z : 0.01·z.</summary>
    internal sealed class LeakyReLUActivation : RectifierActivation
    {
        public override Activation Kind => Activation.LeakyReLU;

        protected override double Slope => Activations.LeakySlope;

        public override double Derivative(double z, double a) => z > 0 ? 1 : Activations.LeakySlope;

        public override float Derivative(float z, float a) => z > 0 ? 1 : (float)Activations.LeakySlope;
    }
}
