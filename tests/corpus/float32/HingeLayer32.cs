// Part of the corpus in Float32Layers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>s = x W + b; L = (1/N) Σ_n Σ_{j≠y} max(0, s_j − s_y + 1).</summary>
    public sealed class HingeLayer32 : Float32Layer
    {
        public HingeLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            int n = D("N"), k = D("C");
            var s = Affine(t, At("x"), t, At("W"), t, At("b"), n, D("D"), k);
            var y = Case["y"];
            float total = 0;
            for (int r = 0; r < n; r++)
            {
                int label = (int)y[r];
                for (int j = 0; j < k; j++)
                    if (j != label) total += Math.Max(0f, s[r * k + j] - s[r * k + label] + 1f);
            }
            return total / n;
        }
    }
}
