// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>y = x W + b (N×D · D×M), or x W without the bias.</summary>
    public sealed class AffineLayer : JacobianLayer
    {
        public AffineLayer(JacobianCase c, string bug) : base(c, bug) { }

        private bool HasBias => D("bias") != 0;

        protected override void Forward(double[] t, double[] y)
        {
            int n = D("N"), d = D("D"), m = D("M"), x = In("x"), w = In("W");
            for (int r = 0; r < n; r++)
                for (int j = 0; j < m; j++)
                {
                    double s = 0;
                    for (int k = 0; k < d; k++) s += t[x + r * d + k] * t[w + k * m + j];
                    y[r * m + j] = HasBias ? s + t[In("b") + j] : s;
                }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), d = D("D"), m = D("M"), x = In("x"), w = In("W");
            // dx = u Wᵀ (the bug: u · W.reshape(M, D), whose entry (j, k) is W's flat entry j·D + k).
            for (int r = 0; r < n; r++)
                for (int k = 0; k < d; k++)
                {
                    double s = 0;
                    for (int j = 0; j < m; j++)
                        s += u[r * m + j] * (Is("dx-reshaped-W") ? t[w + j * d + k] : t[w + k * m + j]);
                    g[x + r * d + k] = s;
                }
            // dW = xᵀ u (the bug: uᵀ x, an M×D matrix, its flat entries poured into the D×M block).
            for (int k = 0; k < d; k++)
                for (int j = 0; j < m; j++)
                {
                    double s = 0;
                    for (int r = 0; r < n; r++) s += t[x + r * d + k] * u[r * m + j];
                    if (Is("dW-mean")) s /= n;
                    if (Is("dW-reshaped")) g[w + j * d + k] = s;
                    else g[w + k * m + j] = s;
                }
            if (!HasBias) return;
            int b = In("b");
            for (int j = 0; j < m; j++)
            {
                double s = 0;
                for (int r = 0; r < n; r++) s += u[r * m + j];
                g[b + j] = Is("db-first-row") ? u[j] : Is("db-mean") ? s / n : s;
            }
        }
    }
}
