namespace GradCheck
{
    /// <summary>
    /// What a Hessian check checks: a gradient ∇J(θ) and the Hessian-vector product H(θ)·v that someone's
    /// second-order code computes. The check treats it as a Jacobian check of the gradient.
    /// </summary>
    public interface IHessianObjective
    {
        ParameterLayout Layout { get; }

        /// <summary>∇J(θ), in <see cref="Layout"/> order. It must itself be right (see HessianChecker).</summary>
        double[] Gradient(double[] theta);

        /// <summary>H(θ)·<paramref name="vector"/>, in <see cref="Layout"/> order.</summary>
        double[] HessianVector(double[] theta, double[] vector);
    }
}
