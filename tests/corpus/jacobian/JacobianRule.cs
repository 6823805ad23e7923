// Part of the corpus in JacobianCorpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    public enum JacobianRule
    {
        /// <summary>JacobianChecker's verdict at ε = 1e-7, default options, full mode.</summary>
        Ours,

        /// <summary>JacobianChecker's verdict at ε = 1e-7 with OutputGradient = the case's dout.</summary>
        OursVjp,

        /// <summary>torch's gradcheck: the full Jacobian at ε = 1e-6, every entry |a − n| ≤ 1e-5 + 1e-3·|n|.</summary>
        Torch,

        /// <summary>The course's: ‖A − N‖ / (‖A‖ + ‖N‖) &lt; 2e-7 over the full Jacobian at ε = 1e-7.</summary>
        Course,
    }
}
