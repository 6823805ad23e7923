// The float32 verdict corpus of issue 14: the cases of fixtures/float32_cases.json (written by make_float32_corpus.py
// from torch) and, per family, the forward pass a user would write in C# in single precision: J(θ) in float
// arithmetic from a float32 θ and the case's float32 data, as a GradCheck.ISingleGradientObjective. Plain C# against
// GradCheck.Core's public API only, so that it compiles with Add-Type.
//
// The arithmetic is float throughout, with MathF for exp, log, tanh and sqrt: Core targets netstandard2.0, which has
// no MathF, but this file is compiled by Add-Type against the runtime PowerShell runs on (.NET 8 or later), which has.
// .NET does not contract a * b + c into a fused multiply-add, so each product and sum rounds to float on its own.
// Sums follow the grouping of the torch forward in make_float32_corpus.py (two sums added at the end, a step's loss
// summed before it joins the total); the order within a sum is plain left to right, which torch's blocked and
// pairwise reductions are not, so C# and torch agree to float32 rounding, not to the bit.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>
    /// The user's float32 objective: a forward pass in float from the flat float32 θ, and the float32 gradient under
    /// test (the case's correct or buggy vector). Cost is pure, so the checker may call it from several threads.
    /// </summary>
    public abstract class Float32Layer : ISingleGradientObjective, IThreadSafeObjective
    {
        private readonly float[] _gradient;

        protected Float32Layer(Float32Case c, float[] gradient)
        {
            Case = c;
            _gradient = (float[])gradient.Clone();
        }

        public Float32Case Case { get; }

        public ParameterLayout Layout => Case.Layout;

        /// <summary>The layer's loss L(θ) in float32, the user's forward pass.</summary>
        public abstract float Loss(float[] theta);

        /// <summary>J = offset + scale·L in float32, as torch computes offset + scale * L.</summary>
        public float Cost(float[] theta) => Case.Offset + Case.Scale * Loss(theta);

        public float[] Gradient(float[] theta) => (float[])_gradient.Clone();

        /// <summary>The offset of block <paramref name="name"/> in θ.</summary>
        protected int At(string name) => Layout[name].Offset;

        protected int D(string name) => Case.Dim(name);

        /// <summary>The family's layer for a case, checking <paramref name="gradient"/> (null: torch's float32
        /// gradient).</summary>
        public static Float32Layer Create(Float32Case c, float[] gradient = null)
        {
            gradient = gradient ?? c.Correct;
            switch (c.Family)
            {
                case "affine": return new AffineLayer32(c, gradient);
                case "relu": return new ReLULayer32(c, gradient, 0f);
                case "leaky-relu": return new ReLULayer32(c, gradient, 0.01f);
                case "softmax-ce": return new SoftmaxLayer32(c, gradient);
                case "svm-hinge": return new HingeLayer32(c, gradient);
                case "batch-norm": return new NormLayer32(c, gradient, overBatch: true);
                case "layer-norm": return new NormLayer32(c, gradient, overBatch: false);
                case "conv1d": return new Conv1DLayer32(c, gradient);
                case "conv2d": return new Conv2DLayer32(c, gradient);
                case "max-pool": return new MaxPoolLayer32(c, gradient);
                case "dropout": return new DropoutLayer32(c, gradient);
                case "rnn": return new RnnLayer32(c, gradient);
                case "lstm": return new LstmLayer32(c, gradient);
                case "attention": return new AttentionLayer32(c, gradient);
                default: throw new ArgumentException("No float32 layer for family " + c.Family);
            }
        }

        /// <summary>x·W (+ b) in float for x (n×d) at xs[x..], W (d×m) at ws[w..], b at bs[b..] (b &lt; 0:
        /// none); the bias is added after the whole product, as x @ W + b does.</summary>
        protected static float[] Affine(float[] xs, int x, float[] ws, int w, float[] bs, int b, int n, int d, int m)
        {
            var z = new float[n * m];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < m; j++)
                {
                    float s = 0;
                    for (int k = 0; k < d; k++) s += xs[x + r * d + k] * ws[w + k * m + j];
                    z[r * m + j] = b < 0 ? s : s + bs[b + j];
                }
            return z;
        }

        protected static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));
    }
}
