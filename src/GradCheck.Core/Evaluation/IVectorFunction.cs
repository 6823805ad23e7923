namespace GradCheck
{
    /// <summary>
    /// What a Jacobian check checks: a function y = f(x) with many outputs, and the vector-Jacobian product uᵀJ that
    /// someone's backward pass computes. A layer is the usual case: x its inputs and weights, y its outputs.
    /// Scriptblocks, the Hessian adapter and user C# code implement it.
    /// </summary>
    public interface IVectorFunction
    {
        /// <summary>The blocks of x, in the order of every input vector.</summary>
        ParameterLayout InputLayout { get; }

        /// <summary>The blocks of y, in the order of every output vector and upstream gradient.</summary>
        ParameterLayout OutputLayout { get; }

        /// <summary>f(x), in <see cref="OutputLayout"/> order. Must not keep or change <paramref name="x"/>.</summary>
        double[] Evaluate(double[] x);

        /// <summary>
        /// The vector-Jacobian product uᵀJ(x) (the backward pass for upstream gradient u), in
        /// <see cref="InputLayout"/> order. Must not keep or change its arguments.
        /// </summary>
        double[] Backward(double[] x, double[] upstream);
    }
}
