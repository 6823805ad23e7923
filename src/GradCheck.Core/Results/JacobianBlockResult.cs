namespace GradCheck
{
    /// <summary>The verdict on the part of J that maps one input block to one output block.</summary>
    public sealed class JacobianBlockResult
    {
        /// <summary>"y ← W": the output block, and the input block it is differentiated by.</summary>
        public string Name { get; internal set; }

        public string Output { get; internal set; }

        public string Input { get; internal set; }

        /// <summary>
        /// The course's ‖A − N‖ / (‖A‖ + ‖N‖) over the block's checked entries; NaN in directional mode.
        /// </summary>
        public double Difference { get; internal set; }

        /// <summary>max |Aᵢⱼ − Nᵢⱼ| over the block.</summary>
        public double MaxAbsError { get; internal set; }

        /// <summary>max |Aᵢⱼ − Nᵢⱼ| / toleranceᵢⱼ over the block: above 1 means an entry fails.</summary>
        public double MaxToleranceRatio { get; internal set; }

        /// <summary>How many entries (or, in directional mode, directions) lie outside their tolerance.</summary>
        public int FailedCount { get; internal set; }

        public int CheckedCount { get; internal set; }

        /// <summary>How many checked entries could not be judged at any step.</summary>
        public int InconclusiveCount { get; internal set; }

        public CheckVerdict Verdict { get; internal set; }

        /// <summary>Whether <see cref="Verdict"/> is Correct.</summary>
        public bool Passed => Verdict == CheckVerdict.Correct;

        public override string ToString() => Name + " " + Verdict;
    }
}
