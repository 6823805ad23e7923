// Part of the corpus in UserLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>y[c,i,j] = a[c] · max of the 2×2 window (stride 2); L = Σ R ⊙ y.</summary>
    public sealed class MaxPoolLayer : UserLayer
    {
        public MaxPoolLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int channels = D("C"), height = D("H"), width = D("W"), x = At("x"), a = At("a");
            int oh = height / 2, ow = width / 2;
            var r = Case["R"];
            double total = 0;
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double max = double.NegativeInfinity;
                        for (int p = 0; p < 2; p++)
                            for (int q = 0; q < 2; q++)
                                max = Math.Max(max, t[x + (c * height + 2 * i + p) * width + 2 * j + q]);
                        total += r[(c * oh + i) * ow + j] * max * t[a + c];
                    }
            return total;
        }
    }
}
