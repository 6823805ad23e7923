// Part of the corpus in UserLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>h_t = tanh(x_t Wx + h_{t−1} Wh + b); L = Σ_t Σ R_t ⊙ h_t.</summary>
    public sealed class RnnLayer : UserLayer
    {
        public RnnLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int steps = D("T"), n = D("N"), d = D("D"), hidden = D("H");
            var xs = Case["xs"];
            var r = Case["R"];
            var h = new double[n * hidden];
            Array.Copy(t, At("h0"), h, 0, h.Length);
            double total = 0;
            for (int s = 0; s < steps; s++)
            {
                var a = Affine(xs, s * n * d, t, At("Wx"), null, -1, n, d, hidden);
                var b = Affine(h, 0, t, At("Wh"), t, At("b"), n, hidden, hidden);
                for (int i = 0; i < h.Length; i++)
                {
                    h[i] = Math.Tanh(a[i] + b[i]);
                    total += r[s * n * hidden + i] * h[i];
                }
            }
            return total;
        }
    }
}
