// The second layer of the Jacobian bench, as a user would write it in C#: the course's conv_forward (NHWC, stride 1,
// zero padding 1). reference/jacobian_torch.py computes the same function with torch on the same numbers.
using System;

namespace GradCheck.Bench
{
    public sealed class ConvLayer : IVectorFunction, IThreadSafeObjective
    {
        private readonly int _m, _h, _w, _c, _f, _k;

        public ConvLayer(int examples, int height, int width, int channels, int size, int filters)
        {
            _m = examples; _h = height; _w = width; _c = channels; _f = size; _k = filters;
            InputLayout = ParameterLayout.Create(new[]
            {
                new System.Collections.Generic.KeyValuePair<string, int[]>("A_prev",
                    new[] { examples, height, width, channels }),
                new System.Collections.Generic.KeyValuePair<string, int[]>("W",
                    new[] { size, size, channels, filters }),
                new System.Collections.Generic.KeyValuePair<string, int[]>("b", new[] { 1, 1, 1, filters }),
            });
            OutputLayout = ParameterLayout.Single("Z", examples, height, width, filters);
        }

        public ParameterLayout InputLayout { get; }

        public ParameterLayout OutputLayout { get; }

        private int A(int e, int r, int c, int ch) => ((e * _h + r) * _w + c) * _c + ch;

        private int W(int fr, int fc, int ch, int k) => _m * _h * _w * _c + ((fr * _f + fc) * _c + ch) * _k + k;

        private int B(int k) => _m * _h * _w * _c + _f * _f * _c * _k + k;

        public double[] Evaluate(double[] x)
        {
            var z = new double[_m * _h * _w * _k];
            int pad = _f / 2;
            for (int e = 0; e < _m; e++)
                for (int r = 0; r < _h; r++)
                    for (int c = 0; c < _w; c++)
                        for (int k = 0; k < _k; k++)
                        {
                            double s = x[B(k)];
                            for (int fr = 0; fr < _f; fr++)
                                for (int fc = 0; fc < _f; fc++)
                                {
                                    int rr = r + fr - pad, cc = c + fc - pad;
                                    if (rr < 0 || rr >= _h || cc < 0 || cc >= _w) continue;
                                    for (int ch = 0; ch < _c; ch++) s += x[A(e, rr, cc, ch)] * x[W(fr, fc, ch, k)];
                                }
                            z[((e * _h + r) * _w + c) * _k + k] = s;
                        }
            return z;
        }

        public double[] Backward(double[] x, double[] dz)
        {
            var g = new double[x.Length];
            int pad = _f / 2;
            for (int e = 0; e < _m; e++)
                for (int r = 0; r < _h; r++)
                    for (int c = 0; c < _w; c++)
                        for (int k = 0; k < _k; k++)
                        {
                            double d = dz[((e * _h + r) * _w + c) * _k + k];
                            g[B(k)] += d;
                            for (int fr = 0; fr < _f; fr++)
                                for (int fc = 0; fc < _f; fc++)
                                {
                                    int rr = r + fr - pad, cc = c + fc - pad;
                                    if (rr < 0 || rr >= _h || cc < 0 || cc >= _w) continue;
                                    for (int ch = 0; ch < _c; ch++)
                                    {
                                        g[A(e, rr, cc, ch)] += x[W(fr, fc, ch, k)] * d;
                                        g[W(fr, fc, ch, k)] += x[A(e, rr, cc, ch)] * d;
                                    }
                                }
                        }
            return g;
        }
    }
}
