// Part of the corpus in UserLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>LSTM steps with gates (i, f, o, g) = (σ, σ, σ, tanh)(x_t Wx + h Wh + b);
    /// L = Σ_t Σ R_t ⊙ h_t.</summary>
    public sealed class LstmLayer : UserLayer
    {
        public LstmLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int steps = D("T"), n = D("N"), d = D("D"), hidden = D("H"), four = 4 * hidden;
            var xs = Case["xs"];
            var r = Case["R"];
            var h = new double[n * hidden];
            var c = new double[n * hidden];
            Array.Copy(t, At("h0"), h, 0, h.Length);
            Array.Copy(t, At("c0"), c, 0, c.Length);
            double total = 0;
            for (int s = 0; s < steps; s++)
            {
                var ax = Affine(xs, s * n * d, t, At("Wx"), null, -1, n, d, four);
                var ah = Affine(h, 0, t, At("Wh"), t, At("b"), n, hidden, four);
                var next = new double[h.Length];
                for (int row = 0; row < n; row++)
                    for (int u = 0; u < hidden; u++)
                    {
                        int o = row * four;
                        double gi = Sigmoid(ax[o + u] + ah[o + u]);
                        double gf = Sigmoid(ax[o + hidden + u] + ah[o + hidden + u]);
                        double go = Sigmoid(ax[o + 2 * hidden + u] + ah[o + 2 * hidden + u]);
                        double gg = Math.Tanh(ax[o + 3 * hidden + u] + ah[o + 3 * hidden + u]);
                        int i = row * hidden + u;
                        c[i] = gf * c[i] + gi * gg;
                        next[i] = go * Math.Tanh(c[i]);
                        total += r[s * n * hidden + i] * next[i];
                    }
                h = next;
            }
            return total;
        }
    }
}
