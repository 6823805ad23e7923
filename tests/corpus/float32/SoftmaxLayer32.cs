// Part of the corpus in Float32Layers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>z = x W + b; L = −(1/N) Σ log softmax(z)[y], with the row maximum subtracted first.</summary>
    public sealed class SoftmaxLayer32 : Float32Layer
    {
        public SoftmaxLayer32(Float32Case c, float[] g) : base(c, g) { }

        public override float Loss(float[] t)
        {
            int n = D("N"), k = D("C");
            var z = Affine(t, At("x"), t, At("W"), t, At("b"), n, D("D"), k);
            var y = Case["y"];
            float total = 0;
            for (int r = 0; r < n; r++)
            {
                float max = float.NegativeInfinity, sum = 0;
                for (int j = 0; j < k; j++) max = Math.Max(max, z[r * k + j]);
                for (int j = 0; j < k; j++) sum += MathF.Exp(z[r * k + j] - max);
                total += MathF.Log(sum) - (z[r * k + (int)y[r]] - max);
            }
            return total / n;
        }
    }
}
