namespace GradCheck
{
    /// <summary>
    /// Optional capability: costs at θ with one entry moved, computed cheaply and safely on several
    /// threads. The checker then evaluates in parallel, one worker per thread.
    /// </summary>
    public interface IPerturbedCostSource
    {
        /// <summary>A worker bound to θ. Each worker is used by one thread at a time.</summary>
        IPerturbedCostWorker CreateWorker(double[] theta);
    }
}
