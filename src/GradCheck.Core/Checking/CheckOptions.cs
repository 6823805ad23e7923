using System;

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

    /// <summary>How to check.</summary>
    public sealed class CheckOptions
    {
        /// <summary>The step h of the centred difference.</summary>
        public double Epsilon { get; set; } = Tolerances.DefaultEpsilon;

        /// <summary>The threshold of the course's rule.</summary>
        public double Threshold { get; set; } = Tolerances.DefaultThreshold;

        public VerdictCriterion Criterion { get; set; } = VerdictCriterion.ErrorAware;

        /// <summary>How many of the worst entries the result lists.</summary>
        public int Top { get; set; } = 5;

        /// <summary>Threads for objectives that can evaluate in parallel; 0 or less means every core.</summary>
        public int MaxDegreeOfParallelism { get; set; }

        /// <summary>Throws a <see cref="GradCheckException"/> naming the first invalid option.</summary>
        public void Validate()
        {
            if (!(Epsilon > 0) || double.IsInfinity(Epsilon))
                throw new GradCheckException(ErrorIds.EpsilonInvalid, GradCheckErrorKind.InvalidArgument, Epsilon,
                    $"Epsilon must be a finite number greater than 0, such as 1e-7; it was {Format.Number(Epsilon)}.");
            if (!(Threshold >= 0) || double.IsInfinity(Threshold))
                throw new GradCheckException(ErrorIds.ThresholdInvalid, GradCheckErrorKind.InvalidArgument, Threshold,
                    $"Threshold must be a finite number of at least 0, such as 2e-7; it was {Format.Number(Threshold)}.");
            if (Top < 0)
                throw new GradCheckException(ErrorIds.TopInvalid, GradCheckErrorKind.InvalidArgument, Top,
                    $"Top must be 0 or more; it was {Top}.");
        }

        internal int DegreeOfParallelism => MaxDegreeOfParallelism > 0 ? MaxDegreeOfParallelism : Environment.ProcessorCount;
    }
}
