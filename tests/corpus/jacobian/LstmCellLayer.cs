// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>One LSTM step, gates (i, f, o, g) = (σ, σ, σ, tanh)(x Wx + h Wh + b); c1 = f c + i g;
    /// h1 = o tanh(c1). Outputs h1 and c1.</summary>
    public sealed class LstmCellLayer : JacobianLayer
    {
        public LstmCellLayer(JacobianCase c, string bug) : base(c, bug) { }

        /// <summary>The pre-activations a = x Wx + h Wh + b (N × 4H).</summary>
        private double[] Gates(double[] t)
        {
            int n = D("N"), d = D("D"), hidden = D("H"), four = 4 * hidden;
            var ax = MatMul(Get(t, "x"), Get(t, "Wx"), n, d, four);
            var ah = MatMul(Get(t, "h"), Get(t, "Wh"), n, hidden, four);
            var b = Get(t, "b");
            for (int i = 0; i < ax.Length; i++) ax[i] += ah[i] + b[i % four];
            return ax;
        }

        protected override void Forward(double[] t, double[] y)
        {
            int n = D("N"), hidden = D("H"), four = 4 * hidden, c = In("c");
            var a = Gates(t);
            var h1 = new double[n * hidden];
            var c1 = new double[n * hidden];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < hidden; j++)
                {
                    int o = r * four, i = r * hidden + j;
                    double gi = Sigmoid(a[o + j]), gf = Sigmoid(a[o + hidden + j]);
                    double go = Sigmoid(a[o + 2 * hidden + j]), gg = Math.Tanh(a[o + 3 * hidden + j]);
                    c1[i] = gf * t[c + i] + gi * gg;
                    h1[i] = go * Math.Tanh(c1[i]);
                }
            Put(y, "h1", h1);
            Put(y, "c1", c1);
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), d = D("D"), hidden = D("H"), four = 4 * hidden, c = In("c"), uh = Out("h1"), uc = Out("c1");
            var a = Gates(t);
            var da = new double[n * four];
            var dcPrev = new double[n * hidden];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < hidden; j++)
                {
                    int o = r * four, i = r * hidden + j;
                    double gi = Sigmoid(a[o + j]), gf = Sigmoid(a[o + hidden + j]);
                    double go = Sigmoid(a[o + 2 * hidden + j]), gg = Math.Tanh(a[o + 3 * hidden + j]);
                    double c1 = gf * t[c + i] + gi * gg, tc = Math.Tanh(c1);
                    double dh = u[uh + i];
                    double dgo = dh * tc;
                    double dc = Is("ignores-dc-upstream") ? dh * go * (1 - tc * tc)
                        : Is("missing-tanh-derivative") ? u[uc + i] + dh * go
                        : u[uc + i] + dh * go * (1 - tc * tc);
                    double df = dc * t[c + i], di = dc * gg, dg = dc * gi;
                    dcPrev[i] = Is("missing-forget-factor") ? dc : dc * gf;
                    double dai = di * gi * (1 - gi), daf = df * gf * (1 - gf);
                    if (Is("gates-swapped")) { dai = df * gf * (1 - gf); daf = di * gi * (1 - gi); }
                    da[o + j] = dai;
                    da[o + hidden + j] = daf;
                    da[o + 2 * hidden + j] = dgo * go * (1 - go);
                    da[o + 3 * hidden + j] = dg * (1 - gg * gg);
                }
            Grad(g, "x", MatMul(da, Transpose(Get(t, "Wx"), d, four), n, four, d));
            Grad(g, "h", MatMul(da, Transpose(Get(t, "Wh"), hidden, four), n, four, hidden));
            Grad(g, "c", dcPrev);
            Grad(g, "Wx", MatMul(Transpose(Get(t, "x"), n, d), da, d, n, four));
            Grad(g, "Wh", MatMul(Transpose(Get(t, "h"), n, hidden), da, hidden, n, four));
            Grad(g, "b", SumRows(da, n, four));
        }
    }
}
