// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>y = relu(x), or leaky_relu(x, slope): torch's derivative at exactly 0 is 0, or the slope.</summary>
    public sealed class ReLULayer : JacobianLayer
    {
        private readonly double _slope;

        public ReLULayer(JacobianCase c, string bug, double slope) : base(c, bug) { _slope = slope; }

        protected override void Forward(double[] t, double[] y)
        {
            for (int i = 0; i < y.Length; i++) y[i] = t[i] > 0 ? t[i] : _slope * t[i];
        }

        private double Derivative(double z)
        {
            if (Is("no-mask") || Is("no-derivative")) return 1;
            if (Is("mask-ge")) return z >= 0 ? 1 : _slope;
            if (Is("inverted-mask") || Is("swapped-branches")) return z > 0 ? _slope : 1;
            if (Is("zero-negative-slope")) return z > 0 ? 1 : 0;
            return z > 0 ? 1 : _slope;
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            int n = D("N"), m = D("M");
            for (int r = 0; r < n; r++)
                for (int j = 0; j < m; j++)
                {
                    // The shifted mask reads the unit to the left (wrapping), an off-by-one in the loop.
                    int from = Is("mask-shifted") ? r * m + (j + m - 1) % m : r * m + j;
                    g[r * m + j] = u[r * m + j] * Derivative(t[from]);
                }
        }
    }
}
