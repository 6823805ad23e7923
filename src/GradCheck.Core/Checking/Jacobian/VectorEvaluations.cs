using System;
using System.Collections.Concurrent;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// Every evaluation of a vector function during one check, kept: one evaluation gives the whole output, and the
    /// scalar checks of its M components ask for the same points. A point with one entry moved is looked up by
    /// (entry, step); any other point by its bits. Each value is validated once, when it is computed. The keys are
    /// classes: a dictionary keyed by a struct is generic code that no precompiled image holds, JIT-compiled at the
    /// first check in every new shell.
    /// </summary>
    internal sealed class VectorEvaluations
    {
        private static readonly TimeSpan NoReports = Timeout.InfiniteTimeSpan;
        private readonly IVectorFunction _function;
        private readonly double[] _x;
        private readonly ConcurrentDictionary<MovedKey, double[]> _moved =
            new ConcurrentDictionary<MovedKey, double[]>();
        private readonly ConcurrentDictionary<Key, double[]> _points = new ConcurrentDictionary<Key, double[]>();
        private long _count;

        public VectorEvaluations(IVectorFunction function, double[] x)
        {
            _function = function;
            _x = (double[])x.Clone();
            Centre = Kept(_points, new Key(_x), Call((double[])x.Clone(), () => Text.English("FunctionPointX")));
        }

        /// <summary>f(x).</summary>
        public double[] Centre { get; }

        /// <summary>How many times f was evaluated.</summary>
        public long Count => Interlocked.Read(ref _count);

        public IVectorFunction Function => _function;

        /// <summary>f at x with entry <paramref name="entry"/> moved by <paramref name="step"/>.</summary>
        /// <param name="work">A copy of x that the caller owns; it comes back unchanged.</param>
        public double[] Moved(int entry, double step, double[] work)
        {
            var key = new MovedKey(entry, step);
            if (_moved.TryGetValue(key, out var known)) return known;
            // A copy for the function: one that writes into its argument cannot change the next point.
            var point = (double[])work.Clone();
            point[entry] = work[entry] + step;
            var y = Call(point, () => Text.English("CostPointMoved", _function.InputLayout.EntryName(entry),
                step < 0 ? "-" : "+", Format.Number(Math.Abs(step))));
            return Kept(_moved, key, y);
        }

        /// <summary>
        /// f at x with each of <paramref name="entries"/> moved by each of <paramref name="steps"/>, computed ahead
        /// on every core for a thread-safe function, so that the scalar checks of the outputs find them kept. Each
        /// value depends only on (entry, step), so the thread count changes no bit; the error of the lowest entry
        /// that failed is rethrown (<see cref="WorkerLoop"/>).
        /// </summary>
        /// <param name="move">Entry i's move for a step (see StepGrid), as the scalar checks will ask for it.</param>
        public void Prefill(int[] entries, double[] steps, Func<int, double, double> move, int threads,
            CancellationToken cancel)
        {
            WorkerLoop.Run(entries.Length, threads, () => (double[])_x.Clone(), (j, work) =>
            {
                foreach (double step in steps) Moved(entries[j], move(entries[j], step), work);
            }, cancel, NoReports, null);
            cancel.ThrowIfCancellationRequested();
        }

        /// <summary>f at any point.</summary>
        public double[] At(double[] point)
        {
            if (_points.TryGetValue(new Key(point), out var known)) return known;
            var y = Call((double[])point.Clone(), () => Text.English("FunctionPointOther"));
            // The key keeps a copy: callers reuse their point arrays.
            return Kept(_points, new Key((double[])point.Clone()), y);
        }

        /// <summary>
        /// The value kept for <paramref name="key"/>: <paramref name="y"/>, or what another thread kept first (both
        /// are the same bits). Only kept values count as evaluations, so the count does not depend on the timing.
        /// </summary>
        private double[] Kept<TKey>(ConcurrentDictionary<TKey, double[]> kept, TKey key, double[] y)
        {
            if (kept.TryAdd(key, y)) Interlocked.Increment(ref _count);
            return kept[key];
        }

        /// <summary>f(point), its length and every entry checked; <paramref name="where"/> names the point.</summary>
        private double[] Call(double[] point, Func<string> where)
        {
            double[] y;
            try { y = _function.Evaluate(point); }
            catch (Exception e) when (Validation.IsForeign(e))
            {
                throw new GradCheckException(ErrorIds.FunctionThrew, GradCheckErrorKind.InvalidResult, where(),
                    Text.Format("FunctionThrew", where(), e.Message), e);
            }
            return Validation.Output(_function.OutputLayout, y, where);
        }

        /// <summary>A point with one entry moved: the entry and the step's bits.</summary>
        private sealed class MovedKey : IEquatable<MovedKey>
        {
            private readonly int _entry;
            private readonly long _step;

            public MovedKey(int entry, double step)
            {
                _entry = entry;
                _step = BitConverter.DoubleToInt64Bits(step);
            }

            public bool Equals(MovedKey other) => other != null && other._entry == _entry && other._step == _step;

            public override bool Equals(object obj) => Equals(obj as MovedKey);

            public override int GetHashCode() => unchecked(_entry * 31 + (int)(_step ^ (_step >> 32)));
        }

        /// <summary>A point by its bits, compared in full on a hash match.</summary>
        private sealed class Key : IEquatable<Key>
        {
            private readonly double[] _values;
            private readonly int _hash;

            public Key(double[] values)
            {
                _values = values;
                long h = 1469598103934665603L;
                foreach (double v in values) h = (h ^ BitConverter.DoubleToInt64Bits(v)) * 1099511628211L;
                _hash = (int)(h ^ (h >> 32));
            }

            public bool Equals(Key other)
            {
                if (other == null || other._hash != _hash || other._values.Length != _values.Length) return false;
                for (int i = 0; i < _values.Length; i++)
                    if (BitConverter.DoubleToInt64Bits(_values[i]) != BitConverter.DoubleToInt64Bits(other._values[i]))
                        return false;
                return true;
            }

            public override bool Equals(object obj) => Equals(obj as Key);

            public override int GetHashCode() => _hash;
        }
    }
}
