namespace GradCheck
{
    /// <summary>The identity.</summary>
    internal sealed class LinearActivation : ElementwiseActivation
    {
        public override Activation Kind => Activation.Linear;

        public override double Value(double z) => z;

        public override double Derivative(double z, double a) => 1;

        public override float Value(float z) => z;

        public override float Derivative(float z, float a) => 1;
    }
}
