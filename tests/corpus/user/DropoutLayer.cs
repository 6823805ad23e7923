// Part of the corpus in UserLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>h = relu(x W + b) ⊙ mask / keep; L = Σ R ⊙ h.</summary>
    public sealed class DropoutLayer : UserLayer
    {
        public DropoutLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), D("N"), D("D"), D("M"));
            var r = Case["R"];
            var mask = Case["mask"];
            double keep = Case["keep"][0], s = 0;
            for (int i = 0; i < z.Length; i++) s += r[i] * (Math.Max(z[i], 0) * mask[i] / keep);
            return s;
        }
    }
}
