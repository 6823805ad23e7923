using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GradCheck
{
    /// <summary>Progress of a running check, reported on the caller's thread.</summary>
    public sealed class CheckProgress
    {
        internal CheckProgress(long completed, long total, TimeSpan elapsed)
        {
            Completed = completed;
            Total = total;
            Elapsed = elapsed;
        }

        public long Completed { get; }

        public long Total { get; }

        public TimeSpan Elapsed { get; }

        /// <summary>Time left at the rate so far; null before the first entry is done.</summary>
        public TimeSpan? Remaining =>
            Completed == 0 ? (TimeSpan?)null
                : TimeSpan.FromTicks((long)(Elapsed.Ticks * (double)(Total - Completed) / Completed));
    }
}
