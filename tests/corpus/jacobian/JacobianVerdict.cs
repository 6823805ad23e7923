// Part of the corpus in JacobianCorpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>What one rule says: a verdict and the pairs (full mode) or input blocks (VJP mode) it names.</summary>
    public sealed class JacobianVerdict
    {
        public CheckVerdict Verdict { get; set; }

        public string[] Named { get; set; }

        public override string ToString() => Verdict + (Named.Length > 0 ? " {" + string.Join(", ", Named) + "}" : "");
    }
}
