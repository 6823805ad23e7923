// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>y[c,i,j] = mean of the 2×2 window at (2i, 2j).</summary>
    public sealed class AvgPoolLayer : JacobianLayer
    {
        public AvgPoolLayer(JacobianCase c, string bug) : base(c, bug) { }

        protected override void Forward(double[] t, double[] y)
        {
            int channels = D("C"), height = D("H"), width = D("W"), oh = height / 2, ow = width / 2;
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double s = 0;
                        for (int k = 0; k < 4; k++) s += t[(c * height + 2 * i + k / 2) * width + 2 * j + k % 2];
                        y[(c * oh + i) * ow + j] = s / 4;
                    }
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int channels = D("C"), height = D("H"), width = D("W"), oh = height / 2, ow = width / 2;
            double share = Is("missing-quarter") ? 1 : Is("divides-by-2") ? 0.5 : 0.25;
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                        for (int p = 0; p < 2; p++)
                            for (int q = 0; q < 2; q++)
                            {
                                bool unstrided = Is("stride-ignored");
                                int r = unstrided ? i + p : 2 * i + p, s = unstrided ? j + q : 2 * j + q;
                                g[(c * height + r) * width + s] += share * u[(c * oh + i) * ow + j];
                            }
        }
    }
}
