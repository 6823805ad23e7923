using System;

namespace GradCheck
{
    /// <summary>
    /// The full mode: every input entry moved by ±h, one evaluation giving the whole output, and each output's row of
    /// J judged by the scalar check of that output (so each entry gets the error-aware rule with the noise of its own
    /// output). The M scalar checks read one set of kept evaluations, so f is evaluated as often as for one of them.
    /// </summary>
    internal static class FullJacobianCheck
    {
        public static JacobianCheckResult Run(JacobianContext context)
        {
            var analytic = AnalyticJacobian.FromRows(context);
            int? seed = context.Options.Sample > 0 ? context.Options.Seed ?? GradientChecker.NewSeed() : (int?)null;
            var rows = Components(context, analytic, seed);
            var result = JacobianResultBuilder.Start(JacobianMode.Full, context);
            result.Seed = seed;
            var verdict = JacobianResultBuilder.FromComponents(result, context, rows, analytic);
            if (context.Function is IForwardDerivative forward)
            {
                var columns = AnalyticJacobian.FromColumns(context, forward);
                var check = JacobianResultBuilder.Start(JacobianMode.Full, context);
                result.ForwardVerdict = JacobianResultBuilder.FromComponents(check, context,
                    Components(context, columns, seed), columns);
                result.ForwardFailedBlocks = check.FailedBlocks;
            }
            return JacobianResultBuilder.Finish(result, context, verdict, JacobianMessages.Full);
        }

        /// <summary>
        /// Row i of <paramref name="analytic"/> checked as the gradient of output i. For a thread-safe function the
        /// ±h evaluations are made ahead on every core and the outputs are checked in parallel, each on one thread
        /// (its look-ups are cheaper than sharing them out); otherwise everything runs on the calling thread.
        /// </summary>
        private static GradientCheckResult[] Components(JacobianContext context, double[,] analytic, int? seed)
        {
            var checker = context.ScalarChecker(o =>
            {
                o.Seed = seed;
                o.Directions = 0;
            });
            var rows = new GradientCheckResult[context.OutputCount];
            if (!(context.Function is IThreadSafeObjective))
            {
                for (int i = 0; i < rows.Length; i++)
                    rows[i] = Component(context, checker, analytic, i, i, rows.Length);
                return rows;
            }
            double h = context.Options.Epsilon;
            var entries = Indices.All(context.InputCount);
            var grid = StepGrid.For(context.Options, context.X);
            context.Evaluations.Prefill(entries, new[] { h, -h }, grid.Moved,
                context.Options.DegreeOfParallelism, context.Cancel);
            ParallelRows.Run(rows.Length, context.Options.DegreeOfParallelism, context.Cancel, context.Progress,
                context.Clock, i => rows[i] = Component(context, checker, analytic, i, -1, rows.Length));
            return rows;
        }

        /// <summary>
        /// Output i's scalar check; <paramref name="reporting"/> is i on the calling thread, -1 on others.
        /// </summary>
        private static GradientCheckResult Component(JacobianContext context, GradientChecker checker,
            double[,] analytic, int i, int reporting, int outputs) =>
            checker.Check(new OutputComponent(context.Evaluations, i), context.X, AnalyticJacobian.Row(analytic, i),
                context.Cancel, reporting < 0 ? null : Progress(context, reporting, outputs));

        /// <summary>Output i's progress as part of all M: the first output evaluates nearly everything.</summary>
        private static Action<CheckProgress> Progress(JacobianContext context, int output, int outputs)
        {
            if (context.Progress == null) return null;
            return p => context.Progress(new CheckProgress(output * p.Total + p.Completed, outputs * p.Total,
                context.Clock.Elapsed));
        }
    }
}
