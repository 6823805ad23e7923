using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GradCheck
{
    /// <summary>
    /// The outputs of a thread-safe function checked on every core, each by one thread writing only its own slot;
    /// the calling thread waits, reports progress about ten times a second and rethrows the error of the lowest
    /// output that failed. (With Stop, a higher output may not have run: which outputs fail can depend on timing only
    /// among outputs above the lowest one that fails first in index order.)
    /// </summary>
    internal static class ParallelRows
    {
        private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(100);

        public static void Run(int count, int threads, CancellationToken cancel, Action<CheckProgress> progress,
            Stopwatch clock, Action<int> body)
        {
            long done = 0;
            var errors = new Exception[count];
            var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancel };
            var run = Task.Run(() => Parallel.For(0, count, options, (i, state) =>
            {
                try { body(i); }
                catch (Exception e)
                {
                    errors[i] = e;
                    state.Stop();
                }
                Interlocked.Increment(ref done);
            }));
            while (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(ReportInterval))
                progress?.Invoke(new CheckProgress(Interlocked.Read(ref done), count, clock.Elapsed));
            try { run.GetAwaiter().GetResult(); }
            catch (OperationCanceledException) { }
            ThrowLowest(errors);
            cancel.ThrowIfCancellationRequested();
        }

        /// <summary>The error of the lowest index that failed, if any, as it was thrown.</summary>
        public static void ThrowLowest(Exception[] errors)
        {
            var first = errors.FirstOrDefault(e => e != null);
            if (first != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
    }
}
