// Part of the corpus in Float32Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>How a rule's verdict on one variant counts.</summary>
    public enum Float32Outcome
    {
        /// <summary>Correct gradient, called Correct.</summary>
        Clean,

        /// <summary>Correct gradient, called Wrong.</summary>
        FalseAlarm,

        /// <summary>Correct gradient, called Inconclusive.</summary>
        CleanInconclusive,

        /// <summary>Resolvable bug, called Wrong, naming the blocks right (JAX: called Wrong).</summary>
        Caught,

        /// <summary>Resolvable bug, called Wrong, naming an unchanged block or leaving out a resolvable changed
        /// one.</summary>
        WronglyNamed,

        /// <summary>Resolvable bug, called Inconclusive.</summary>
        BugInconclusive,

        /// <summary>Resolvable bug, called Correct.</summary>
        Missed,

        /// <summary>A bug float32 cannot resolve by the rule of <see cref="Float32Judge.ResolutionFactor"/>
        /// (tallied apart, whatever the verdict).</summary>
        Unresolvable,
    }
}
