namespace GradCheck
{
    /// <summary>
    /// Optional capability of a worker: whether its last perturbed cost changed the branch of any
    /// piecewise activation (the sign of a ReLU pre-activation, say) compared with θ itself.
    /// </summary>
    public interface IBranchAwareWorker
    {
        bool LastCostChangedBranch { get; }
    }
}
