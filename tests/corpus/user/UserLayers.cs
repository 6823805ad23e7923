// The user-code verdict corpus of issue 9: the cases of fixtures/user_cases.json (written by make_user_corpus.py
// from torch) and, per family, the forward pass a user would write in C#: J(θ) from the flat θ and the case's
// data. Plain C# against GradCheck.Core's public API only, so that it compiles with Add-Type.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>
    /// The user's objective: a forward pass from the flat θ, and the gradient under test (the case's correct or
    /// buggy vector). Cost is pure, so the checker may call it from several threads.
    /// </summary>
    public abstract class UserLayer : IGradientObjective, IThreadSafeObjective
    {
        private readonly double[] _gradient;

        protected UserLayer(UserCase c, double[] gradient)
        {
            Case = c;
            _gradient = (double[])gradient.Clone();
        }

        public UserCase Case { get; }

        public ParameterLayout Layout => Case.Layout;

        /// <summary>The layer's loss L(θ), the user's forward pass.</summary>
        public abstract double Loss(double[] theta);

        /// <summary>J = offset + scale·L, in double.</summary>
        public double Exact(double[] theta) => Case.Offset + Case.Scale * Loss(theta);

        /// <summary>J, rounded through float for the float32 cases (a cost computed in single precision).</summary>
        public double Cost(double[] theta) => Case.Float32 ? (double)(float)Exact(theta) : Exact(theta);

        public double[] Gradient(double[] theta) => (double[])_gradient.Clone();

        /// <summary>The offset of block <paramref name="name"/> in θ.</summary>
        protected int At(string name) => Layout[name].Offset;

        protected int D(string name) => Case.Dim(name);

        /// <summary>The family's layer for a case, checking <paramref name="gradient"/> (null: torch's
        /// truth).</summary>
        public static UserLayer Create(UserCase c, double[] gradient = null)
        {
            gradient = gradient ?? c.Truth;
            switch (c.Family)
            {
                case "affine": return new AffineLayer(c, gradient);
                case "relu": return new ReLULayer(c, gradient, 0);
                case "leaky-relu": return new ReLULayer(c, gradient, 0.01);
                case "softmax-ce": return new SoftmaxLayer(c, gradient);
                case "svm-hinge": return new HingeLayer(c, gradient);
                case "batch-norm": return new NormLayer(c, gradient, overBatch: true);
                case "layer-norm": return new NormLayer(c, gradient, overBatch: false);
                case "conv1d": return new Conv1DLayer(c, gradient);
                case "conv2d": return new Conv2DLayer(c, gradient);
                case "max-pool": return new MaxPoolLayer(c, gradient);
                case "dropout": return new DropoutLayer(c, gradient);
                case "rnn": return new RnnLayer(c, gradient);
                case "lstm": return new LstmLayer(c, gradient);
                case "attention": return new AttentionLayer(c, gradient);
                default: throw new ArgumentException("No layer for family " + c.Family);
            }
        }

        /// <summary>x·W + b for x (n×d) at θ[x..], W (d×m) at θ[w..], b at θ[b..] (b &lt; 0: none).</summary>
        protected static double[] Affine(
            double[] xs, int x, double[] ws, int w, double[] bs, int b, int n, int d, int m)
        {
            var z = new double[n * m];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < m; j++)
                {
                    double s = 0;
                    for (int k = 0; k < d; k++) s += xs[x + r * d + k] * ws[w + k * m + j];
                    z[r * m + j] = b < 0 ? s : s + bs[b + j];
                }
            return z;
        }

        protected static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
    }
}
