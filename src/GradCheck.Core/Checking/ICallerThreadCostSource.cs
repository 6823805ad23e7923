namespace GradCheck
{
    /// <summary>
    /// A perturbed-cost source whose workers must run on the calling thread: it answers by (entry, step) cheaply,
    /// but what it wraps (a scriptblock, say) may run only on the pipeline thread.
    /// </summary>
    internal interface ICallerThreadCostSource : IPerturbedCostSource
    {
    }
}
