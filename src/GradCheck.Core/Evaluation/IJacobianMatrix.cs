namespace GradCheck
{
    /// <summary>
    /// Optional capability of an <see cref="IVectorFunction"/>: the whole analytic Jacobian at once, rows as outputs
    /// and columns as inputs. The full check then takes it instead of assembling J row by row from Backward.
    /// </summary>
    public interface IJacobianMatrix
    {
        /// <summary>J(x): [OutputLayout.Count, InputLayout.Count].</summary>
        double[,] Jacobian(double[] x);
    }
}
