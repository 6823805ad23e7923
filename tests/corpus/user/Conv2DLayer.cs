// Part of the corpus in UserLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>y_n = conv2d(x_n, w) + b; L = (1/N) Σ_n (Σ R_n ⊙ y_n + ¼ Σ y_n²).</summary>
    public sealed class Conv2DLayer : UserLayer
    {
        public Conv2DLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int n = D("N"), channels = D("C"), height = D("H"), width = D("W"), filters = D("F"), k = D("K");
            int oh = height - k + 1, ow = width - k + 1, x = At("x"), w = At("w"), b = At("b");
            var r = Case["R"];
            double total = 0;
            for (int s = 0; s < n; s++)
                for (int f = 0; f < filters; f++)
                    for (int i = 0; i < oh; i++)
                        for (int j = 0; j < ow; j++)
                        {
                            double y = t[b + f];
                            for (int c = 0; c < channels; c++)
                                for (int p = 0; p < k; p++)
                                    for (int q = 0; q < k; q++)
                                        y += t[w + ((f * channels + c) * k + p) * k + q]
                                             * t[x + ((s * channels + c) * height + i + p) * width + j + q];
                            total += r[((s * filters + f) * oh + i) * ow + j] * y + 0.25 * y * y;
                        }
            return total / n;
        }
    }
}
