using System;

namespace GradCheck
{
    /// <summary>One entry of the gradient, compared.</summary>
    public sealed class EntryResult
    {
        public string Block { get; internal set; }

        /// <summary>The numpy index within the block, e.g. "[1,3]".</summary>
        public string Index { get; internal set; }

        /// <summary>"W2[1,3]".</summary>
        public string Name { get; internal set; }

        /// <summary>Index in the flat vector.</summary>
        public int Position { get; internal set; }

        public double Analytic { get; internal set; }

        /// <summary>The centred difference (the course's gradapprox).</summary>
        public double Numerical { get; internal set; }

        /// <summary>
        /// The estimate the entry is judged against: the centred difference, or a one-sided one at a kink.
        /// </summary>
        public double Reference { get; internal set; }

        public EstimateMethod Method { get; internal set; }

        /// <summary>
        /// The step of <see cref="Reference"/>: ε, or a hundred times ε when a suspect was looked at again.
        /// </summary>
        public double Step { get; internal set; }

        /// <summary>θ ± ε crosses a kink of the cost here.</summary>
        public bool Kink { get; internal set; }

        /// <summary>|g − g̃|.</summary>
        public double AbsError { get; internal set; }

        /// <summary>|g − g̃| / (|g| + |g̃|).</summary>
        public double RelError { get; internal set; }

        /// <summary>How large |g − Reference| may be before the entry fails: EntrySafetyFactor · σ.</summary>
        public double Tolerance { get; internal set; }

        /// <summary>|g − Reference| / Tolerance: above 1 fails.</summary>
        public double ToleranceRatio { get; internal set; }

        /// <summary>Correct, Wrong, or Inconclusive when no step gave a finite difference to judge it by.</summary>
        public CheckVerdict Verdict { get; internal set; }

        /// <summary>Whether <see cref="Verdict"/> is Correct.</summary>
        public bool Passed => Verdict == CheckVerdict.Correct;

        public override string ToString() => Name;
    }
}
