// Part of the corpus in Float32Layers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>Batch norm (over the rows) or layer norm (over each row): y = γ x̂ + β; L = Σ R ⊙ y.</summary>
    public sealed class NormLayer32 : Float32Layer
    {
        private readonly bool _overBatch;

        public NormLayer32(Float32Case c, float[] g, bool overBatch) : base(c, g) { _overBatch = overBatch; }

        public override float Loss(float[] t)
        {
            int n = D("N"), d = D("D"), x = At("x"), gamma = At("gamma"), beta = At("beta");
            float eps = Case["eps"][0];
            var r = Case["R"];
            // Groups: columns for batch norm, rows for layer norm; index(g, k) is the k-th member of group g.
            int groups = _overBatch ? d : n, size = _overBatch ? n : d;
            Func<int, int, int> index = _overBatch ? (Func<int, int, int>)((g, k) => k * d + g) : (g, k) => g * d + k;
            float total = 0;
            for (int g = 0; g < groups; g++)
            {
                float mean = 0, variance = 0;
                for (int k = 0; k < size; k++) mean += t[x + index(g, k)];
                mean /= size;
                for (int k = 0; k < size; k++)
                {
                    float e = t[x + index(g, k)] - mean;
                    variance += e * e;
                }
                variance /= size;
                float sd = MathF.Sqrt(variance + eps);
                for (int k = 0; k < size; k++)
                {
                    int i = index(g, k), feature = i % d;
                    float xhat = (t[x + i] - mean) / sd;
                    total += r[i] * (t[gamma + feature] * xhat + t[beta + feature]);
                }
            }
            return total;
        }
    }
}
