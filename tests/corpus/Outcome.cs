// Part of the corpus in Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Corpus
{
    /// <summary>How a rule's verdict on a case counts.</summary>
    public enum Outcome
    {
        /// <summary>No bug, passed.</summary>
        Clean,

        /// <summary>No bug, failed.</summary>
        FalseAlarm,

        /// <summary>A bug, failed, and the named blocks are exactly the affected ones.</summary>
        Caught,

        /// <summary>A bug, failed, but the named blocks are not exactly the affected ones.</summary>
        WronglyNamed,

        /// <summary>A bug with effect ≥ 1e-3, passed.</summary>
        Missed,

        /// <summary>A bug with effect &lt; 1e-3, passed.</summary>
        MissedSmall,

        /// <summary>
        /// A bug of effect ≥ 1e-3 that passed, but in every block it changes by ≥ 1e-3 it moves J(θ ± ε) by less than
        /// one rounding unit of J (resolvability &lt; 1): no finite difference at this ε can see it.
        /// </summary>
        BelowResolution,
    }
}
