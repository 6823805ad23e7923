// Part of the corpus in UserLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>y[o,t] = b[o] + Σ_c Σ_k w[o,c,k] x[c,t+k]; L = Σ R ⊙ y + ¼ Σ y².</summary>
    public sealed class Conv1DLayer : UserLayer
    {
        public Conv1DLayer(UserCase c, double[] g) : base(c, g) { }

        public override double Loss(double[] t)
        {
            int channels = D("C"), length = D("L"), filters = D("F"), k = D("K"), outLength = length - k + 1;
            int x = At("x"), w = At("w"), b = At("b");
            var r = Case["R"];
            double total = 0;
            for (int o = 0; o < filters; o++)
                for (int p = 0; p < outLength; p++)
                {
                    double y = t[b + o];
                    for (int c = 0; c < channels; c++)
                        for (int q = 0; q < k; q++) y += t[w + (o * channels + c) * k + q] * t[x + c * length + p + q];
                    total += r[o * outLength + p] * y + 0.25 * y * y;
                }
            return total;
        }
    }
}
