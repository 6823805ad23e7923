using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// A loop over independent parts, shared by the calling thread and up to one pool thread per other core. It
    /// stands in for Parallel.For in propagation: Parallel.For's worker is generic code that no ReadyToRun image
    /// holds, so a first check in a new shell JIT-compiled it (5 to 9 ms of the first forward pass). Each part
    /// writes only its own slots, so which thread runs it cannot change a bit.
    /// </summary>
    internal sealed class ParallelParts
    {
        private readonly int _parts;
        private readonly Action<int> _body;
        private readonly ManualResetEventSlim _done = new ManualResetEventSlim(false);
        private readonly object _failureGate = new object();
        private int _next;
        private int _unfinished;
        private int _failedPart = int.MaxValue;
        private Exception _failure;

        private ParallelParts(int parts, Action<int> body)
        {
            _parts = parts;
            _body = body;
            _unfinished = parts;
        }

        /// <summary>
        /// Runs <paramref name="body"/>(part) once for every part in [0, <paramref name="parts"/>) and returns when
        /// all have. The calling thread takes parts too, so the loop finishes even when no pool thread comes. When
        /// parts throw, the exception of the lowest part is rethrown, whatever the timing.
        /// </summary>
        public static void Run(int parts, Action<int> body)
        {
            int helpers = Math.Min(parts, Environment.ProcessorCount) - 1;
            if (helpers <= 0)
            {
                for (int part = 0; part < parts; part++) body(part);
                return;
            }
            var loop = new ParallelParts(parts, body);
            for (int h = 0; h < helpers; h++) ThreadPool.UnsafeQueueUserWorkItem(Help, loop);
            loop.Work();
            // Not disposed: the thread that set it may still be inside Set, and an event never asked for its
            // wait handle holds nothing the collector cannot free.
            loop._done.Wait();
            if (loop._failure != null) ExceptionDispatchInfo.Capture(loop._failure).Throw();
        }

        private static void Help(object loop) => ((ParallelParts)loop).Work();

        /// <summary>Claims parts until none is left; the thread that finishes the last one signals.</summary>
        private void Work()
        {
            int part;
            while ((part = Interlocked.Increment(ref _next) - 1) < _parts)
            {
                try { _body(part); }
                catch (Exception e) { Record(part, e); }
                if (Interlocked.Decrement(ref _unfinished) == 0) _done.Set();
            }
        }

        private void Record(int part, Exception e)
        {
            lock (_failureGate)
            {
                if (part >= _failedPart) return;
                _failedPart = part;
                _failure = e;
            }
        }
    }
}
