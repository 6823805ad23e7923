namespace GradCheck
{
    /// <summary>Evaluates J at θ with entry <c>i</c> replaced by the rounded value θᵢ + δ.</summary>
    public interface IPerturbedCostWorker
    {
        /// <summary>
        /// J(θ with θ[entry] = θ[entry] + delta). The result must depend only on the arguments, never on
        /// which calls came before, so that results are the same whatever the thread count.
        /// </summary>
        double Cost(int entry, double delta);
    }
}
