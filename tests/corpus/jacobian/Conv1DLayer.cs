// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>y[f,t] = b[f] + Σ_c Σ_k w[f,c,k] x[c,t+k] (valid, stride 1).</summary>
    public sealed class Conv1DLayer : JacobianLayer
    {
        public Conv1DLayer(JacobianCase c, string bug) : base(c, bug) { }

        protected override void Forward(double[] t, double[] y)
        {
            int channels = D("C"), length = D("L"), filters = D("F"), k = D("K"), outLength = length - k + 1;
            int x = In("x"), w = In("w"), b = In("b");
            for (int f = 0; f < filters; f++)
                for (int p = 0; p < outLength; p++)
                {
                    double s = t[b + f];
                    for (int c = 0; c < channels; c++)
                        for (int q = 0; q < k; q++) s += t[w + (f * channels + c) * k + q] * t[x + c * length + p + q];
                    y[f * outLength + p] = s;
                }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int channels = D("C"), length = D("L"), filters = D("F"), k = D("K"), outLength = length - k + 1;
            int x = In("x"), w = In("w"), b = In("b");
            for (int f = 0; f < filters; f++)
                for (int p = 0; p < outLength; p++)
                {
                    double up = u[f * outLength + p];
                    for (int c = 0; c < channels; c++)
                        for (int q = 0; q < k; q++)
                        {
                            // The shifted window reads x[c, p+q+1], wrapping as np.roll does.
                            int at = Is("dw-shifted") ? (p + q + 1) % length : p + q;
                            g[w + (f * channels + c) * k + q] += up * t[x + c * length + at];
                            int tap = Is("dx-kernel-flipped") ? k - 1 - q : q;
                            g[x + c * length + p + q] += t[w + (f * channels + c) * k + tap] * up;
                        }
                    if (!Is("db-first-position") || p == 0) g[b + f] += up;
                }
        }
    }
}
