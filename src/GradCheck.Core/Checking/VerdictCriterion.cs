namespace GradCheck
{
    /// <summary>Which rule decides <see cref="GradientCheckResult.Passed"/>.</summary>
    public enum VerdictCriterion
    {
        /// <summary>Every block within its own finite-difference error (see <see cref="Tolerances"/>).</summary>
        ErrorAware,

        /// <summary>The course's rule: the global relative difference is below the threshold.</summary>
        Course,
    }
}
