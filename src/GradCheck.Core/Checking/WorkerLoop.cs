using System;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// The loop that spreads work over threads (the perturbed costs, the rows of a Jacobian, its evaluations ahead):
    /// each pool thread makes one worker and takes chunks in order until none is left, while the calling thread only
    /// waits and reports progress, so that progress and cancellation stay on it. It stands in for Task.Run around
    /// Parallel.For with thread-local workers, generic code over value types that no ReadyToRun image holds, which a
    /// first check in a new shell JIT-compiled; the worker is any reference type, whose shared generic code our image
    /// holds. Each chunk writes only its own slots, so which thread runs it cannot change a bit.
    /// </summary>
    internal sealed class WorkerLoop
    {
        /// <summary>The worker of chunks that need none: one object, so that a thread makes it once.</summary>
        private static readonly object NoWorker = new object();

        private readonly int _chunks;
        private readonly Func<object> _createWorker;
        private readonly Action<int, object> _body;
        private readonly CancellationToken _cancel;
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
        private readonly ManualResetEventSlim _done = new ManualResetEventSlim(false);
        private readonly object _failureGate = new object();
        private int _next;
        private int _running;
        private int _failedChunk = int.MaxValue;
        private Exception _failure;

        private WorkerLoop(int chunks, Func<object> createWorker, Action<int, object> body, CancellationToken cancel)
        {
            _chunks = chunks;
            _createWorker = createWorker;
            _body = body;
            _cancel = cancel;
        }

        /// <summary>
        /// Runs <paramref name="body"/>(chunk, worker) for every chunk in [0, <paramref name="chunks"/>) on up to
        /// <paramref name="threads"/> pool threads and calls <paramref name="waiting"/> every
        /// <paramref name="interval"/> until they are done. Once cancellation is requested or a chunk has thrown,
        /// no chunk starts. The error of the lowest chunk that threw is rethrown: chunks are taken in order, so every
        /// chunk below it has run, and the error is the same whatever the timing.
        /// </summary>
        /// <remarks>A worker that is <see cref="IDisposable"/> is disposed after its thread's last chunk.</remarks>
        public static void Run<TWorker>(int chunks, int threads, Func<TWorker> createWorker,
            Action<int, TWorker> body, CancellationToken cancel, TimeSpan interval, Action waiting)
            where TWorker : class
        {
            var loop = new WorkerLoop(chunks, () => createWorker(), (c, w) => body(c, (TWorker)w), cancel);
            int helpers = Math.Max(1, Math.Min(threads, chunks));
            loop._running = helpers;
            for (int h = 0; h < helpers; h++) ThreadPool.UnsafeQueueUserWorkItem(Help, loop);
            // Not disposed: the last helper may still be inside Set, and an event never asked for its wait handle
            // holds nothing the collector cannot free.
            while (!loop._done.Wait(interval)) waiting?.Invoke();
            if (loop._failure != null) ExceptionDispatchInfo.Capture(loop._failure).Throw();
        }

        /// <summary>
        /// <see cref="Run{TWorker}"/> for chunks that need no worker of their own: body(chunk) for every chunk.
        /// </summary>
        public static void Run(int chunks, int threads, Action<int> body, CancellationToken cancel, TimeSpan interval,
            Action waiting) =>
            Run(chunks, threads, () => NoWorker, (c, _) => body(c), cancel, interval, waiting);

        private static void Help(object loop) => ((WorkerLoop)loop).Work();

        /// <summary>
        /// One thread's share, under the calling thread's culture and UI culture: a pool work item does not carry
        /// them, and the messages of a chunk's errors are written in them. The thread's own are restored after.
        /// </summary>
        private void Work()
        {
            var culture = CultureInfo.CurrentCulture;
            var uiCulture = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
            try { TakeChunks(); }
            finally
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = uiCulture;
            }
        }

        /// <summary>Chunks in order until none is left, on one worker made at the first, disposed at the end.</summary>
        private void TakeChunks()
        {
            object worker = null;
            try
            {
                int chunk;
                while (!_cancel.IsCancellationRequested && Volatile.Read(ref _failure) == null
                    && (chunk = Interlocked.Increment(ref _next) - 1) < _chunks)
                {
                    try { _body(chunk, worker = worker ?? _createWorker()); }
                    catch (Exception e) { Record(chunk, e); }
                }
            }
            finally
            {
                try { (worker as IDisposable)?.Dispose(); }
                catch (Exception e) { Record(_chunks, e); }
                if (Interlocked.Decrement(ref _running) == 0) _done.Set();
            }
        }

        private void Record(int chunk, Exception e)
        {
            lock (_failureGate)
            {
                if (chunk >= _failedChunk) return;
                _failedChunk = chunk;
                Volatile.Write(ref _failure, e);
            }
        }
    }
}
