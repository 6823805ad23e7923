// Part of the corpus in Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Corpus
{
    /// <summary>What one rule says about one check.</summary>
    public sealed class RuleVerdict
    {
        public VerdictRule Rule { get; set; }

        public bool Passed { get; set; }

        /// <summary>The blocks the rule names as wrong, in layout order.</summary>
        public string[] Named { get; set; }

        public override string ToString() => Passed ? "passed" : "failed: " + string.Join(",", Named);
    }
}
