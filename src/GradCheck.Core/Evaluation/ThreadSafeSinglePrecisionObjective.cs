namespace GradCheck
{
    /// <summary>The adapter of a thread-safe <see cref="ISingleGradientObjective"/>: keeps no state either.</summary>
    internal sealed class ThreadSafeSinglePrecisionObjective : SinglePrecisionObjective, IThreadSafeObjective
    {
        public ThreadSafeSinglePrecisionObjective(ISingleGradientObjective inner)
            : base(inner)
        {
        }
    }
}
