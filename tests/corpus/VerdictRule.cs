// Part of the corpus in Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Corpus
{
    /// <summary>The three rules under comparison.</summary>
    public enum VerdictRule
    {
        /// <summary>GradientChecker with default options: ε = 1e-7, error-aware, per block.</summary>
        GradCheck,

        /// <summary>The course's rule: difference &lt; 2e-7 at ε = 1e-7.</summary>
        Course,

        /// <summary>
        /// torch.autograd.gradcheck: centred differences at ε = 1e-6, |a − n| ≤ 1e-5 + 1e-3·|n| for every entry.
        /// </summary>
        Torch,
    }
}
