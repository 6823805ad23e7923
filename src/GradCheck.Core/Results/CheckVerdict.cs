namespace GradCheck
{
    /// <summary>What a check, a block or an entry came to.</summary>
    public enum CheckVerdict
    {
        /// <summary>Every judged entry agrees with its finite difference, and every entry was judged.</summary>
        Correct,

        /// <summary>Some entry, or a block as a whole, lies outside the finite difference's own error.</summary>
        Wrong,

        /// <summary>No judged entry failed, but some could not be judged at any step: a kink or the cost's
        /// curvature or noise left no finite difference that is a derivative there.</summary>
        Inconclusive,
    }
}
