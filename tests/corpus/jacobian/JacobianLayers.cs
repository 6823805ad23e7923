// The Jacobian verdict corpus: the cases of fixtures/jacobian_cases.json (written by make_jacobian_corpus.py from
// torch) and, per family, the layer a user would write in C#: a forward pass y = f(x) and a hand-written backward
// pass uᵀJ, with a bug selector that plants the same bugs as the python script's numpy backward passes. Plain C#
// against GradCheck.Core's public API only, so that it compiles with Add-Type.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>
    /// A user's layer: Evaluate is the forward pass, Backward the hand-written vjp, with the bug of
    /// <see cref="Bug"/> (null: the correct backward). Both are pure, so the checker may call them from several
    /// threads.
    /// </summary>
    public abstract class JacobianLayer : IVectorFunction, IThreadSafeObjective
    {
        protected JacobianLayer(JacobianCase c, string bug)
        {
            Case = c;
            Bug = string.IsNullOrEmpty(bug) ? null : bug; // PowerShell passes $null to a string as ""
        }

        public JacobianCase Case { get; }

        /// <summary>The bug's kind, or null for the correct backward pass.</summary>
        public string Bug { get; }

        public ParameterLayout InputLayout => Case.InputLayout;

        public ParameterLayout OutputLayout => Case.OutputLayout;

        public double[] Evaluate(double[] x)
        {
            var y = new double[OutputLayout.Count];
            Forward(x, y);
            return y;
        }

        public double[] Backward(double[] x, double[] upstream)
        {
            var g = new double[InputLayout.Count];
            Backward(x, upstream, g);
            return g;
        }

        /// <summary>Writes f(x) into y.</summary>
        protected abstract void Forward(double[] x, double[] y);

        /// <summary>Writes uᵀJ(x) into g (all zeros on entry).</summary>
        protected abstract void Backward(double[] x, double[] u, double[] g);

        /// <summary>The Jacobian this backward pass implies: row i is Backward(x, e_i).</summary>
        public double[] JacobianRows(double[] x)
        {
            int m = OutputLayout.Count, n = InputLayout.Count;
            var rows = new double[m * n];
            for (int i = 0; i < m; i++)
            {
                var e = new double[m];
                e[i] = 1;
                Array.Copy(Backward(x, e), 0, rows, i * n, n);
            }
            return rows;
        }

        protected bool Is(string bug) => Bug == bug;

        protected int In(string block) => InputLayout[block].Offset;

        protected int Out(string block) => OutputLayout[block].Offset;

        protected int D(string name) => Case.Dim(name);

        /// <summary>A copy of input block <paramref name="block"/>.</summary>
        protected double[] Get(double[] x, string block)
        {
            var b = InputLayout[block];
            var v = new double[b.Count];
            Array.Copy(x, b.Offset, v, 0, b.Count);
            return v;
        }

        /// <summary>A copy of the upstream of output block <paramref name="block"/>.</summary>
        protected double[] Upstream(double[] u, string block)
        {
            var b = OutputLayout[block];
            var v = new double[b.Count];
            Array.Copy(u, b.Offset, v, 0, b.Count);
            return v;
        }

        protected void Put(double[] y, string block, double[] v) =>
            Array.Copy(v, 0, y, OutputLayout[block].Offset, v.Length);

        protected void Grad(double[] g, string block, double[] v) =>
            Array.Copy(v, 0, g, InputLayout[block].Offset, v.Length);

        /// <summary>a (n×k) · b (k×m), row-major.</summary>
        protected static double[] MatMul(double[] a, double[] b, int n, int k, int m)
        {
            var c = new double[n * m];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < m; j++)
                {
                    double s = 0;
                    for (int t = 0; t < k; t++) s += a[r * k + t] * b[t * m + j];
                    c[r * m + j] = s;
                }
            return c;
        }

        /// <summary>The transpose of a (n×m).</summary>
        protected static double[] Transpose(double[] a, int n, int m)
        {
            var t = new double[a.Length];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < m; j++) t[j * n + r] = a[r * m + j];
            return t;
        }

        /// <summary>The sum over the rows of a (n×m): a length-m vector.</summary>
        protected static double[] SumRows(double[] a, int n, int m)
        {
            var s = new double[m];
            for (int r = 0; r < n; r++)
                for (int j = 0; j < m; j++) s[j] += a[r * m + j];
            return s;
        }

        protected static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

        /// <summary>log(1 + z), accurate for small z (Goldberg's trick; .NET has no exact log1p).</summary>
        protected static double Log1p(double z)
        {
            double w = 1 + z;
            return w == 1 ? z : Math.Log(w) * z / (w - 1);
        }

        /// <summary>The family's layer for a case; <paramref name="bug"/> null: the correct backward.</summary>
        public static JacobianLayer Create(JacobianCase c, string bug = null)
        {
            switch (c.Family)
            {
                case "affine": return new AffineLayer(c, bug);
                case "relu": return new ReLULayer(c, bug, 0);
                case "leaky-relu": return new ReLULayer(c, bug, 0.01);
                case "tanh":
                case "sigmoid":
                case "softplus":
                case "gelu-tanh": return new SmoothLayer(c, bug);
                case "softmax": return new SoftmaxLayer(c, bug, log: false);
                case "log-softmax": return new SoftmaxLayer(c, bug, log: true);
                case "layer-norm": return new NormLayer(c, bug, overBatch: false);
                case "batch-norm": return new NormLayer(c, bug, overBatch: true);
                case "conv1d": return new Conv1DLayer(c, bug);
                case "conv2d": return new Conv2DLayer(c, bug);
                case "max-pool": return new MaxPoolLayer(c, bug);
                case "avg-pool": return new AvgPoolLayer(c, bug);
                case "embedding": return new EmbeddingLayer(c, bug);
                case "attention": return new AttentionLayer(c, bug);
                case "lstm-cell": return new LstmCellLayer(c, bug);
                case "gru-cell": return new GruCellLayer(c, bug);
                case "mse": return new MseLayer(c, bug);
                case "cross-entropy": return new CrossEntropyLayer(c, bug);
                default: throw new ArgumentException("No layer for family " + c.Family);
            }
        }
    }
}
