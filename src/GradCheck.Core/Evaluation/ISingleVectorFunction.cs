namespace GradCheck
{
    /// <summary>
    /// A layer y = f(x) and its backward pass computed in float32 (see <see cref="IVectorFunction"/>). Check it
    /// through <see cref="SinglePrecisionFunction.Wrap"/>.
    /// </summary>
    public interface ISingleVectorFunction
    {
        /// <summary>The blocks of x, in the order of every input vector.</summary>
        ParameterLayout InputLayout { get; }

        /// <summary>The blocks of y, in the order of every output vector and upstream gradient.</summary>
        ParameterLayout OutputLayout { get; }

        /// <summary>f(x) in float32. Must not keep or change <paramref name="x"/>.</summary>
        float[] Evaluate(float[] x);

        /// <summary>
        /// uᵀJ(x) in float32, in <see cref="InputLayout"/> order. Must not keep or change its arguments.
        /// </summary>
        float[] Backward(float[] x, float[] upstream);
    }
}
