// Part of the corpus in UserCorpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>How a rule's verdict on one variant counts.</summary>
    public enum UserOutcome
    {
        /// <summary>Correct gradient, called Correct.</summary>
        Clean,

        /// <summary>Correct gradient, called Wrong.</summary>
        FalseAlarm,

        /// <summary>Correct gradient, called Inconclusive.</summary>
        CleanInconclusive,

        /// <summary>Resolvable bug, called Wrong, naming the blocks right.</summary>
        Caught,

        /// <summary>Resolvable bug, called Wrong, naming an unchanged block or leaving out a resolvable changed
        /// one.</summary>
        WronglyNamed,

        /// <summary>Resolvable bug, called Inconclusive.</summary>
        BugInconclusive,

        /// <summary>Resolvable bug, called Correct.</summary>
        Missed,

        /// <summary>A bug no finite difference at ε = 1e-7 can resolve (tallied apart, whatever the
        /// verdict).</summary>
        Unresolvable,
    }
}
