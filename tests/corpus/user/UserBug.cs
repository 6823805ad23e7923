// Part of the corpus in UserLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>One buggy variant of a case: a hand-written backward pass with a bug, from the python script.</summary>
    public sealed class UserBug
    {
        public string Kind { get; set; }

        public string Description { get; set; }

        public double[] Gradient { get; set; }

        /// <summary>The blocks whose gradient the bug changes at all, in layout order.</summary>
        public string[] Changed { get; set; }

        /// <summary>Per changed block, ‖g_bug − g‖₂ / ‖g‖₂ (1e300 standing for ∞ when ‖g‖ =
        /// 0).</summary>
        public Dictionary<string, double> Change { get; set; }
    }
}
