namespace GradCheck
{
    /// <summary>
    /// The lines through θ that <see cref="StepSequence"/> steps along: one per entry (θ + s·eᵢ) or per random
    /// direction (θ + s·v). Each says how far its points at ±s really lie from θ and evaluates J there.
    /// </summary>
    internal interface IStepLines
    {
        /// <summary>Whether the costs say exactly which points changed a branch of the objective.</summary>
        bool BranchAware { get; }

        /// <summary>
        /// How far the point at +<paramref name="step"/> on line <paramref name="line"/> lies from θ.
        /// </summary>
        double Up(int line, double step);

        /// <summary>How far the point at −<paramref name="step"/> lies from θ.</summary>
        double Down(int line, double step);

        /// <summary>
        /// How far a point of line <paramref name="line"/> may stray from where Up and Down place it, entry by entry
        /// (0 where they are exact): a random direction's points are θᵢ ± s·vᵢ rounded, up to u·max|θᵢ| off.
        /// </summary>
        double Wobble(int line);

        /// <summary>
        /// J at ±<paramref name="step"/> on each of <paramref name="lines"/>, and whether a branch changed.
        /// </summary>
        (double[] Plus, double[] Minus, bool[] Crossed) Costs(int[] lines, double step);
    }
}
