// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>y[f,i,j] = b[f] + Σ_c Σ_pq w[f,c,p,q] x[c,i+p,j+q] (valid, stride 1), one image.</summary>
    public sealed class Conv2DLayer : JacobianLayer
    {
        public Conv2DLayer(JacobianCase c, string bug) : base(c, bug) { }

        protected override void Forward(double[] t, double[] y)
        {
            int channels = D("C"), height = D("H"), width = D("W"), filters = D("F"), k = D("K");
            int oh = height - k + 1, ow = width - k + 1, x = In("x"), w = In("w"), b = In("b");
            for (int f = 0; f < filters; f++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double s = t[b + f];
                        for (int c = 0; c < channels; c++)
                            for (int p = 0; p < k; p++)
                                for (int q = 0; q < k; q++)
                                    s += t[w + ((f * channels + c) * k + p) * k + q]
                                         * t[x + (c * height + i + p) * width + j + q];
                        y[(f * oh + i) * ow + j] = s;
                    }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int channels = D("C"), height = D("H"), width = D("W"), filters = D("F"), k = D("K");
            int oh = height - k + 1, ow = width - k + 1, x = In("x"), w = In("w"), b = In("b");
            for (int f = 0; f < filters; f++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double up = u[(f * oh + i) * ow + j];
                        for (int c = 0; c < channels; c++)
                            for (int p = 0; p < k; p++)
                                for (int q = 0; q < k; q++)
                                {
                                    int column = Is("dw-shifted-column") ? (j + q + 1) % width : j + q;
                                    g[w + ((f * channels + c) * k + p) * k + q] +=
                                        up * t[x + (c * height + i + p) * width + column];
                                    int tap = Is("dx-kernel-transposed")
                                        ? ((f * channels + c) * k + q) * k + p
                                        : ((f * channels + c) * k + p) * k + q;
                                    g[x + (c * height + i + p) * width + j + q] += t[w + tap] * up;
                                }
                        if (!Is("db-first-position") || (i == 0 && j == 0)) g[b + f] += up;
                    }
        }
    }
}
