// Part of the corpus in UserCorpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>What one rule says: a verdict and the blocks it names as wrong.</summary>
    public sealed class UserVerdict
    {
        public CheckVerdict Verdict { get; set; }

        public string[] Named { get; set; }

        public override string ToString() => Verdict + (Named.Length > 0 ? " {" + string.Join(",", Named) + "}" : "");
    }
}
