namespace GradCheck
{
    /// <summary>What a Jacobian check compared.</summary>
    public enum JacobianMode
    {
        /// <summary>Every entry of J (or of a sample of its columns), each against its centred difference.</summary>
        Full,

        /// <summary>The vector-Jacobian product for one given upstream gradient: a scalar check of ⟨u, f(x)⟩.</summary>
        OutputGradient,

        /// <summary>uᵀJv for random u and v, the centred difference along v against Backward(x, u)·v.</summary>
        Directional,
    }
}
