// The first layer of the Jacobian bench, as a user would write it in C#: the course's affine layer Z = W·A + b
// (A features × examples). reference/jacobian_torch.py computes the same function with torch on the same numbers.
using System;

namespace GradCheck.Bench
{
    public sealed class AffineLayer : IVectorFunction, IThreadSafeObjective
    {
        private readonly int _n, _m, _k;

        public AffineLayer(int features, int examples, int units)
        {
            _n = features; _m = examples; _k = units;
            InputLayout = ParameterLayout.Create(new[]
            {
                new System.Collections.Generic.KeyValuePair<string, int[]>("A", new[] { features, examples }),
                new System.Collections.Generic.KeyValuePair<string, int[]>("W", new[] { units, features }),
                new System.Collections.Generic.KeyValuePair<string, int[]>("b", new[] { units, 1 }),
            });
            OutputLayout = ParameterLayout.Single("Z", units, examples);
        }

        public ParameterLayout InputLayout { get; }

        public ParameterLayout OutputLayout { get; }

        public double[] Evaluate(double[] x)
        {
            int w = _n * _m, b = w + _k * _n;
            var z = new double[_k * _m];
            for (int i = 0; i < _k; i++)
                for (int j = 0; j < _m; j++)
                {
                    double s = x[b + i];
                    for (int f = 0; f < _n; f++) s += x[w + i * _n + f] * x[f * _m + j];
                    z[i * _m + j] = s;
                }
            return z;
        }

        public double[] Backward(double[] x, double[] dz)
        {
            int w = _n * _m, b = w + _k * _n;
            var g = new double[b + _k];
            for (int i = 0; i < _k; i++)
                for (int j = 0; j < _m; j++)
                {
                    double d = dz[i * _m + j];
                    g[b + i] += d;
                    for (int f = 0; f < _n; f++)
                    {
                        g[f * _m + j] += x[w + i * _n + f] * d;
                        g[w + i * _n + f] += d * x[f * _m + j];
                    }
                }
            return g;
        }
    }
}
