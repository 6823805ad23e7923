// Part of the corpus in Float32Layers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>h = relu(x W + b) ⊙ mask / keep; L = Σ R ⊙ h.</summary>
    public sealed class DropoutLayer32 : Float32Layer
    {
        public DropoutLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), D("N"), D("D"), D("M"));
            var r = Case["R"];
            var mask = Case["mask"];
            float keep = Case["keep"][0], s = 0;
            for (int i = 0; i < z.Length; i++) s += r[i] * (Math.Max(z[i], 0f) * mask[i] / keep);
            return s;
        }
    }
}
