namespace GradCheck
{
    /// <summary>An <see cref="OutputComponent"/> of a function that must run on the calling thread only.</summary>
    internal sealed class CallerThreadOutputComponent : OutputComponent, ICallerThreadCostSource
    {
        public CallerThreadOutputComponent(VectorEvaluations evaluations, int output) : base(evaluations, output)
        {
        }
    }
}
