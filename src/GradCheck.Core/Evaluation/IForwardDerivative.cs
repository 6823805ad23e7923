namespace GradCheck
{
    /// <summary>
    /// Optional capability of an <see cref="IVectorFunction"/>: the Jacobian-vector product J(x)·v (forward-mode
    /// differentiation, JAX's jvp). The check then compares it with the centred difference along v as well.
    /// </summary>
    public interface IForwardDerivative
    {
        /// <summary>J(x)·<paramref name="tangent"/>, in OutputLayout order.</summary>
        double[] Forward(double[] x, double[] tangent);
    }
}
