// Part of the corpus in Float32Layers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>out = x W + b; L = (1/2N) Σ (out − Y)².</summary>
    public sealed class AffineLayer32 : Float32Layer
    {
        public AffineLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            int n = D("N"), d = D("D"), m = D("M");
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), n, d, m);
            var y = Case["Y"];
            float s = 0;
            for (int i = 0; i < z.Length; i++)
            {
                float e = z[i] - y[i];
                s += e * e;
            }
            return s / (2 * n);
        }
    }
}
