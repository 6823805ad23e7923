// Part of the corpus in Float32Layers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>One buggy variant of a case: a hand-written float32 backward pass with a bug.</summary>
    public sealed class Float32Bug
    {
        public string Kind { get; set; }

        public string Description { get; set; }

        /// <summary>The buggy gradient under check, from the hand backward run in float32.</summary>
        public float[] Gradient { get; set; }

        /// <summary>The same backward, bug and all, run in float64: what the bug does, free of float32
        /// rounding.</summary>
        public double[] Gradient64 { get; set; }

        /// <summary>The blocks whose gradient the bug changes at all (in float64), in layout order.</summary>
        public string[] Changed { get; set; }

        /// <summary>Per changed block, ‖g_bug − g‖₂ / ‖g‖₂ in float64 (1e300 standing for ∞ when ‖g‖ = 0).</summary>
        public Dictionary<string, double> Change { get; set; }

        /// <summary>The largest of <see cref="Change"/>: the bug's effect relative to its block.</summary>
        public double Effect { get; set; }

        /// <summary>torch.autograd.gradcheck's own verdict on this variant, on torch's float32 forward.</summary>
        public bool TorchGradcheck { get; set; }

        /// <summary>The blocks torch's rule fails on torch's float32 forward.</summary>
        public string[] TorchFailed { get; set; }

        /// <summary>The emulated JAX check_vjp's verdict on torch's float32 forward.</summary>
        public bool JaxPassed { get; set; }
    }
}
