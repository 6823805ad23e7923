namespace GradCheck
{
    /// <summary>
    /// Optional capability: <see cref="IGradientObjective.Cost"/> may be called from several threads at once
    /// (it keeps no state between calls), and so may IVectorFunction.Evaluate and Backward on a vector function
    /// that declares it. The checker then evaluates perturbed costs on every core, each
    /// thread with its own copy of θ.
    /// </summary>
    public interface IThreadSafeObjective
    {
    }
}
