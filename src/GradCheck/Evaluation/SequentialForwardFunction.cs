namespace GradCheck.Commands
{
    /// <summary>A <see cref="SequentialVectorFunction"/> that passes on J·v.</summary>
    internal sealed class SequentialForwardFunction : SequentialVectorFunction, IForwardDerivative
    {
        public SequentialForwardFunction(IVectorFunction inner) : base(inner)
        {
        }

        public double[] Forward(double[] x, double[] tangent) => ((IForwardDerivative)Inner).Forward(x, tangent);
    }
}
