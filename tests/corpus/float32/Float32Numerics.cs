// Part of the corpus in Float32Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>The parts of torch's and JAX's rules that do not depend on the gradient, for one case and one
    /// forward.</summary>
    public sealed class Float32Numerics
    {
        /// <summary>torch's numerical derivative: ((J(θᵢ + 1e-6) − J(θᵢ − 1e-6)) / 2e-6, all in float32.</summary>
        public float[] Torch { get; set; }

        /// <summary>JAX's numerical JVP along the tangent: (J(θ + 1e-4·v) − J(θ − 1e-4·v)) · 5000, in
        /// float32.</summary>
        public float Jvp { get; set; }

        /// <summary>|J_C# − J_torch| over θ and the probes, in units of max(ulp(J), σ_torch).</summary>
        public double Fidelity { get; set; }

        /// <summary>The largest |J_C# − J_torch| over θ and the probes, in float32 ulps of J.</summary>
        public double FidelityUlps { get; set; }

        /// <summary>The RMS of J_C#32 − J_torch64 over the probes: the C# float32 forward's own rounding.</summary>
        public double Sigma { get; set; }

        /// <summary>The RMS of J_torch32 − J_torch64 over the probes: torch's float32 forward's rounding.</summary>
        public double TorchSigma { get; set; }

        /// <summary>The spacing of floats at |J|.</summary>
        public double Ulp { get; set; }

        /// <summary>ν = max(2⁻²⁴·|J|, σ): the rounding of one float32 cost.</summary>
        public double Nu { get; set; }
    }
}
