// Part of the corpus in Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Corpus
{
    /// <summary>One planted bug and where it sits.</summary>
    public sealed class CorpusBug
    {
        public static readonly CorpusBug None = new CorpusBug { Kind = BugKind.None, Description = "no bug" };

        public BugKind Kind { get; set; }

        /// <summary>The layer (1-based) of layer bugs; 0 for block and entry bugs.</summary>
        public int Layer { get; set; }

        /// <summary>The block index of BlockScale, SignFlip and SingleEntry.</summary>
        public int Block { get; set; } = -1;

        /// <summary>The flat index of the SingleEntry bug.</summary>
        public int Entry { get; set; } = -1;

        /// <summary>The factor of BlockScale and of a scaled SingleEntry.</summary>
        public double Factor { get; set; } = 1;

        /// <summary>SingleEntry: replace the entry by <see cref="Value"/> instead of scaling it.</summary>
        public bool Replace { get; set; }

        public double Value { get; set; }

        /// <summary>MissingOneOverM: in dW (true) or db (false).</summary>
        public bool OnWeights { get; set; }

        public string Description { get; set; }

        public override string ToString() => Description;
    }
}
