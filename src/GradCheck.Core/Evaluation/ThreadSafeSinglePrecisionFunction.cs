namespace GradCheck
{
    /// <summary>The adapter of a thread-safe <see cref="ISingleVectorFunction"/>: keeps no state either.</summary>
    internal sealed class ThreadSafeSinglePrecisionFunction : SinglePrecisionFunction, IThreadSafeObjective
    {
        public ThreadSafeSinglePrecisionFunction(ISingleVectorFunction inner)
            : base(inner)
        {
        }
    }
}
