// Part of the corpus in UserLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.UserCorpus
{
    /// <summary>Batch norm (over the rows) or layer norm (over each row): y = γ x̂ + β; L = Σ R ⊙ y.</summary>
    public sealed class NormLayer : UserLayer
    {
        private readonly bool _overBatch;

        public NormLayer(UserCase c, double[] g, bool overBatch) : base(c, g) { _overBatch = overBatch; }

        public override double Loss(double[] t)
        {
            int n = D("N"), d = D("D"), x = At("x"), gamma = At("gamma"), beta = At("beta");
            double eps = Case["eps"][0];
            var r = Case["R"];
            // Groups: columns for batch norm, rows for layer norm; index(g, k) is the k-th member of group g.
            int groups = _overBatch ? d : n, size = _overBatch ? n : d;
            Func<int, int, int> index = _overBatch ? (Func<int, int, int>)((g, k) => k * d + g) : (g, k) => g * d + k;
            double total = 0;
            for (int g = 0; g < groups; g++)
            {
                double mean = 0, variance = 0;
                for (int k = 0; k < size; k++) mean += t[x + index(g, k)];
                mean /= size;
                for (int k = 0; k < size; k++) variance += (t[x + index(g, k)] - mean) * (t[x + index(g, k)] - mean);
                variance /= size;
                double sd = Math.Sqrt(variance + eps);
                for (int k = 0; k < size; k++)
                {
                    int i = index(g, k), feature = i % d;
                    double xhat = (t[x + i] - mean) / sd;
                    total += r[i] * (t[gamma + feature] * xhat + t[beta + feature]);
                }
            }
            return total;
        }
    }
}
