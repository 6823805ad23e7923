// Part of the corpus in Float32Layers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>h = relu(x W + b) or leaky_relu(·, slope); L = Σ R ⊙ h.</summary>
    public sealed class ReLULayer32 : Float32Layer
    {
        private readonly float _slope;

        public ReLULayer32(Float32Case c, float[] g, float slope) : base(c, g) { _slope = slope; }

        public override float Loss(float[] t)
        {
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), D("N"), D("D"), D("M"));
            var r = Case["R"];
            float s = 0;
            for (int i = 0; i < z.Length; i++) s += r[i] * (z[i] > 0 ? z[i] : _slope * z[i]);
            return s;
        }
    }
}
