// Part of the corpus in JacobianLayers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.JacobianCorpus
{
    /// <summary>How closely the C# layers reproduce torch (forward, vjp, Jacobian) and the numpy bugs.</summary>
    public static class JacobianFidelity
    {
        /// <summary>max_i |y_C# − y_torch| / |y_torch|, over the outputs (0/0 counting as 0).</summary>
        public static double ForwardError(JacobianCase c)
        {
            var y = JacobianLayer.Create(c).Evaluate((double[])c.X.Clone());
            double worst = 0;
            for (int i = 0; i < y.Length; i++)
            {
                double d = Math.Abs(y[i] - c.Y[i]);
                if (d > 0) worst = Math.Max(worst, d / Math.Abs(c.Y[i]));
            }
            return worst;
        }

        /// <summary>The C# vjp of dout (the correct one, or bug <paramref name="bug"/>'s) against torch's (or the
        /// numpy bug's): max over input blocks of max |Δ| / max |reference| in the block.</summary>
        public static double VjpError(JacobianCase c, string bug = null)
        {
            var reference = string.IsNullOrEmpty(bug) ? c.Vjp : c.Bugs.Single(b => b.Kind == bug).Vjp;
            var g = JacobianLayer.Create(c, bug).Backward((double[])c.X.Clone(), (double[])c.Dout.Clone());
            double worst = 0;
            foreach (var block in c.InputLayout.Blocks)
            {
                double top = 0, d = 0;
                for (int j = block.Offset; j < block.Offset + block.Count; j++)
                {
                    top = Math.Max(top, Math.Abs(reference[j]));
                    d = Math.Max(d, Math.Abs(g[j] - reference[j]));
                }
                if (d > 0) worst = Math.Max(worst, top > 0 ? d / top : double.PositiveInfinity);
            }
            return worst;
        }

        /// <summary>
        /// Every way the C# layer of a case misses its goals: y against torch's beyond 1e-12 relative per entry, the
        /// correct backward's vjp of dout and Jacobian against torch's beyond 1e-10 (relative to the largest entry of
        /// the block or pair), each buggy backward's against the numpy bug's the same. Empty when all hold.
        /// </summary>
        public static string[] Problems(JacobianCase c, double forwardMatch, double match)
        {
            var problems = new List<string>();
            double e = ForwardError(c);
            if (!(e <= forwardMatch)) problems.Add($"{c.Id}: y off by {e:G3} relative");
            foreach (var bug in new string[] { null }.Concat(c.Bugs.Select(b => b.Kind)))
            {
                string what = bug ?? "the correct backward";
                double v = VjpError(c, bug), j = JacobianError(c, bug);
                if (!(v <= match)) problems.Add($"{c.Id}: {what}'s vjp of dout off by {v:G3}");
                if (!(j <= match)) problems.Add($"{c.Id}: {what}'s Jacobian off by {j:G3}");
            }
            return problems.ToArray();
        }

        /// <summary>
        /// What is off in a case's bug records: a pair whose stored buggy Jacobian moves from torch's by more than 1e-9
        /// of the pair's largest entry but is not listed as changed, a kink-only bug that moves a column off a kink,
        /// a bug that changes nothing. Empty when the records agree with the Jacobians.
        /// </summary>
        public static string[] BugRecordErrors(JacobianCase c)
        {
            var errors = new List<string>();
            int n = c.Inputs;
            foreach (var bug in c.Bugs)
            {
                if (bug.Changed.Length == 0) errors.Add($"{c.Id}/{bug.Kind}: changes nothing");
                foreach (var o in c.OutputLayout.Blocks)
                    foreach (var b in c.InputLayout.Blocks)
                    {
                        string pair = JacobianCase.PairName(o.Name, b.Name);
                        double top = 0;
                        bool moved = false;
                        for (int i = o.Offset; i < o.Offset + o.Count; i++)
                            for (int j = b.Offset; j < b.Offset + b.Count; j++)
                                top = Math.Max(top, Math.Abs(c.Jacobian[i * n + j]));
                        for (int i = o.Offset; i < o.Offset + o.Count; i++)
                            for (int j = b.Offset; j < b.Offset + b.Count; j++)
                            {
                                if (!(Math.Abs(bug.Jacobian[i * n + j] - c.Jacobian[i * n + j]) > 1e-9 * top)) continue;
                                moved = true;
                                if (bug.KinkOnly && !c.Kinks.Contains(j))
                                    errors.Add($"{c.Id}/{bug.Kind}: kink-only but moves column {j}");
                            }
                        if (moved && !bug.Changed.Contains(pair)) errors.Add($"{c.Id}/{bug.Kind}: {pair} not listed");
                    }
            }
            return errors.Distinct().ToArray();
        }

        /// <summary>The Jacobian of the C# backward (rows from unit upstreams) against torch's (or the numpy bug's):
        /// max over (output, input) pairs of max |Δ| / max |reference| in the pair.</summary>
        public static double JacobianError(JacobianCase c, string bug = null)
        {
            var reference = string.IsNullOrEmpty(bug) ? c.Jacobian : c.Bugs.Single(b => b.Kind == bug).Jacobian;
            var rows = JacobianLayer.Create(c, bug).JacobianRows((double[])c.X.Clone());
            int n = c.Inputs;
            double worst = 0;
            foreach (var o in c.OutputLayout.Blocks)
                foreach (var b in c.InputLayout.Blocks)
                {
                    double top = 0, d = 0;
                    for (int i = o.Offset; i < o.Offset + o.Count; i++)
                        for (int j = b.Offset; j < b.Offset + b.Count; j++)
                        {
                            top = Math.Max(top, Math.Abs(reference[i * n + j]));
                            d = Math.Max(d, Math.Abs(rows[i * n + j] - reference[i * n + j]));
                        }
                    if (d > 0) worst = Math.Max(worst, top > 0 ? d / top : double.PositiveInfinity);
                }
            return worst;
        }
    }
}
