using System;

namespace GradCheck
{
    /// <summary>How to check.</summary>
    public sealed class CheckOptions
    {
        private double _epsilon = Tolerances.DefaultEpsilon;

        /// <summary>
        /// The step h of the centred difference: the course's 1e-7 unless set, or in single precision
        /// <see cref="Tolerances.SingleStep"/>·max(1, |θᵢ|).
        /// </summary>
        public double Epsilon
        {
            get => _epsilon;
            set
            {
                _epsilon = value;
                EpsilonGiven = true;
            }
        }

        /// <summary>Whether <see cref="Epsilon"/> was set, rather than left to the precision's default.</summary>
        public bool EpsilonGiven { get; private set; }

        /// <summary>The threshold of the course's rule.</summary>
        public double Threshold { get; set; } = Tolerances.DefaultThreshold;

        public VerdictCriterion Criterion { get; set; } = VerdictCriterion.ErrorAware;

        /// <summary>How many of the worst entries the result lists.</summary>
        public int Top { get; set; } = 5;

        public CheckMethod Method { get; set; } = CheckMethod.FiniteDifference;

        /// <summary>
        /// The precision the cost is computed in. Null: the objective's own word (<see cref="IDeclaresPrecision"/>),
        /// else Double, switching to Single when the costs turn out to carry float32 rounding. Single steps θ on
        /// the float32 grid, by <see cref="Tolerances.SingleStep"/>·max(1, |θᵢ|) unless ε is given, and floors the
        /// cost's noise at <see cref="Tolerances.SingleEpsilon"/>·|J|.
        /// </summary>
        public Precision? Precision { get; set; }

        /// <summary>
        /// Measure every entry's truncation error (±2h for all), not only where it could change the verdict.
        /// A step-size sweep needs it to compare the numerical error of each ε.
        /// </summary>
        public bool AlwaysMeasureTruncation { get; set; }

        /// <summary>Check this many entries, stratified by block; 0 checks them all.</summary>
        public int Sample { get; set; }

        /// <summary>Random directional derivatives to check instead of entries; 0 checks entries.</summary>
        public int Directions { get; set; }

        /// <summary>The seed of the sample or the directions; null draws one (and the result shows it).</summary>
        public int? Seed { get; set; }

        /// <summary>Threads for objectives that can evaluate in parallel; 0 or less means every core.</summary>
        public int MaxDegreeOfParallelism { get; set; }

        /// <summary>
        /// For a Jacobian check: the upstream gradient u (in the output layout's order) whose vector-Jacobian product
        /// alone is judged, as a scalar check of ⟨u, f(x)⟩; null checks the whole Jacobian.
        /// </summary>
        public double[] OutputGradient { get; set; }

        /// <summary>
        /// For a Jacobian check: how far two calls of Backward with the same arguments may differ, entry by entry
        /// (torch's nondet_tol); 0 asks for the same bits, as deterministic code gives.
        /// </summary>
        public double NondeterministicTolerance { get; set; }

        /// <summary>A copy whose later changes leave this one as it is.</summary>
        public CheckOptions Clone() => (CheckOptions)MemberwiseClone();

        /// <summary>max(1, max|θᵢ|): a step along a direction that moves every entry on the float32 grid.</summary>
        private static double LargestScale(double[] theta)
        {
            double largest = 1;
            if (theta != null)
                foreach (double t in theta)
                    if (Math.Abs(t) > largest) largest = Math.Abs(t);
            return largest;
        }

        /// <summary>A copy whose ε is left to the precision's default again.</summary>
        internal CheckOptions WithDefaultEpsilon()
        {
            var options = Clone();
            options._epsilon = Tolerances.DefaultEpsilon;
            options.EpsilonGiven = false;
            return options;
        }

        /// <summary>
        /// A copy for a check in <paramref name="precision"/>: in single precision, ε left unset becomes
        /// <see cref="Tolerances.SingleStep"/> for entries (still counted as unset, so that entries scale it by
        /// max(1, |θᵢ|)), and <see cref="Tolerances.SingleBestStep"/>·max(1, max|θᵢ|) for directions and the Taylor
        /// test, which search no larger step.
        /// </summary>
        internal CheckOptions For(Precision precision, double[] theta = null)
        {
            var options = Clone();
            options.Precision = precision;
            switch (precision)
            {
                case GradCheck.Precision.Double: break;
                case GradCheck.Precision.Single:
                    if (!EpsilonGiven)
                        options._epsilon = GradientChecker.ModeOf(this) == CheckMode.Entries ? Tolerances.SingleStep
                            : Tolerances.SingleBestStep * LargestScale(theta);
                    break;
                default: throw new ArgumentOutOfRangeException(nameof(precision), precision, "No such precision.");
            }
            return options;
        }

        /// <summary>Throws a <see cref="GradCheckException"/> naming the first invalid option.</summary>
        public void Validate()
        {
            if (!(Epsilon > 0) || double.IsInfinity(Epsilon))
                throw new GradCheckException(ErrorIds.EpsilonInvalid, GradCheckErrorKind.InvalidArgument, Epsilon,
                    Text.Format("EpsilonInvalid", Format.Number(Epsilon)));
            // The course's difference is at most 1: a threshold of 1 or more would pass any gradient (2e7 for 2e-7).
            if (!(Threshold >= 0 && Threshold < 1))
                throw new GradCheckException(ErrorIds.ThresholdInvalid, GradCheckErrorKind.InvalidArgument, Threshold,
                    Text.Format("ThresholdInvalid", Format.Number(Threshold)));
            if (Sample < 0 || Directions < 0)
                throw new GradCheckException(ErrorIds.SampleInvalid, GradCheckErrorKind.InvalidArgument,
                    Sample < 0 ? Sample : Directions,
                    Text.Format("SampleInvalid", Sample < 0 ? Sample : Directions));
            if (Sample > 0 && Directions > 0)
                throw new GradCheckException(ErrorIds.ModeConflict, GradCheckErrorKind.InvalidArgument, Directions,
                    Text.Format("ModeConflictSampleDirections", Sample, Directions));
            if (Method == CheckMethod.Taylor && (Sample > 0 || Directions > 0 || Criterion == VerdictCriterion.Course))
                throw new GradCheckException(ErrorIds.ModeConflict, GradCheckErrorKind.InvalidArgument, Method,
                    Text.Format("ModeConflictTaylor"));
            if (!(NondeterministicTolerance >= 0) || double.IsInfinity(NondeterministicTolerance))
                throw new GradCheckException(ErrorIds.NondeterministicToleranceInvalid,
                    GradCheckErrorKind.InvalidArgument, NondeterministicTolerance,
                    Text.Format("NondeterministicToleranceInvalid", Format.Number(NondeterministicTolerance)));
            if (Top < 0)
                throw new GradCheckException(ErrorIds.TopInvalid, GradCheckErrorKind.InvalidArgument, Top,
                    Text.Format("TopInvalid", Top));
        }

        internal int DegreeOfParallelism =>
            MaxDegreeOfParallelism > 0 ? MaxDegreeOfParallelism : Environment.ProcessorCount;
    }
}
