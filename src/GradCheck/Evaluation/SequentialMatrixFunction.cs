namespace GradCheck.Commands
{
    /// <summary>A <see cref="SequentialVectorFunction"/> that passes on the whole J.</summary>
    internal sealed class SequentialMatrixFunction : SequentialVectorFunction, IJacobianMatrix
    {
        public SequentialMatrixFunction(IVectorFunction inner) : base(inner)
        {
        }

        public double[,] Jacobian(double[] x) => ((IJacobianMatrix)Inner).Jacobian(x);
    }
}
