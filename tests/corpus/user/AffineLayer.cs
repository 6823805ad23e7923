// Part of the corpus in UserLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>out = x W + b; L = (1/2N) Σ (out − Y)².</summary>
    public sealed class AffineLayer : UserLayer
    {
        public AffineLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int n = D("N"), d = D("D"), m = D("M");
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), n, d, m);
            var y = Case["Y"];
            double s = 0;
            for (int i = 0; i < z.Length; i++) s += (z[i] - y[i]) * (z[i] - y[i]);
            return s / (2 * n);
        }
    }
}
