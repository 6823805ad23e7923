// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>Layer norm (statistics over each row) or batch norm in training mode (over the batch):
    /// y = γ (x − μ)/√(σ² + eps) + β, biased σ².</summary>
    public sealed class NormLayer : JacobianLayer
    {
        private readonly bool _overBatch;

        public NormLayer(JacobianCase c, string bug, bool overBatch) : base(c, bug) { _overBatch = overBatch; }

        // Groups: columns for batch norm, rows for layer norm; Index(g, k) is the k-th member of group g.
        private int Groups => _overBatch ? D("D") : D("N");

        private int Size => _overBatch ? D("N") : D("D");

        private int Index(int group, int k) => _overBatch ? k * D("D") + group : group * D("D") + k;

        /// <summary>x̂ and, per group, √(σ² + eps).</summary>
        private void Normalise(double[] t, double[] xhat, double[] sd)
        {
            int x = In("x");
            double eps = Case["eps"][0];
            for (int g = 0; g < Groups; g++)
            {
                double mean = 0, variance = 0;
                for (int k = 0; k < Size; k++) mean += t[x + Index(g, k)];
                mean /= Size;
                for (int k = 0; k < Size; k++)
                    variance += (t[x + Index(g, k)] - mean) * (t[x + Index(g, k)] - mean);
                variance /= Size;
                sd[g] = Math.Sqrt(variance + eps);
                for (int k = 0; k < Size; k++) xhat[Index(g, k)] = (t[x + Index(g, k)] - mean) / sd[g];
            }
        }

        protected override void Forward(double[] t, double[] y)
        {
            int d = D("D"), gamma = In("gamma"), beta = In("beta");
            var xhat = new double[y.Length];
            Normalise(t, xhat, new double[Groups]);
            for (int i = 0; i < y.Length; i++) y[i] = t[gamma + i % d] * xhat[i] + t[beta + i % d];
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int d = D("D"), x = In("x"), gamma = In("gamma"), beta = In("beta");
            var xhat = new double[u.Length];
            var sd = new double[Groups];
            Normalise(t, xhat, sd);
            for (int grp = 0; grp < Groups; grp++)
            {
                double sumD = 0, sumDx = 0;
                for (int k = 0; k < Size; k++)
                {
                    int i = Index(grp, k);
                    double dxhat = u[i] * t[gamma + i % d];
                    sumD += dxhat;
                    sumDx += dxhat * xhat[i];
                }
                double meanD = Is("means-as-sums") ? sumD : sumD / Size;
                double meanDx = Is("means-as-sums") ? sumDx : sumDx / Size;
                for (int k = 0; k < Size; k++)
                {
                    int i = Index(grp, k);
                    double dxhat = u[i] * t[gamma + i % d];
                    g[x + i] = Is("missing-mean-term") ? (dxhat - xhat[i] * meanDx) / sd[grp]
                        : Is("missing-variance-term") ? (dxhat - meanD) / sd[grp]
                        : (dxhat - meanD - xhat[i] * meanDx) / sd[grp];
                }
            }
            for (int i = 0; i < u.Length; i++)
            {
                g[gamma + i % d] += Is("dgamma-sum-dy") ? u[i] : u[i] * xhat[i];
                g[beta + i % d] += u[i];
            }
        }
    }
}
