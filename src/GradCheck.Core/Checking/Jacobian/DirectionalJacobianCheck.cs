using System.Collections.Generic;
using System.Linq;

namespace GradCheck
{
    /// <summary>
    /// The directional mode: K random pairs (u, v), each the scalar directional check of ⟨u, f(x)⟩ along v, so that
    /// the centred difference uᵀ(f(x+hv) − f(x−hv))/2h is compared with Backward(x, u)·v (torch's fast mode) and,
    /// for a forward derivative, with uᵀ·Forward(x, v). The first failing pair is localised: u restricted to each
    /// output block, and the scalar check restricts v to each input block.
    /// </summary>
    internal static class DirectionalJacobianCheck
    {
        public static JacobianCheckResult Run(JacobianContext context)
        {
            int seed = context.Options.Seed ?? GradientChecker.NewSeed();
            var checks = new List<GradientCheckResult>();
            CheckVerdict? forward = null;
            for (int k = 0; k < context.Options.Directions; k++)
            {
                context.Cancel.ThrowIfCancellationRequested();
                var u = Upstream(seed, k, context.OutputCount);
                checks.Add(Along(context, u, seed, k));
                if (context.Function is IForwardDerivative derivative)
                {
                    var verdict = Forward(context, derivative, u, seed, k);
                    forward = forward.HasValue ? JacobianResultBuilder.Worse(forward.Value, verdict) : verdict;
                }
            }
            var result = JacobianResultBuilder.Start(JacobianMode.Directional, context);
            result.Seed = seed;
            result.Directions = checks.Select((c, k) => Named(c.Directions[0], k)).ToArray();
            result.Difference = DirectionalChecker.Difference(result.Directions);
            var overall = JacobianResultBuilder.Combined(result.Directions, d => d.Verdict, true);
            result.ForwardVerdict = forward;
            result.Blocks = Localise(context, checks, seed, overall).ToArray();
            JacobianResultBuilder.Count(result, context.Options);
            result.CheckedCount = checks.Count;
            result.FailedCount = result.Directions.Count(d => d.Verdict == CheckVerdict.Wrong);
            result.InconclusiveCount = result.Directions.Count(d => d.Verdict == CheckVerdict.Inconclusive);
            return JacobianResultBuilder.Finish(result, context, overall, JacobianMessages.Directional);
        }

        /// <summary>u of pair k: ±1 in every output entry, from its own stream of the seed.</summary>
        public static double[] Upstream(int seed, int k, int outputs) =>
            DirectionalChecker.DirectionOf(unchecked(seed ^ 0x2545F491), k, outputs);

        /// <summary>The scalar directional check of ⟨u, f⟩ along v = direction 0 of seed + k.</summary>
        private static GradientCheckResult Along(JacobianContext context, double[] u, int seed, int k)
        {
            var objective = new ProjectedObjective(context.Evaluations, u, "u" + k);
            var gradient = context.Backward(u, "u" + k);
            return AlongPair(context, objective, gradient, seed, k);
        }

        /// <summary>
        /// The scalar directional check of <paramref name="objective"/> along v of pair k (direction 0 of seed + k),
        /// with <paramref name="gradient"/> as the gradient under test.
        /// </summary>
        private static GradientCheckResult AlongPair(JacobianContext context, IGradientObjective objective,
            double[] gradient, int seed, int k) =>
            context.ScalarChecker(o =>
            {
                o.Directions = 1;
                o.Seed = unchecked(seed + k);
            }).Check(objective, context.X, gradient, context.Cancel);

        /// <summary>
        /// uᵀ·Forward(x, v), judged by the same scalar directional check as Backward(x, u)·v: the check is given the
        /// gradient (uᵀJv / P)·v, whose product with v (every entry ±1) is uᵀJv, and reads the same kept evaluations.
        /// </summary>
        internal static CheckVerdict Forward(JacobianContext context, IForwardDerivative derivative, double[] u,
            int seed, int k)
        {
            var v = DirectionalChecker.DirectionOf(unchecked(seed + k), 0, context.InputCount);
            context.CountDerivative();
            var jv = Validation.GuardBackward(() => derivative.Forward((double[])context.X.Clone(), v), "v" + k);
            Validation.Output(context.Function.OutputLayout, jv, () => "Forward(x, v" + k + ")");
            double projected = 0;
            for (int i = 0; i < jv.Length; i++) projected += u[i] * jv[i];
            var gradient = new double[v.Length];
            for (int j = 0; j < v.Length; j++) gradient[j] = projected / v.Length * v[j];
            var objective = new ProjectedObjective(context.Evaluations, u, "u" + k);
            return AlongPair(context, objective, gradient, seed, k).Directions[0].Verdict;
        }

        private static DirectionResult Named(DirectionResult d, int k)
        {
            d.Name = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return d;
        }

        /// <summary>
        /// Every block pair gets the overall verdict, unless a pair failed: then the first failing pair is checked
        /// again with u restricted to each output block, and each of those checks localises its input blocks.
        /// </summary>
        private static IEnumerable<JacobianBlockResult> Localise(JacobianContext context,
            List<GradientCheckResult> checks, int seed, CheckVerdict overall)
        {
            int failing = checks.FindIndex(c => c.Verdict == CheckVerdict.Wrong);
            var outputs = context.Function.OutputLayout.Blocks;
            var inputs = context.Function.InputLayout.Blocks;
            foreach (var output in outputs)
            {
                var restricted = failing < 0 ? null : Restricted(context, seed, failing, output);
                for (int b = 0; b < inputs.Count; b++)
                    yield return new JacobianBlockResult
                    {
                        Name = JacobianResultBuilder.PairName(output.Name, inputs[b].Name),
                        Output = output.Name,
                        Input = inputs[b].Name,
                        Difference = restricted?.Blocks[b].Difference ?? double.NaN,
                        MaxAbsError = restricted?.Blocks[b].MaxAbsError ?? 0,
                        MaxToleranceRatio = restricted?.Blocks[b].MaxToleranceRatio ?? 0,
                        FailedCount = restricted?.Blocks[b].FailedCount ?? 0,
                        CheckedCount = 1,
                        Verdict = restricted?.Blocks[b].Verdict ?? overall,
                    };
            }
        }

        private static GradientCheckResult Restricted(JacobianContext context, int seed, int k, ParameterBlock output)
        {
            var u = Upstream(seed, k, context.OutputCount);
            for (int i = 0; i < u.Length; i++)
                if (i < output.Offset || i >= output.Offset + output.Count) u[i] = 0;
            return Along(context, u, seed, k);
        }
    }
}
