using System;
using System.Diagnostics;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// The outputs of a thread-safe function checked on every core, each by one thread writing only its own slot;
    /// the calling thread waits, reports progress about ten times a second and rethrows the error of the lowest
    /// output that failed (<see cref="WorkerLoop"/>: outputs are taken in order and none starts after a failure, so
    /// every output below the lowest failing one has run and the error does not depend on the timing).
    /// </summary>
    internal static class ParallelRows
    {
        private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(100);

        public static void Run(int count, int threads, CancellationToken cancel, Action<CheckProgress> progress,
            Stopwatch clock, Action<int> body)
        {
            long done = 0;
            WorkerLoop.Run(count, threads, i =>
            {
                body(i);
                Interlocked.Increment(ref done);
            }, cancel, ReportInterval, () => progress?.Invoke(
                new CheckProgress(Interlocked.Read(ref done), count, clock.Elapsed)));
            cancel.ThrowIfCancellationRequested();
        }
    }
}
