// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>y[c,i,j] = max of the 2×2 window at (2i, 2j); ties go to the first maximum in row-major order,
    /// as torch's.</summary>
    public sealed class MaxPoolLayer : JacobianLayer
    {
        public MaxPoolLayer(JacobianCase c, string bug) : base(c, bug) { }

        protected override void Forward(double[] t, double[] y)
        {
            int channels = D("C"), height = D("H"), width = D("W"), oh = height / 2, ow = width / 2;
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double max = double.NegativeInfinity;
                        for (int k = 0; k < 4; k++)
                            max = Math.Max(max, t[(c * height + 2 * i + k / 2) * width + 2 * j + k % 2]);
                        y[(c * oh + i) * ow + j] = max;
                    }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int channels = D("C"), height = D("H"), width = D("W"), oh = height / 2, ow = width / 2;
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        var window = new double[4];
                        int arg = 0;
                        for (int k = 0; k < 4; k++)
                        {
                            window[k] = t[(c * height + 2 * i + k / 2) * width + 2 * j + k % 2];
                            if (Is("last-max") ? window[k] >= window[arg] : window[k] > window[arg]) arg = k;
                        }
                        for (int k = 0; k < 4; k++)
                        {
                            bool routed = Is("all-ties") ? window[k] == window[arg] : k == arg;
                            if (!routed) continue;
                            int p = Is("unravel-swapped") ? k % 2 : k / 2, q = Is("unravel-swapped") ? k / 2 : k % 2;
                            bool unstrided = Is("stride-ignored");
                            int r = unstrided ? i + p : 2 * i + p, s = unstrided ? j + q : 2 * j + q;
                            g[(c * height + r) * width + s] += u[(c * oh + i) * ow + j];
                        }
                    }
        }
    }
}
