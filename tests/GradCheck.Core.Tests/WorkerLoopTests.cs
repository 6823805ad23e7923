using System;
using System.Collections.Concurrent;
using System.Threading;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// WorkerLoop against what the Parallel.For it replaced promised the perturbed costs: every chunk once, each on
    /// the worker its thread made (disposed at the end), progress on the calling thread while it waits, nothing
    /// started after a cancellation, and the lowest failing chunk's error whatever the timing.
    /// </summary>
    public class WorkerLoopTests
    {
        private sealed class CountingWorker : IPerturbedCostWorker, IDisposable
        {
            public int Thread = System.Threading.Thread.CurrentThread.ManagedThreadId;
            public bool Disposed;
            public double Cost(int entry, double delta) => 0;
            public void Dispose() => Disposed = true;
        }

        [Theory]
        [InlineData(1, 1)]
        [InlineData(5, 2)]
        [InlineData(400, 2)]
        [InlineData(400, 7)]
        public void EveryChunkRunsOnceOnItsThreadsOwnWorker(int chunks, int threads)
        {
            var runs = new int[chunks];
            var workers = new ConcurrentBag<CountingWorker>();
            int caller = Thread.CurrentThread.ManagedThreadId, waits = 0;
            WorkerLoop.Run(chunks, threads, () =>
            {
                var w = new CountingWorker();
                workers.Add(w);
                return w;
            }, (c, worker) =>
            {
                Assert.Equal(Thread.CurrentThread.ManagedThreadId, ((CountingWorker)worker).Thread);
                Thread.SpinWait(1000);
                Interlocked.Increment(ref runs[c]);
            }, CancellationToken.None, TimeSpan.FromMilliseconds(1), () =>
            {
                Assert.Equal(caller, Thread.CurrentThread.ManagedThreadId);
                waits++;
            });
            Assert.All(runs, n => Assert.Equal(1, n));
            Assert.InRange(workers.Count, 1, Math.Min(chunks, threads));
            Assert.All(workers, w => Assert.True(w.Disposed));
        }

        [Fact]
        public void EveryChunkRunsInTheCallersCultureAndUICulture()
        {
            // A pool work item does not carry the caller's cultures; the messages of errors are written in them.
            var culture = System.Globalization.CultureInfo.CurrentCulture;
            var uiCulture = System.Globalization.CultureInfo.CurrentUICulture;
            try
            {
                System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
                System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
                var seen = new ConcurrentBag<string>();
                WorkerLoop.Run(40, 2, c => seen.Add(System.Globalization.CultureInfo.CurrentCulture.Name + "/" +
                    System.Globalization.CultureInfo.CurrentUICulture.Name), CancellationToken.None,
                    TimeSpan.FromMilliseconds(1), null);
                Assert.Equal(40, seen.Count);
                Assert.All(seen, s => Assert.Equal("de-DE/zh-CN", s));
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentCulture = culture;
                System.Globalization.CultureInfo.CurrentUICulture = uiCulture;
            }
        }

        [Fact]
        public void TheLowestFailingChunksErrorIsRethrown()
        {
            for (int attempt = 0; attempt < 5; attempt++)
            {
                var laterFailed = new ManualResetEventSlim(false);
                var e = Assert.Throws<InvalidOperationException>(() => WorkerLoop.Run(64, 2,
                    () => new CountingWorker(), (c, _) =>
                    {
                        // Chunk 3 fails only after a later chunk has (on the other thread; alone, the wait times
                        // out), so a loop that kept the first error it saw would report the later one.
                        if (c >= 4)
                        {
                            laterFailed.Set();
                            throw new InvalidOperationException(c.ToString());
                        }
                        if (c == 3) laterFailed.Wait(TimeSpan.FromSeconds(10));
                        if (c == 3) throw new InvalidOperationException(c.ToString());
                    }, CancellationToken.None, TimeSpan.FromMilliseconds(10), null));
                Assert.Equal("3", e.Message);
            }
        }

        [Fact]
        public void NoChunkStartsAfterCancellation()
        {
            using var stop = new CancellationTokenSource();
            int started = 0;
            WorkerLoop.Run(10000, 2, () => new CountingWorker(), (c, _) =>
            {
                if (Interlocked.Increment(ref started) == 50) stop.Cancel();
            }, stop.Token, TimeSpan.FromMilliseconds(10), null);
            Assert.InRange(started, 50, 51);
        }
    }
}
