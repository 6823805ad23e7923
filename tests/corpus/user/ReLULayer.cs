// Part of the corpus in UserLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>h = relu(x W + b) or leaky_relu(·, slope); L = Σ R ⊙ h.</summary>
    public sealed class ReLULayer : UserLayer
    {
        private readonly double _slope;

        public ReLULayer(UserCase c, double[] g, double slope) : base(c, g) { _slope = slope; }

        public override double Loss(double[] t)
        {
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), D("N"), D("D"), D("M"));
            var r = Case["R"];
            double s = 0;
            for (int i = 0; i < z.Length; i++) s += r[i] * (z[i] > 0 ? z[i] : _slope * z[i]);
            return s;
        }
    }
}
