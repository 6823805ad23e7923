namespace GradCheck
{
    /// <summary>One entry ∂yᵢ/∂xⱼ of the Jacobian, compared.</summary>
    public sealed class JacobianEntryResult
    {
        /// <summary>"y[0,1] ← W[1,2]".</summary>
        public string Name { get; internal set; }

        /// <summary>The output entry's name, "y[0,1]"; in OutputGradient mode the projection, "⟨dy, y⟩".</summary>
        public string Output { get; internal set; }

        /// <summary>The input entry's name, "W[1,2]".</summary>
        public string Input { get; internal set; }

        /// <summary>Index of the output entry in the flat output; -1 for a projection.</summary>
        public int OutputPosition { get; internal set; }

        /// <summary>Index of the input entry in the flat input.</summary>
        public int InputPosition { get; internal set; }

        public double Analytic { get; internal set; }

        /// <summary>The centred difference.</summary>
        public double Numerical { get; internal set; }

        /// <summary>The estimate judged against: the centred difference, or a one-sided one at a kink.</summary>
        public double Reference { get; internal set; }

        public double AbsError { get; internal set; }

        /// <summary>How large |A − Reference| may be before the entry fails.</summary>
        public double Tolerance { get; internal set; }

        /// <summary>|A − Reference| / Tolerance: above 1 fails.</summary>
        public double ToleranceRatio { get; internal set; }

        public CheckVerdict Verdict { get; internal set; }

        public bool Passed => Verdict == CheckVerdict.Correct;

        public override string ToString() => Name;
    }
}
