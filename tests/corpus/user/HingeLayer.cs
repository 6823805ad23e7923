// Part of the corpus in UserLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>s = x W + b; L = (1/N) Σ_n Σ_{j≠y} max(0, s_j − s_y + 1).</summary>
    public sealed class HingeLayer : UserLayer
    {
        public HingeLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int n = D("N"), k = D("C");
            var s = Affine(t, At("x"), t, At("W"), t, At("b"), n, D("D"), k);
            var y = Case["y"];
            double total = 0;
            for (int r = 0; r < n; r++)
            {
                int label = (int)y[r];
                for (int j = 0; j < k; j++)
                    if (j != label) total += Math.Max(0, s[r * k + j] - s[r * k + label] + 1);
            }
            return total / n;
        }
    }
}
