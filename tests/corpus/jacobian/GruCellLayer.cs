// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>One GRU step as torch.nn.GRUCell: r, z = σ(x Wx + bx + h Wh + bh), n = tanh(x Wx_n + bx_n +
    /// r ⊙ (h Wh_n + bh_n)), h1 = (1 − z) n + z h.</summary>
    public sealed class GruCellLayer : JacobianLayer
    {
        public GruCellLayer(JacobianCase c, string bug) : base(c, bug) { }

        private void Gates(double[] t, out double[] gx, out double[] gh)
        {
            int n = D("N"), d = D("D"), hidden = D("H"), three = 3 * hidden;
            gx = MatMul(Get(t, "x"), Get(t, "Wx"), n, d, three);
            gh = MatMul(Get(t, "h"), Get(t, "Wh"), n, hidden, three);
            var bx = Get(t, "bx");
            var bh = Get(t, "bh");
            for (int i = 0; i < gx.Length; i++)
            {
                gx[i] += bx[i % three];
                gh[i] += bh[i % three];
            }
        }

        protected override void Forward(double[] t, double[] y)
        {
            int n = D("N"), hidden = D("H"), three = 3 * hidden, h = In("h");
            Gates(t, out var gx, out var gh);
            for (int row = 0; row < n; row++)
                for (int j = 0; j < hidden; j++)
                {
                    int o = row * three, i = row * hidden + j;
                    double r = Sigmoid(gx[o + j] + gh[o + j]);
                    double z = Sigmoid(gx[o + hidden + j] + gh[o + hidden + j]);
                    double nn = Math.Tanh(gx[o + 2 * hidden + j] + r * gh[o + 2 * hidden + j]);
                    y[i] = (1 - z) * nn + z * t[h + i];
                }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), d = D("D"), hidden = D("H"), three = 3 * hidden, h = In("h"), bh = In("bh");
            Gates(t, out var gx, out var gh);
            var dgx = new double[n * three];
            var dgh = new double[n * three];
            var dbh = new double[n * three];
            var direct = new double[n * hidden];
            for (int row = 0; row < n; row++)
                for (int j = 0; j < hidden; j++)
                {
                    int o = row * three, i = row * hidden + j;
                    double r = Sigmoid(gx[o + j] + gh[o + j]);
                    double z = Sigmoid(gx[o + hidden + j] + gh[o + hidden + j]);
                    double hn = gh[o + 2 * hidden + j];
                    double nn = Math.Tanh(gx[o + 2 * hidden + j] + r * hn);
                    double dn = u[i] * (1 - z);
                    double dz = Is("update-gate-sign") ? u[i] * (nn - t[h + i]) : u[i] * (t[h + i] - nn);
                    double dan = dn * (1 - nn * nn);
                    // The paper's GRU puts bh_n outside r ⊙ (·): its backward reads r's input without bh_n and
                    // passes dan to bh_n unscaled.
                    double dr = Is("reset-outside") ? dan * (hn - t[bh + 2 * hidden + j]) : dan * hn;
                    double dar = dr * r * (1 - r), daz = dz * z * (1 - z);
                    dgx[o + j] = dar;
                    dgx[o + hidden + j] = daz;
                    dgx[o + 2 * hidden + j] = dan;
                    dgh[o + j] = dar;
                    dgh[o + hidden + j] = daz;
                    dgh[o + 2 * hidden + j] = dan * r;
                    dbh[o + j] = dar;
                    dbh[o + hidden + j] = daz;
                    dbh[o + 2 * hidden + j] = Is("reset-outside") ? dan : dan * r;
                    direct[i] = Is("missing-direct-path") ? 0 : u[i] * z;
                }
            var dh = MatMul(dgh, Transpose(Get(t, "Wh"), hidden, three), n, three, hidden);
            for (int i = 0; i < dh.Length; i++) dh[i] += direct[i];
            Grad(g, "x", MatMul(dgx, Transpose(Get(t, "Wx"), d, three), n, three, d));
            Grad(g, "h", dh);
            Grad(g, "Wx", MatMul(Transpose(Get(t, "x"), n, d), dgx, d, n, three));
            Grad(g, "Wh", MatMul(Transpose(Get(t, "h"), n, hidden), dgh, hidden, n, three));
            Grad(g, "bx", SumRows(dgx, n, three));
            Grad(g, "bh", SumRows(dbh, n, three));
        }
    }
}
