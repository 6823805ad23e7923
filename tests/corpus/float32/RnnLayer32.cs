// Part of the corpus in Float32Layers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>h_t = tanh(x_t Wx + h_{t−1} Wh + b); L = Σ_t Σ R_t ⊙ h_t.</summary>
    public sealed class RnnLayer32 : Float32Layer
    {
        public RnnLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            int steps = D("T"), n = D("N"), d = D("D"), hidden = D("H"), bias = At("b");
            var xs = Case["xs"];
            var r = Case["R"];
            var h = new float[n * hidden];
            Array.Copy(t, At("h0"), h, 0, h.Length);
            float total = 0;
            for (int s = 0; s < steps; s++)
            {
                var a = Affine(xs, s * n * d, t, At("Wx"), null, -1, n, d, hidden);
                var b = Affine(h, 0, t, At("Wh"), null, -1, n, hidden, hidden);
                float step = 0;
                for (int i = 0; i < h.Length; i++)
                {
                    h[i] = MathF.Tanh(a[i] + b[i] + t[bias + i % hidden]);
                    step += r[s * n * hidden + i] * h[i];
                }
                total += step;
            }
            return total;
        }
    }
}
