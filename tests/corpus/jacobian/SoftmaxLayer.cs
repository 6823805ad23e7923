// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>softmax or log-softmax over each row of x (N×C), the row maximum subtracted first.</summary>
    public sealed class SoftmaxLayer : JacobianLayer
    {
        private readonly bool _log;

        public SoftmaxLayer(JacobianCase c, string bug, bool log) : base(c, bug) { _log = log; }

        /// <summary>Per row: the probabilities, and the log-probabilities.</summary>
        private void Rows(double[] t, double[] p, double[] logp)
        {
            int n = D("N"), k = D("C");
            for (int r = 0; r < n; r++)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int j = 0; j < k; j++) max = Math.Max(max, t[r * k + j]);
                for (int j = 0; j < k; j++) sum += Math.Exp(t[r * k + j] - max);
                double lse = Math.Log(sum);
                for (int j = 0; j < k; j++)
                {
                    p[r * k + j] = Math.Exp(t[r * k + j] - max) / sum;
                    logp[r * k + j] = t[r * k + j] - max - lse;
                }
            }
        }

        protected override void Forward(double[] t, double[] y)
        {
            var p = new double[y.Length];
            var logp = new double[y.Length];
            Rows(t, p, logp);
            Array.Copy(_log ? logp : p, y, y.Length);
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), k = D("C");
            var p = new double[g.Length];
            var logp = new double[g.Length];
            Rows(t, p, logp);
            if (_log)
            {
                for (int r = 0; r < n; r++)
                {
                    double sum = 0;
                    for (int j = 0; j < k; j++) sum += u[r * k + j];
                    for (int j = 0; j < k; j++)
                    {
                        int i = r * k + j;
                        g[i] = Is("elementwise-not-sum") ? u[i] - p[i] * u[i]
                            : Is("uses-logp") ? u[i] - logp[i] * sum
                            : Is("no-softmax-term") ? u[i]
                            : u[i] - p[i] * sum;
                    }
                }
                return;
            }
            // dx = y ⊙ (u − Σ_row y·u); the wrong-axis bug sums over the batch (each column) instead.
            var dot = new double[Is("wrong-axis-sum") ? k : n];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < k; j++) dot[Is("wrong-axis-sum") ? j : r] += p[r * k + j] * u[r * k + j];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < k; j++)
                {
                    int i = r * k + j;
                    g[i] = Is("missing-cross-term") ? p[i] * u[i]
                        : Is("diagonal-only") ? p[i] * (1 - p[i]) * u[i]
                        : p[i] * (u[i] - dot[Is("wrong-axis-sum") ? j : r]);
                }
        }
    }
}
