// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>tanh, sigmoid, softplus or gelu-tanh, elementwise.</summary>
    public sealed class SmoothLayer : JacobianLayer
    {
        private const double GeluC = 0.044715;
        private static readonly double GeluK = Math.Sqrt(2 / Math.PI);

        public SmoothLayer(JacobianCase c, string bug) : base(c, bug) { }

        private double F(double x)
        {
            switch (Case.Family)
            {
                case "tanh": return Math.Tanh(x);
                case "sigmoid": return Sigmoid(x);
                case "softplus": return Math.Max(x, 0) + Log1p(Math.Exp(-Math.Abs(x)));
                default: return 0.5 * x * (1 + Math.Tanh(GeluK * (x + GeluC * x * x * x)));
            }
        }

        private double Derivative(double x)
        {
            double y = F(x);
            switch (Case.Family)
            {
                case "tanh":
                    if (Is("uses-x")) return 1 - x * x;
                    if (Is("tanh-of-y")) return 1 - Math.Tanh(y) * Math.Tanh(y);
                    if (Is("missing-square")) return 1 - y;
                    if (Is("wrong-sign")) return y * y - 1;
                    return 1 - y * y;
                case "sigmoid":
                    if (Is("uses-x")) return x * (1 - x);
                    if (Is("sigmoid-of-y")) return Sigmoid(y) * (1 - Sigmoid(y));
                    if (Is("missing-one-minus")) return y;
                    if (Is("wrong-sign")) return y * (y - 1);
                    return y * (1 - y);
                case "softplus":
                    if (Is("sigmoid-of-minus-x")) return Sigmoid(-x);
                    if (Is("uses-y")) return Sigmoid(y);
                    if (Is("missing-denominator")) return Math.Exp(x);
                    return Sigmoid(x);
                default:
                    double t = Math.Tanh(GeluK * (x + GeluC * x * x * x));
                    double inner = Is("missing-cubic-derivative") ? GeluK : GeluK * (1 + 3 * GeluC * x * x);
                    double sech = Is("sech-not-squared") ? 1 - t : 1 - t * t;
                    double d = 0.5 * x * sech * inner;
                    return Is("missing-product-rule") ? d : d + 0.5 * (1 + t);
            }
        }

        protected override void Forward(double[] t, double[] y)
        {
            for (int i = 0; i < y.Length; i++) y[i] = F(t[i]);
        }

        protected override void Backward(double[] t, double[] u, double[] g)
        {
            for (int i = 0; i < g.Length; i++) g[i] = u[i] * Derivative(t[i]);
        }
    }
}
