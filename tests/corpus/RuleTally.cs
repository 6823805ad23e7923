// Part of the corpus in Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Corpus
{
    /// <summary>Per-rule counts over a corpus.</summary>
    public sealed class RuleTally
    {
        public VerdictRule Rule { get; set; }

        public string Title => Rules.Title(Rule);

        public int Cases { get; set; }

        public int CleanCases { get; set; }

        public int FalseAlarms { get; set; }

        /// <summary>Bugs with effect ≥ 1e-3.</summary>
        public int LargeBugs { get; set; }

        public int Missed { get; set; }

        /// <summary>Bugs with effect &lt; 1e-3.</summary>
        public int SmallBugs { get; set; }

        public int MissedSmall { get; set; }

        /// <summary>
        /// Bugs of effect ≥ 1e-3 passed while below resolution (counted apart from <see cref="Missed"/>).
        /// </summary>
        public int BelowResolution { get; set; }

        /// <summary>Bugs of effect ≥ 1e-3 that are below resolution, whatever the rule did.</summary>
        public int UnresolvableBugs { get; set; }

        /// <summary>Bugs caught (failed), whether named right or not.</summary>
        public int Caught { get; set; }

        public int WronglyNamed { get; set; }

        /// <summary>
        /// Of <see cref="WronglyNamed"/>, those that still name every block the bug changes by ≥ 1e-3 and nothing else.
        /// </summary>
        public int WronglyNamedOnlyMinorBlocks { get; set; }
    }
}
