// Part of the corpus in UserCorpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>Counts of one rule over a set of rows (a family, a condition, or all).</summary>
    public sealed class UserTally
    {
        public string Group { get; set; }

        public UserRule Rule { get; set; }

        public int Clean { get; set; }

        public int FalseAlarms { get; set; }

        public int CleanInconclusive { get; set; }

        public int Resolvable { get; set; }

        public int Missed { get; set; }

        public int BugInconclusive { get; set; }

        /// <summary>Resolvable bugs called Wrong.</summary>
        public int Caught { get; set; }

        public int WronglyNamed { get; set; }

        /// <summary>Of the caught resolvable bugs, those naming a block the bug leaves unchanged.</summary>
        public int InnocentBlamed { get; set; }

        public int Unresolvable { get; set; }

        public int UnresolvableCorrect { get; set; }

        public int UnresolvableWrong { get; set; }

        public int UnresolvableInconclusive { get; set; }
    }
}
