// Part of the corpus in UserLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>Q, K, V = x Wq, x Wk, x Wv; A = softmax(Q Kᵀ / √dk) by rows; L = Σ R ⊙ (A V).</summary>
    public sealed class AttentionLayer : UserLayer
    {
        public AttentionLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int n = D("N"), d = D("D"), dk = D("K"), dv = D("V"), x = At("x");
            var q = Affine(t, x, t, At("Wq"), null, -1, n, d, dk);
            var k = Affine(t, x, t, At("Wk"), null, -1, n, d, dk);
            var v = Affine(t, x, t, At("Wv"), null, -1, n, d, dv);
            var r = Case["R"];
            double root = Math.Sqrt(dk), total = 0;
            var a = new double[n];
            for (int i = 0; i < n; i++)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int e = 0; e < dk; e++) s += q[i * dk + e] * k[j * dk + e];
                    a[j] = s / root;
                    max = Math.Max(max, a[j]);
                }
                for (int j = 0; j < n; j++) { a[j] = Math.Exp(a[j] - max); sum += a[j]; }
                for (int j = 0; j < n; j++) a[j] /= sum;
                for (int e = 0; e < dv; e++)
                {
                    double o = 0;
                    for (int j = 0; j < n; j++) o += a[j] * v[j * dv + e];
                    total += r[i * dv + e] * o;
                }
            }
            return total;
        }
    }
}
