using System;
using System.Diagnostics;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// Costs at θ ± k·h·eᵢ for every checked entry. Objectives that are <see cref="IPerturbedCostSource"/>
    /// are evaluated on all cores; every other objective (scriptblocks above all) on the calling thread.
    /// Either way each cost depends only on (entry, step), so the result is the same whatever the
    /// thread count.
    /// </summary>
    internal static class PerturbedCosts
    {
        /// <summary>
        /// Workers for a thread-safe objective: each moves one entry of its own copy of θ and calls Cost.
        /// </summary>
        private sealed class CopyingCostSource : IPerturbedCostSource
        {
            private readonly IGradientObjective _objective;

            public CopyingCostSource(IGradientObjective objective) => _objective = objective;

            public IPerturbedCostWorker CreateWorker(double[] theta) =>
                new MovingWorker(_objective, (double[])theta.Clone());
        }

        private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(100);

        /// <summary>
        /// Costs[s][j] = J(θ with θ[entries[j]] += deltas[s]); Crossed[s][j] says whether that point changed an
        /// activation branch (null when the objective cannot tell). The objective's errors propagate.
        /// </summary>
        public static (double[][] Costs, bool[][] Crossed) Evaluate(IGradientObjective objective, double[] theta,
            int[] entries, double[] deltas, StepGrid grid, int threads, CancellationToken cancel,
            Action<CheckProgress> progress)
        {
            var costs = new double[deltas.Length][];
            for (int s = 0; s < deltas.Length; s++) costs[s] = new double[entries.Length];
            var source = objective as IPerturbedCostSource
                ?? (objective is IThreadSafeObjective ? new CopyingCostSource(objective) : null);
            if (source == null || source is ICallerThreadCostSource)
            {
                var worker = source?.CreateWorker(theta) ?? new MovingWorker(objective, (double[])theta.Clone());
                EvaluateSequential(worker, entries, deltas, grid, costs, cancel, progress);
                return (costs, null);
            }
            var crossed = new bool[deltas.Length][];
            for (int s = 0; s < deltas.Length; s++) crossed[s] = new bool[entries.Length];
            bool aware = EvaluateParallel(source, theta, entries, deltas, grid, costs, crossed, threads, cancel,
                progress);
            return (costs, aware ? crossed : null);
        }

        /// <summary>The objective's own exception as CostThrew, naming the entry that was moved.</summary>
        private static GradCheckException CostThrew(Exception e, int entry) =>
            new GradCheckException(ErrorIds.CostThrew, GradCheckErrorKind.InvalidResult, entry,
                Text.Format("CostThrewMovingEntry", entry, e.Message), e);

        /// <summary>
        /// The sequential path's worker: moves entry i of its copy of θ, as numpy's thetaplus[i] = thetaplus[i] +
        /// epsilon (rounded once), calls Cost, and restores the entry exactly.
        /// </summary>
        private sealed class MovingWorker : IPerturbedCostWorker
        {
            private readonly IGradientObjective _objective;
            private readonly double[] _work;

            public MovingWorker(IGradientObjective objective, double[] work)
            {
                _objective = objective;
                _work = work;
            }

            public double Cost(int entry, double delta)
            {
                double original = _work[entry];
                _work[entry] = original + delta;
                try { return _objective.Cost(_work); }
                finally { _work[entry] = original; }
            }
        }

        /// <summary>Every cost on the calling thread, one worker, with progress about ten times a second.</summary>
        private static void EvaluateSequential(IPerturbedCostWorker worker, int[] entries, double[] deltas,
            StepGrid grid, double[][] costs, CancellationToken cancel, Action<CheckProgress> progress)
        {
            var clock = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            for (int j = 0; j < entries.Length; j++)
            {
                cancel.ThrowIfCancellationRequested();
                for (int s = 0; s < deltas.Length; s++)
                {
                    try { costs[s][j] = worker.Cost(entries[j], grid.Moved(entries[j], deltas[s])); }
                    catch (Exception e) when (Validation.IsForeign(e)) { throw CostThrew(e, entries[j]); }
                }
                if (progress != null && clock.Elapsed - lastReport >= ReportInterval)
                {
                    lastReport = clock.Elapsed;
                    progress(new CheckProgress(j + 1, entries.Length, clock.Elapsed));
                }
            }
        }

        private static bool EvaluateParallel(IPerturbedCostSource source, double[] theta, int[] entries,
            double[] deltas, StepGrid grid, double[][] costs, bool[][] crossed, int threads, CancellationToken cancel,
            Action<CheckProgress> progress)
        {
            long completed = 0;
            int aware = 1;
            // Chunks of entries keep the bookkeeping per evaluation small; each chunk writes only its own
            // slots, so the order in which threads finish cannot change a single bit.
            int chunk = Math.Max(1, Math.Min(256, entries.Length / (threads * 8)));
            int chunkCount = (entries.Length + chunk - 1) / chunk;
            var clock = Stopwatch.StartNew();
            // The calling thread waits, so progress and cancellation stay on it; the lowest failing chunk's error,
            // the lowest entry's, is rethrown whatever the timing.
            WorkerLoop.Run(chunkCount, threads, () => source.CreateWorker(theta), (c, worker) =>
                {
                    int end = Math.Min(entries.Length, (c + 1) * chunk);
                    for (int j = c * chunk; j < end && !cancel.IsCancellationRequested; j++)
                    {
                        for (int s = 0; s < deltas.Length; s++)
                        {
                            try { costs[s][j] = worker.Cost(entries[j], grid.Moved(entries[j], deltas[s])); }
                            catch (Exception e) when (Validation.IsForeign(e)) { throw CostThrew(e, entries[j]); }
                            if (worker is IBranchAwareWorker branches) crossed[s][j] = branches.LastCostChangedBranch;
                            else aware = 0;
                        }
                    }
                    Interlocked.Add(ref completed, end - c * chunk);
                },
                cancel, ReportInterval,
                () => progress?.Invoke(new CheckProgress(Interlocked.Read(ref completed), entries.Length,
                    clock.Elapsed)));
            cancel.ThrowIfCancellationRequested();
            return aware == 1;
        }
    }
}
