// Part of the corpus in Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Corpus
{
    /// <summary>Caught / total for one kind of bug and one rule.</summary>
    public sealed class KindTally
    {
        public BugKind Kind { get; set; }

        public VerdictRule Rule { get; set; }

        public int Total { get; set; }

        /// <summary>Failed (detected), whatever blocks were named.</summary>
        public int Caught { get; set; }

        /// <summary>
        /// Failed, naming the blocks by the naming rule (<see cref="CaseRow.NamesResolvableBlocks"/>).
        /// </summary>
        public int NamedRight { get; set; }

        /// <summary>Failed, naming exactly the blocks the bug changes at all.</summary>
        public int NamedExactly { get; set; }

        /// <summary>For None: passed.</summary>
        public int Passed { get; set; }
    }
}
