namespace GradCheck
{
    /// <summary>
    /// The named constants behind the error-aware verdict. The rule, for entry i with step h:
    /// <code>
    ///   g̃ᵢ  = (J(θ+h·eᵢ) − J(θ−h·eᵢ)) / 2hᵢ                   the centred difference over the realised step
    ///   hᵢ  = ((θᵢ+h) − (θᵢ−h)) / 2                           (the course's 2h is kept for Numerical and Difference)
    ///   g̃⁵ᵢ = 5-point estimate from ±h, ±2h                    truncation O(h⁴)
    ///   Tᵢ  = |g̃ᵢ − g̃⁵ᵢ|                                      ≈ h²|J‴|/6, the truncation error of g̃ᵢ
    ///   σ_J = the noise of one evaluation of J, measured by ECnoise at spacings h, h/10, h/100 (see CostNoise and
    ///         CheckStart), at least RoundingFactor · u · max|J| (u|J|: one rounding)
    ///   Rᵢ  = σ_J / h                                          the rounding error of g̃ᵢ (u = 2⁻⁵²): √2·σ_J/2h,
    ///                                                          rounded up
    ///   σᵢ  = Tᵢ + Rᵢ (at least AbsoluteFloor)                  what g̃ᵢ's own error can be
    ///   entry fails  ⇔ |gᵢ − g̃ᵢ| > EntrySafetyFactor · σᵢ
    ///   block fails  ⇔ an entry fails, or rms(|gᵢ − g̃ᵢ| / σᵢ) over the block > BlockSafetyFactor
    ///   a suspect (SuspicionThreshold·σᵢ &lt; |gᵢ − g̃ᵢ| ≤ EntrySafetyFactor·σᵢ) is judged again by the same rule at
    ///   H = RefinementStepFactor·h, where rounding weighs a hundred times less, and fails if it fails there
    /// </code>
    /// The block test catches a small error spread evenly over many entries, each one inside its own
    /// tolerance; judging every block on its own keeps a wrong small block from hiding under a large one.
    /// </summary>
    public static class Tolerances
    {
        /// <summary>u, the spacing of doubles at 1: 2⁻⁵².</summary>
        public const double MachineEpsilon = 2.220446049250313e-16;

        /// <summary>
        /// The spacing of floats at 1, 2⁻²³: the u of a float32 cost, as MachineEpsilon is of a double one.
        /// </summary>
        public const double SingleEpsilon = 1.1920928955078125e-7;

        /// <summary>
        /// A lattice of costs counts when its spacing is at least this many roundings u·max|J| (the costs use at most
        /// 45 of a double's 53 bits): a double computed in full lands on one with probability 2⁻⁸ per value.
        /// </summary>
        public const double LatticeRoundings = 256;

        /// <summary>How many distinct float32 costs (and no other) make a cost single precision.</summary>
        public const int SinglePrecisionEvidence = 3;

        /// <summary>
        /// A float32 J(θ) with this many significant bits is taken for single precision even when no other cost
        /// differed from it (2, 0.5 or 3.25 use a few; a float32 result of arithmetic, about 24).
        /// </summary>
        public const int SinglePrecisionBits = 12;

        /// <summary>How many units of rounding one cost evaluation is assumed to carry, relative to |J|.</summary>
        public const double RoundingFactor = 1.0;

        /// <summary>How far outside its error estimate an entry must be to fail.</summary>
        public const double EntrySafetyFactor = 10.0;

        /// <summary>The largest root-mean-square of error/σ a block may show and pass.</summary>
        public const double BlockSafetyFactor = 3.0;

        /// <summary>
        /// An entry more than this many σ off, though within its tolerance, is looked at again with a larger step.
        /// </summary>
        public const double SuspicionThreshold = 2.0;

        /// <summary>
        /// The larger step for suspects: H = RefinementStepFactor · h, whose rounding error σ_J/H is this many times
        /// smaller.
        /// </summary>
        public const double RefinementStepFactor = 100.0;

        /// <summary>
        /// |F − B| of a smooth J doubles from step s to 2s; below this growth a kink lies within s (see EntryChecker).
        /// </summary>
        public const double SmoothGrowth = 1.5;

        /// <summary>
        /// An unresolved entry, or one whose tolerance is wide against its block's largest entry (EntryChecker.Loose),
        /// is looked at with steps this many times larger, one level after another.
        /// </summary>
        public const double CoarserStepFactor = 10.0;

        /// <summary>How many such levels at most: up to 10⁴·h, 1e-3 for the course's step.</summary>
        public const int CoarserLevels = 4;

        /// <summary>Keeps σ positive when J is exactly 0 everywhere.</summary>
        public const double AbsoluteFloor = 1e-300;

        /// <summary>
        /// A scriptblock entry looks kinked when its centred estimates at h and 2h differ by more than this fraction.
        /// </summary>
        public const double KinkRelativeGap = 1e-3;

        /// <summary>… and by more than this many units of rounding noise σ_J / h.</summary>
        public const double KinkNoiseFactor = 50.0;

        /// <summary>
        /// The rounding unit of float32, 2⁻²⁴: half its spacing at 1. A float32 cost's one rounding.
        /// </summary>
        public const double SingleRoundingUnit = 5.9604644775390625e-8;

        /// <summary>
        /// The first step of a single-precision check, relative to max(1, |θᵢ|). It starts small, because a step
        /// larger than the scale a layer varies on (weights of order 1e-6 that a layer multiplies by 1e6, a saturated
        /// softmax) reads a flat, smooth cost and fails a right gradient, and no smaller step would be tried; entries
        /// that float32 rounding leaves unresolved are then looked at with CoarserStepFactor-fold larger steps, up to
        /// 1e-2, while rounding still dominates their error: past the centred difference's best trade between
        /// truncation h²·|J‴|/6 and rounding u·|J|/h for |J‴| ≈ |J|, (3u)^⅓ ≈ 5.6e-3 with u = 2⁻²⁴, so each entry
        /// ends near its own best step. θᵢ ± 1e-6·max(1, |θᵢ|) moves every float32 θᵢ by at least 8 spacings.
        /// </summary>
        public const double SingleStep = 1e-6;

        /// <summary>
        /// The centred difference's best float32 step, (3u)^⅓ with u = 2⁻²⁴ (the minimum of truncation h²·|J‴|/6 plus
        /// rounding u·|J|/h for |J‴| ≈ |J|), rounded to 5.6e-3: the step of a single-precision check along directions
        /// and of the Taylor test, times max(1, max|θᵢ|), where no search for a better step follows.
        /// </summary>
        public const double SingleBestStep = 5.6e-3;

        /// <summary>The course's step.</summary>
        public const double DefaultEpsilon = 1e-7;

        /// <summary>The course's threshold on the global relative difference.</summary>
        public const double DefaultThreshold = 2e-7;
    }
}
