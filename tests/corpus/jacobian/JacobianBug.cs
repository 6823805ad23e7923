// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>One buggy backward pass of a case, as the python script's numpy version computes it.</summary>
    public sealed class JacobianBug
    {
        public string Kind { get; set; }

        public string Description { get; set; }

        /// <summary>The buggy Jacobian, (outputs × inputs) row-major: row i is the buggy vjp of e_i.</summary>
        public double[] Jacobian { get; set; }

        /// <summary>The buggy vjp of the case's upstream dout.</summary>
        public double[] Vjp { get; set; }

        /// <summary>The (output ← input) pairs the bug changes at all, in the layouts' order.</summary>
        public string[] Changed { get; set; }

        /// <summary>Per changed pair, max |J_bug − J| / max |J| over the pair (1e300 standing for ∞).</summary>
        public Dictionary<string, double> Effect { get; set; }

        /// <summary>Per changed pair, max |J_bug − J_hand| over u·yscale_i/ε (ε = 1e-7), from the python
        /// script.</summary>
        public Dictionary<string, double> Resolvability { get; set; }

        /// <summary>Per input block of a changed pair, max |vjp_bug − vjp| / max |vjp|.</summary>
        public Dictionary<string, double> VjpEffect { get; set; }

        /// <summary>Per input block of a changed pair, max |vjp_bug − vjp_hand| over
        /// u·Σ_i |dout_i|·yscale_i/ε.</summary>
        public Dictionary<string, double> VjpResolvability { get; set; }

        /// <summary>The bug changes only columns of inputs that sit exactly on a kink: no finite difference can
        /// tell it from the truth.</summary>
        public bool KinkOnly { get; set; }

        /// <summary>For a kink-only bug: each changed column is one of torch's one-sided columns there.</summary>
        public bool OneSided { get; set; }
    }
}
