namespace GradCheck
{
    /// <summary>How the gradient is compared.</summary>
    public enum CheckMethod
    {
        /// <summary>Finite differences per entry, per sampled entry, or per random direction.</summary>
        FiniteDifference,

        /// <summary>The step-free Taylor test.</summary>
        Taylor,
    }
}
