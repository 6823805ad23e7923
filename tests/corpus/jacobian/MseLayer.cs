// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>loss[n] = mean_d (pred[n,d] − target[n,d])².</summary>
    public sealed class MseLayer : JacobianLayer
    {
        public MseLayer(JacobianCase c, string bug) : base(c, bug) { }

        protected override void Forward(double[] t, double[] y)
        {
            int n = D("N"), d = D("D"), p = In("pred"), q = In("target");
            for (int r = 0; r < n; r++)
            {
                double s = 0;
                for (int k = 0; k < d; k++)
                {
                    double residual = t[p + r * d + k] - t[q + r * d + k];
                    s += residual * residual;
                }
                y[r] = s / d;
            }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), d = D("D"), p = In("pred"), q = In("target");
            for (int r = 0; r < n; r++)
                for (int k = 0; k < d; k++)
                {
                    double residual = t[p + r * d + k] - t[q + r * d + k];
                    double dp = 2 * residual / d * u[r];
                    g[p + r * d + k] = Is("missing-1/D") ? 2 * residual * u[r]
                        : Is("missing-2") ? residual / d * u[r] : dp;
                    g[q + r * d + k] = Is("target-wrong-sign") ? dp : -dp;
                }
        }
    }
}
