// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>y[n] = E[idx[n]] + pos[n], idx fixed data.</summary>
    public sealed class EmbeddingLayer : JacobianLayer
    {
        public EmbeddingLayer(JacobianCase c, string bug) : base(c, bug) { }

        protected override void Forward(double[] t, double[] y)
        {
            int n = D("N"), d = D("D"), e = In("E"), pos = In("pos");
            var idx = Case["idx"];
            for (int r = 0; r < n; r++)
                for (int k = 0; k < d; k++) y[r * d + k] = t[e + (int)idx[r] * d + k] + t[pos + r * d + k];
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), d = D("D"), v = D("V"), e = In("E"), pos = In("pos");
            var idx = Case["idx"];
            var count = new int[v];
            for (int r = 0; r < n; r++) count[(int)idx[r]]++;
            for (int r = 0; r < n; r++)
            {
                int row = Is("index-off-by-one") ? ((int)idx[r] + 1) % v : (int)idx[r];
                for (int k = 0; k < d; k++)
                {
                    if (Is("no-accumulate")) g[e + row * d + k] = u[r * d + k];
                    else if (Is("mean-over-repeats")) g[e + row * d + k] += u[r * d + k] / count[row];
                    else g[e + row * d + k] += u[r * d + k];
                    g[pos + r * d + k] = u[r * d + k];
                }
            }
        }
    }
}
