// Part of the corpus in UserCorpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    public enum UserRule
    {
        /// <summary>GradientChecker's own verdict at ε = 1e-7, default options.</summary>
        Ours,

        /// <summary>The course's: Difference &lt; 2e-7 at ε = 1e-7.</summary>
        Course,

        /// <summary>torch's gradcheck defaults: every entry |a − n| ≤ 1e-5 + 1e-3·|n| at ε = 1e-6.</summary>
        Torch,
    }
}
