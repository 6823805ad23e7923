// Part of the corpus in UserLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>z = x W + b; L = −(1/N) Σ log softmax(z)[y], with the row maximum subtracted first.</summary>
    public sealed class SoftmaxLayer : UserLayer
    {
        public SoftmaxLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int n = D("N"), k = D("C");
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), n, D("D"), k);
            var y = Case["y"];
            double total = 0;
            for (int r = 0; r < n; r++)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int j = 0; j < k; j++) max = Math.Max(max, z[r * k + j]);
                for (int j = 0; j < k; j++) sum += Math.Exp(z[r * k + j] - max);
                total += Math.Log(sum) - (z[r * k + (int)y[r]] - max);
            }
            return total / n;
        }
    }
}
