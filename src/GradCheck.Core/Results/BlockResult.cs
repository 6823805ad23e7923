using System;

namespace GradCheck
{
    /// <summary>The verdict on one parameter block.</summary>
    public sealed class BlockResult
    {
        public string Name { get; internal set; }

        public int[] Shape { get; internal set; }

        public int Count { get; internal set; }

        /// <summary>The course's relative difference restricted to this block.</summary>
        public double Difference { get; internal set; }

        /// <summary>max |gᵢ − g̃ᵢ| over the block.</summary>
        public double MaxAbsError { get; internal set; }

        /// <summary>max |gᵢ − g̃ᵢ| / toleranceᵢ over the block: above 1 means an entry fails.</summary>
        public double MaxToleranceRatio { get; internal set; }

        /// <summary>How many entries of the block lie outside their tolerance.</summary>
        public int FailedCount { get; internal set; }

        /// <summary>How many entries of the block were checked.</summary>
        public int CheckedCount { get; internal set; }

        /// <summary>How many checked entries sat at a kink.</summary>
        public int KinkCount { get; internal set; }

        /// <summary>How many checked entries could not be judged at any step.</summary>
        public int InconclusiveCount { get; internal set; }

        /// <summary>
        /// Correct, Wrong, or Inconclusive when some of its entries could not be judged and none failed.
        /// </summary>
        public CheckVerdict Verdict { get; internal set; }

        /// <summary>Whether <see cref="Verdict"/> is Correct.</summary>
        public bool Passed
        {
            get => Verdict == CheckVerdict.Correct;
            internal set => Verdict = value ? CheckVerdict.Correct : CheckVerdict.Wrong;
        }

        public override string ToString() => Name + ShapeText.Format(Shape) + " " + Verdict;
    }
}
