// Part of the corpus in JacobianCorpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>How a rule's verdict on one variant counts.</summary>
    public enum JacobianOutcome
    {
        /// <summary>Correct backward, called Correct.</summary>
        Clean,

        /// <summary>Correct backward, called Wrong.</summary>
        FalseAlarm,

        /// <summary>Correct backward, called Inconclusive.</summary>
        CleanInconclusive,

        /// <summary>Resolvable bug, called Wrong, naming the pairs right.</summary>
        Caught,

        /// <summary>Resolvable bug, called Wrong, naming a pair it leaves unchanged or leaving out a pair it changes
        /// by ≥ 1e-3 relative and resolvably.</summary>
        WronglyNamed,

        /// <summary>Resolvable bug, called Inconclusive.</summary>
        BugInconclusive,

        /// <summary>Resolvable bug, called Correct.</summary>
        Missed,

        /// <summary>A bug no finite difference at ε = 1e-7 can resolve (tallied apart, whatever the verdict).</summary>
        Unresolvable,

        /// <summary>A bug that changes only the columns of inputs exactly on a kink (tallied apart).</summary>
        KinkOnly,
    }
}
