using System;

namespace GradCheck
{
    /// <summary>The outcome of one gradient check.</summary>
    public sealed class GradientCheckResult
    {
        /// <summary>What was checked: Test-Gradient's -Name, or a description of its input.</summary>
        public string Name { get; set; }

        public CheckMode Mode { get; internal set; }

        /// <summary>In directional mode, each random direction.</summary>
        public DirectionResult[] Directions { get; internal set; }

        /// <summary>
        /// In Taylor mode, the observed order of the remainder (2 for a right gradient, 1 for a wrong one).
        /// </summary>
        public double TaylorSlope { get; internal set; } = double.NaN;

        /// <summary>In Taylor mode, every step with its remainder.</summary>
        public TaylorStep[] TaylorSteps { get; internal set; }

        /// <summary>
        /// Correct, Wrong, or Inconclusive when some entries could not be judged at any step and no judged entry
        /// failed (by <see cref="Criterion"/>: the course's rule knows only Correct and Wrong).
        /// </summary>
        public CheckVerdict Verdict { get; internal set; }

        /// <summary>Whether <see cref="Verdict"/> is Correct: an Inconclusive check does not pass.</summary>
        public bool Passed
        {
            get => Verdict == CheckVerdict.Correct;
            internal set => Verdict = value ? CheckVerdict.Correct : CheckVerdict.Wrong;
        }

        /// <summary>The course's ‖g − g̃‖₂ / (‖g‖₂ + ‖g̃‖₂) over every entry; 0 when both norms are 0.</summary>
        public double Difference { get; internal set; }

        public double Epsilon { get; internal set; }

        /// <summary>The threshold of the course's rule.</summary>
        public double Threshold { get; internal set; }

        public VerdictCriterion Criterion { get; internal set; }

        public int ParameterCount { get; internal set; }

        /// <summary>How many times the cost was evaluated.</summary>
        public long Evaluations { get; internal set; }

        public TimeSpan Elapsed { get; internal set; }

        /// <summary>J(θ) at the parameters checked.</summary>
        public double Cost { get; internal set; }

        /// <summary>
        /// The rounding noise σ of one evaluation of J, measured by ECnoise; NaN when it could not be measured.
        /// </summary>
        public double CostNoise { get; internal set; }

        /// <summary>The precision the cost's values showed: Single when every cost was a float32 number.</summary>
        public Precision Precision { get; internal set; }

        /// <summary>
        /// Whether the check, left to choose its precision, found float32 rounding in the costs and checked again in
        /// single precision (this result; its evaluations and time include the first check's).
        /// </summary>
        public bool SwitchedToSingle { get; internal set; }

        /// <summary>The gradient being checked, in flattening order.</summary>
        public double[] Analytic { get; internal set; }

        /// <summary>The centred differences, in flattening order.</summary>
        public double[] Numerical { get; internal set; }

        /// <summary>Per parameter block, each judged on its own.</summary>
        public BlockResult[] Blocks { get; internal set; }

        /// <summary>The entries furthest outside their tolerance, worst first.</summary>
        public EntryResult[] Worst { get; internal set; }

        /// <summary>How many entries lie outside their tolerance.</summary>
        public int FailedCount { get; internal set; }

        /// <summary>How many entries were checked: all of them, or the sample.</summary>
        public int CheckedCount { get; internal set; }

        /// <summary>The positions checked when sampling; null when every entry was checked.</summary>
        public int[] SampledEntries { get; internal set; }

        /// <summary>The seed of the sample or of the random directions; null when nothing was random.</summary>
        public int? Seed { get; internal set; }

        /// <summary>
        /// How many checked entries are smaller than this ε can resolve: their tolerance exceeds both |g| and the
        /// numerical value, so agreement says little. A larger ε (or a sweep) may resolve them.
        /// </summary>
        public int UnresolvedCount { get; internal set; }

        /// <summary>How many checked entries (or directions) could not be judged at any step.</summary>
        public int InconclusiveCount { get; internal set; }

        /// <summary>
        /// How many entries sat at a kink (θ ± ε changed an activation's branch) and were judged one-sided.
        /// </summary>
        public int KinkCount { get; internal set; }

        /// <summary>
        /// The root-mean-square of the numerical derivatives' estimated errors σ: smaller is a better ε.
        /// </summary>
        public double NumericalError { get; internal set; }

        /// <summary>
        /// In a step-size sweep (several -Epsilon), true on the ε with the smallest <see cref="NumericalError"/>.
        /// </summary>
        public bool BestEpsilon { get; set; }

        /// <summary>The names of the blocks that fail, in layout order.</summary>
        public string[] FailedBlocks { get; internal set; }

        public ParameterLayout Layout { get; internal set; }

        /// <summary>One line a person can act on.</summary>
        public string Message { get; internal set; }

        public override string ToString() => Message;
    }
}
