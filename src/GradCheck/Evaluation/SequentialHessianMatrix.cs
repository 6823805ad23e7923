namespace GradCheck.Commands
{
    /// <summary>A <see cref="SequentialHessianObjective"/> that passes on the whole H.</summary>
    internal sealed class SequentialHessianMatrix : SequentialHessianObjective, IHessianMatrix
    {
        public SequentialHessianMatrix(IHessianObjective inner) : base(inner)
        {
        }

        public double[,] Hessian(double[] theta) => ((IHessianMatrix)Inner).Hessian(theta);
    }
}
