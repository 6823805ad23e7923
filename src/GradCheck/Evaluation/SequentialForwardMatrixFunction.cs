namespace GradCheck.Commands
{
    /// <summary>A <see cref="SequentialVectorFunction"/> that passes on both J·v and the whole J.</summary>
    internal sealed class SequentialForwardMatrixFunction : SequentialVectorFunction, IForwardDerivative,
        IJacobianMatrix
    {
        public SequentialForwardMatrixFunction(IVectorFunction inner) : base(inner)
        {
        }

        public double[] Forward(double[] x, double[] tangent) => ((IForwardDerivative)Inner).Forward(x, tangent);

        public double[,] Jacobian(double[] x) => ((IJacobianMatrix)Inner).Jacobian(x);
    }
}
