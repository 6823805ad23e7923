using System;

namespace GradCheck
{
    /// <summary>
    /// What the checker checks: a cost J(θ) and the gradient ∂J/∂θ that someone's backprop computes,
    /// both over the flat vector that <see cref="Layout"/> describes. Scriptblocks, the built-in
    /// network and user C# code all implement it.
    /// </summary>
    public interface IGradientObjective
    {
        ParameterLayout Layout { get; }

        /// <summary>J(θ). Must not keep or change <paramref name="theta"/>.</summary>
        double Cost(double[] theta);

        /// <summary>The gradient to be checked, in <see cref="Layout"/> order.</summary>
        double[] Gradient(double[] theta);
    }

    /// <summary>
    /// Optional capability: <see cref="IGradientObjective.Cost"/> may be called from several threads at once
    /// (it keeps no state between calls). The checker then evaluates perturbed costs on every core, each
    /// thread with its own copy of θ.
    /// </summary>
    public interface IThreadSafeObjective
    {
    }

    /// <summary>
    /// Optional capability: costs at θ with one entry moved, computed cheaply and safely on several
    /// threads. The checker then evaluates in parallel, one worker per thread.
    /// </summary>
    public interface IPerturbedCostSource
    {
        /// <summary>A worker bound to θ. Each worker is used by one thread at a time.</summary>
        IPerturbedCostWorker CreateWorker(double[] theta);
    }

    /// <summary>Evaluates J at θ with entry <c>i</c> replaced by the rounded value θᵢ + δ.</summary>
    public interface IPerturbedCostWorker
    {
        /// <summary>
        /// J(θ with θ[entry] = θ[entry] + delta). The result must depend only on the arguments, never on
        /// which calls came before, so that results are the same whatever the thread count.
        /// </summary>
        double Cost(int entry, double delta);
    }

    /// <summary>
    /// Optional capability of a worker: whether its last perturbed cost changed the branch of any
    /// piecewise activation (the sign of a ReLU pre-activation, say) compared with θ itself.
    /// </summary>
    public interface IBranchAwareWorker
    {
        bool LastCostChangedBranch { get; }
    }

    /// <summary>
    /// Optional capability: J at any point together with whether getting there from θ changed the branch of a
    /// piecewise activation, so that a noise measurement can tell a kink from noise.
    /// </summary>
    public interface IBranchAwareCost
    {
        double Cost(double[] theta, double[] point, out bool changedBranch);
    }

    /// <summary>
    /// Optional capability: J along a line θ + t·v for many t, cheaper than a full evaluation per t (the
    /// network precomputes what is linear in t). Directional and Taylor checks use it.
    /// </summary>
    public interface ILineCostSource
    {
        /// <summary>
        /// A function t ↦ J(θ + t·v). Used by one thread at a time. It reads <paramref name="theta"/> and
        /// <paramref name="direction"/> when called (copying 2P numbers per line would cost more than the line
        /// saves on a large network), so they must not change while it is in use.
        /// </summary>
        Func<double, double> Line(double[] theta, double[] direction);
    }
}
