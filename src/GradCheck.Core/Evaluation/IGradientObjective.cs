namespace GradCheck
{
    /// <summary>
    /// What the checker checks: a cost J(θ) and the gradient ∂J/∂θ that someone's backprop computes,
    /// both over the flat vector that <see cref="Layout"/> describes. Scriptblocks, the built-in
    /// network and user C# code all implement it.
    /// </summary>
    public interface IGradientObjective
    {
        ParameterLayout Layout { get; }

        /// <summary>J(θ). Must not keep or change <paramref name="theta"/>.</summary>
        double Cost(double[] theta);

        /// <summary>The gradient to be checked, in <see cref="Layout"/> order.</summary>
        double[] Gradient(double[] theta);
    }
}
