// Part of the corpus in Float32Layers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>LSTM steps with gates (i, f, o, g) = (σ, σ, σ, tanh)(x_t Wx + h Wh + b);
    /// L = Σ_t Σ R_t ⊙ h_t.</summary>
    public sealed class LstmLayer32 : Float32Layer
    {
        public LstmLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            int steps = D("T"), n = D("N"), d = D("D"), hidden = D("H"), four = 4 * hidden, bias = At("b");
            var xs = Case["xs"];
            var r = Case["R"];
            var h = new float[n * hidden];
            var c = new float[n * hidden];
            Array.Copy(t, At("h0"), h, 0, h.Length);
            Array.Copy(t, At("c0"), c, 0, c.Length);
            float total = 0;
            for (int s = 0; s < steps; s++)
            {
                var ax = Affine(xs, s * n * d, t, At("Wx"), null, -1, n, d, four);
                var ah = Affine(h, 0, t, At("Wh"), null, -1, n, hidden, four);
                // The pre-activation of gate column q in row `row`, grouped as (x Wx + h Wh) + b.
                Func<int, int, float> pre = (row, q) => ax[row * four + q] + ah[row * four + q] + t[bias + q];
                var next = new float[h.Length];
                float step = 0;
                for (int row = 0; row < n; row++)
                    for (int u = 0; u < hidden; u++)
                    {
                        float gi = Sigmoid(pre(row, u));
                        float gf = Sigmoid(pre(row, hidden + u));
                        float go = Sigmoid(pre(row, 2 * hidden + u));
                        float gg = MathF.Tanh(pre(row, 3 * hidden + u));
                        int i = row * hidden + u;
                        c[i] = gf * c[i] + gi * gg;
                        next[i] = go * MathF.Tanh(c[i]);
                        step += r[s * n * hidden + i] * next[i];
                    }
                total += step;
                h = next;
            }
            return total;
        }
    }
}
