namespace GradCheck
{
    /// <summary>
    /// Optional capability: J at any point together with whether getting there from θ changed the branch of a
    /// piecewise activation, so that a noise measurement can tell a kink from noise.
    /// </summary>
    public interface IBranchAwareCost
    {
        double Cost(double[] theta, double[] point, out bool changedBranch);
    }
}
