// Part of the corpus in Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Corpus
{
    /// <summary>
    /// Forward propagation and an independent backprop with an optional bug, written from the course's formulas:
    /// Z_l = W_l·A_{l−1} + b_l, features × examples; dZ_L = A_L − Y for CrossEntropy with a sigmoid output,
    /// (A_L − Y)·f′(Z_L) for (1/2m)·Σ(a − y)²; dW_l = (1/m)·dZ_l·A_{l−1}ᵀ; db_l = (1/m)·Σ_j dZ_l;
    /// dZ_{l−1} = (W_lᵀ·dZ_l) ⊙ f′(Z_{l−1}).
    /// </summary>
    public static class BuggyBackprop
    {
        public const double LeakySlope = 0.01;

        public static double Apply(Activation f, double z)
        {
            switch (f)
            {
                case Activation.ReLU: return z > 0 ? z : 0;
                case Activation.LeakyReLU: return z > 0 ? z : LeakySlope * z;
                case Activation.Tanh: return Math.Tanh(z);
                case Activation.Sigmoid: return 1 / (1 + Math.Exp(-z));
                default: return z;
            }
        }

        /// <summary>ReLU (z &gt; 0), LeakyReLU 1 or 0.01, tanh 1 − a², sigmoid a(1 − a), linear 1.</summary>
        public static double Derivative(Activation f, double z, double a)
        {
            switch (f)
            {
                case Activation.ReLU: return z > 0 ? 1 : 0;
                case Activation.LeakyReLU: return z > 0 ? 1 : LeakySlope;
                case Activation.Tanh: return 1 - a * a;
                case Activation.Sigmoid: return a * (1 - a);
                default: return 1;
            }
        }

        /// <summary>
        /// Z_l and A_l for every layer; index 0 of A is X. Each z sums W[r,k]·A[k,j] in k order and then adds b[r],
        /// as GradCheck's own forward pass does, so the z computed here is bit for bit the z the network sees.
        /// </summary>
        public static void Forward(CorpusNet net, double[] theta, out double[][] z, out double[][] a)
        {
            int m = net.Examples;
            z = new double[net.Layers + 1][];
            a = new double[net.Layers + 1][];
            a[0] = net.Input;
            for (int l = 1; l <= net.Layers; l++)
            {
                int rows = net.LayerSize[l], inner = net.LayerSize[l - 1];
                var f = net.ActivationOf(l);
                z[l] = new double[rows * m];
                a[l] = new double[rows * m];
                for (int r = 0; r < rows; r++)
                    for (int j = 0; j < m; j++)
                    {
                        double s = 0;
                        for (int k = 0; k < inner; k++)
                            s += theta[net.WeightOffset[l] + r * inner + k] * a[l - 1][k * m + j];
                        s += theta[net.BiasOffset[l] + r];
                        z[l][r * m + j] = s;
                        a[l][r * m + j] = Apply(f, s);
                    }
            }
        }

        /// <summary>
        /// The gradient W1, b1, W2, b2, … flattened row-major, with <paramref name="bug"/> planted (null: none).
        /// </summary>
        public static double[] Gradient(CorpusNet net, double[] theta, CorpusBug bug = null)
        {
            bug = bug ?? CorpusBug.None;
            int m = net.Examples, L = net.Layers;
            Forward(net, theta, out var z, out var a);
            var gradient = new double[net.Layout.Count];

            int outputs = net.LayerSize[L];
            var dz = new double[outputs * m];
            for (int t = 0; t < dz.Length; t++)
            {
                double y = net.Label[t];
                if (net.Loss == Loss.CrossEntropy) dz[t] = a[L][t] - y; // sigmoid output: the f′ cancels.
                else dz[t] = (a[L][t] - y) * LayerDerivative(net, L, z[L][t], a[L][t], bug);
            }

            for (int l = L; l >= 1; l--)
            {
                int rows = net.LayerSize[l], inner = net.LayerSize[l - 1];
                double[] previous = bug.Kind == BugKind.PreActivationInDW && bug.Layer == l ? z[l - 1] : a[l - 1];
                bool dropW = bug.Kind == BugKind.MissingOneOverM && bug.Layer == l && bug.OnWeights;
                bool dropB = bug.Kind == BugKind.MissingOneOverM && bug.Layer == l && !bug.OnWeights;
                for (int r = 0; r < rows; r++)
                {
                    for (int k = 0; k < inner; k++)
                    {
                        double sum = 0;
                        for (int j = 0; j < m; j++) sum += dz[r * m + j] * previous[k * m + j];
                        gradient[net.WeightOffset[l] + r * inner + k] = dropW ? sum : sum / m;
                    }
                    double bias = 0;
                    for (int j = 0; j < m; j++) bias += dz[r * m + j];
                    gradient[net.BiasOffset[l] + r] = dropB ? bias : bias / m;
                }
                if (l == 1) break;

                // dA_{l−1} = W_lᵀ·dZ_l; the transposed bug reads W's row-major data
                // as an (n_{l−1}, n_l) matrix instead.
                bool reshaped = bug.Kind == BugKind.TransposedWeight && bug.Layer == l;
                var dzPrevious = new double[inner * m];
                for (int k = 0; k < inner; k++)
                    for (int j = 0; j < m; j++)
                    {
                        double sum = 0;
                        for (int r = 0; r < rows; r++)
                        {
                            double w = reshaped
                                ? theta[net.WeightOffset[l] + k * rows + r]
                                : theta[net.WeightOffset[l] + r * inner + k];
                            sum += w * dz[r * m + j];
                        }
                        dzPrevious[k * m + j] =
                            sum * LayerDerivative(net, l - 1, z[l - 1][k * m + j], a[l - 1][k * m + j], bug);
                    }
                dz = dzPrevious;
            }

            if (bug.Kind == BugKind.BlockScale || bug.Kind == BugKind.SignFlip)
            {
                var block = net.Layout[bug.Block];
                double factor = bug.Kind == BugKind.SignFlip ? -1 : bug.Factor;
                for (int i = block.Offset; i < block.Offset + block.Count; i++) gradient[i] *= factor;
            }
            else if (bug.Kind == BugKind.SingleEntry)
            {
                gradient[bug.Entry] = bug.Replace ? bug.Value : gradient[bug.Entry] * bug.Factor;
            }
            return gradient;
        }

        private static double LayerDerivative(CorpusNet net, int layer, double z, double a, CorpusBug bug)
        {
            var f = net.ActivationOf(layer);
            if (bug.Layer == layer)
            {
                if (bug.Kind == BugKind.MissingDerivative) return 1;
                if (bug.Kind == BugKind.DerivativeAtA)
                {
                    double s = Apply(f, a); // f′ of the sigmoid or tanh, evaluated at a instead of z.
                    return Derivative(f, a, s);
                }
            }
            return Derivative(f, z, a);
        }
    }
}
