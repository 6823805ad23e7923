namespace GradCheck
{
    /// <summary>One random direction v of a directional or Taylor check.</summary>
    public sealed class DirectionResult
    {
        /// <summary>0-based index of the direction; the block name when localising a failure.</summary>
        public string Name { get; internal set; }

        /// <summary>g·v.</summary>
        public double Analytic { get; internal set; }

        /// <summary>(J(θ+hv) − J(θ−hv)) / 2h.</summary>
        public double Numerical { get; internal set; }

        public double AbsError { get; internal set; }

        public double Tolerance { get; internal set; }

        public bool Kink { get; internal set; }

        /// <summary>Correct, Wrong, or Inconclusive when no finite difference along v could be judged.</summary>
        public CheckVerdict Verdict { get; internal set; }

        /// <summary>Whether <see cref="Verdict"/> is Correct.</summary>
        public bool Passed => Verdict == CheckVerdict.Correct;
    }
}
