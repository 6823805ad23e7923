namespace GradCheck
{
    /// <summary>
    /// The activation of a layer, by name. What each one computes lives in its own type under
    /// Networks/Activations (<see cref="ActivationFunction.Of"/> finds it).
    /// </summary>
    public enum Activation
    {
        ReLU,

        /// <summary>max(z, 0.01·z).</summary>
        LeakyReLU,
        Tanh,
        Sigmoid,
        Linear,

        /// <summary>exp(z_k) / Σ_i exp(z_i) over the units of each example; the output layer only.</summary>
        Softmax,
    }
}
