namespace GradCheck
{
    /// <summary>
    /// Optional capability of an <see cref="IHessianObjective"/>: the whole analytic Hessian, P × P, at once.
    /// </summary>
    public interface IHessianMatrix
    {
        double[,] Hessian(double[] theta);
    }
}
