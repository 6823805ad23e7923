namespace GradCheck
{
    /// <summary>
    /// A cost and its gradient computed in float32, as most training code computes them. Check it through
    /// <see cref="SinglePrecisionObjective.Wrap"/>: the checker then steps θ on the float32 grid, floors the cost's
    /// noise at float32 rounding, and takes its differences in double from the float32 costs.
    /// </summary>
    public interface ISingleGradientObjective
    {
        ParameterLayout Layout { get; }

        /// <summary>J(θ) in float32. Must not keep or change <paramref name="theta"/>.</summary>
        float Cost(float[] theta);

        /// <summary>The float32 gradient to be checked, in <see cref="Layout"/> order.</summary>
        float[] Gradient(float[] theta);
    }
}
