// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>Q, K, V = x Wq, x Wk, x Wv; A = softmax(Q Kᵀ/√dk) by rows; outputs out = A V and A.</summary>
    public sealed class AttentionLayer : JacobianLayer
    {
        public AttentionLayer(JacobianCase c, string bug) : base(c, bug) { }

        private void Attend(double[] t, out double[] x, out double[] q, out double[] k, out double[] v, out double[] a)
        {
            int n = D("N"), d = D("D"), dk = D("K"), dv = D("V");
            x = Get(t, "x");
            q = MatMul(x, Get(t, "Wq"), n, d, dk);
            k = MatMul(x, Get(t, "Wk"), n, d, dk);
            v = MatMul(x, Get(t, "Wv"), n, d, dv);
            a = new double[n * n];
            double root = Math.Sqrt(dk);
            for (int i = 0; i < n; i++)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int e = 0; e < dk; e++) s += q[i * dk + e] * k[j * dk + e];
                    a[i * n + j] = s / root;
                    max = Math.Max(max, a[i * n + j]);
                }
                for (int j = 0; j < n; j++) { a[i * n + j] = Math.Exp(a[i * n + j] - max); sum += a[i * n + j]; }
                for (int j = 0; j < n; j++) a[i * n + j] /= sum;
            }
        }

        protected override void Forward(double[] t, double[] y)
        {
            int n = D("N"), dv = D("V");
            Attend(t, out _, out _, out _, out var v, out var a);
            Put(y, "out", MatMul(a, v, n, n, dv));
            Put(y, "A", a);
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), d = D("D"), dk = D("K"), dv = D("V");
            Attend(t, out var x, out var q, out var k, out var v, out var a);
            var uo = Upstream(u, "out");
            var dA = MatMul(uo, Transpose(v, n, dv), n, dv, n);
            if (!Is("ignores-A-upstream"))
            {
                var ua = Upstream(u, "A");
                for (int i = 0; i < dA.Length; i++) dA[i] += ua[i];
            }
            var dV = Is("dV-not-transposed") ? MatMul(a, uo, n, n, dv) : MatMul(Transpose(a, n, n), uo, n, n, dv);
            var dS = new double[n * n];
            double r = 1 / Math.Sqrt(dk);
            for (int i = 0; i < n; i++)
            {
                double dot = 0;
                for (int j = 0; j < n; j++) dot += a[i * n + j] * dA[i * n + j];
                for (int j = 0; j < n; j++)
                {
                    double s = Is("missing-cross-term") ? a[i * n + j] * dA[i * n + j]
                        : a[i * n + j] * (dA[i * n + j] - dot);
                    dS[i * n + j] = Is("missing-scale") ? s : s * r;
                }
            }
            var dQ = MatMul(dS, k, n, n, dk);
            var dK = Is("dK-not-transposed") ? MatMul(dS, q, n, n, dk) : MatMul(Transpose(dS, n, n), q, n, n, dk);
            var dx = MatMul(dQ, Transpose(Get(t, "Wq"), d, dk), n, dk, d);
            var fromK = MatMul(dK, Transpose(Get(t, "Wk"), d, dk), n, dk, d);
            var fromV = MatMul(dV, Transpose(Get(t, "Wv"), d, dv), n, dv, d);
            for (int i = 0; i < dx.Length; i++) dx[i] += fromK[i] + fromV[i];
            var xt = Transpose(x, n, d);
            Grad(g, "x", dx);
            Grad(g, "Wq", MatMul(xt, dQ, d, n, dk));
            Grad(g, "Wk", MatMul(xt, dK, d, n, dk));
            Grad(g, "Wv", MatMul(xt, dV, d, n, dv));
        }
    }
}
