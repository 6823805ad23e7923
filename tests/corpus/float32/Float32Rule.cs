// Part of the corpus in Float32Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    public enum Float32Rule
    {
        /// <summary>GradientChecker's verdict with CheckOptions.Precision = Precision.Single.</summary>
        OursSingle,

        /// <summary>GradientChecker's verdict at the default options (Precision and ε left unset), on the layer
        /// wrapped by SinglePrecisionObjective.Wrap.</summary>
        OursDefault,

        /// <summary>GradientChecker's verdict at the default options on the layer behind a double interface that
        /// does not declare its precision (<see cref="UndeclaredFloat32Objective"/>).</summary>
        OursUndeclared,

        /// <summary>torch.autograd.gradcheck's defaults on a float32 input: θᵢ ± 1e-6 and the difference in float32,
        /// every entry |a − n| ≤ 1e-5 + 1e-3·|n|.</summary>
        Torch,

        /// <summary>JAX's check_grads(f, (θ,), order=1, modes=["rev"]) in float32: one random projection, eps =
        /// 1e-4, |ip − ip_num| ≤ 2e-3 + 2e-3·|ip_num|. It names no block.</summary>
        Jax,
    }
}
