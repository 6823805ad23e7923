// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>loss[n] = −log softmax(z[n])[y[n]], labels fixed data.</summary>
    public sealed class CrossEntropyLayer : JacobianLayer
    {
        public CrossEntropyLayer(JacobianCase c, string bug) : base(c, bug) { }

        protected override void Forward(double[] t, double[] y)
        {
            int n = D("N"), k = D("C");
            var label = Case["y"];
            for (int r = 0; r < n; r++)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int j = 0; j < k; j++) max = Math.Max(max, t[r * k + j]);
                for (int j = 0; j < k; j++) sum += Math.Exp(t[r * k + j] - max);
                y[r] = Math.Log(sum) - (t[r * k + (int)label[r]] - max);
            }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), k = D("C");
            var label = Case["y"];
            for (int r = 0; r < n; r++)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int j = 0; j < k; j++) max = Math.Max(max, t[r * k + j]);
                for (int j = 0; j < k; j++) sum += Math.Exp(t[r * k + j] - max);
                int y = Is("label-off-by-one") ? ((int)label[r] + 1) % k : (int)label[r];
                for (int j = 0; j < k; j++)
                {
                    double p = Math.Exp(t[r * k + j] - max) / sum;
                    double onehot = Is("no-onehot") || j != y ? 0 : 1;
                    g[r * k + j] = Is("divided-by-N") ? (p - onehot) * u[r] / n : (p - onehot) * u[r];
                }
            }
        }
    }
}
