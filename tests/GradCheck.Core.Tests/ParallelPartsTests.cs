using System;
using System.Linq;
using System.Threading;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// ParallelParts against what Parallel.For promised the propagation it replaced: every part once, all done on
    /// return, and an error of a part rethrown (the lowest part's, whatever the timing).
    /// </summary>
    public class ParallelPartsTests
    {
        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(7)]
        [InlineData(1000)]
        public void EveryPartRunsOnceAndIsDoneOnReturn(int parts)
        {
            var runs = new int[parts];
            ParallelParts.Run(parts, part =>
            {
                Thread.SpinWait(part % 7 * 100);
                Interlocked.Increment(ref runs[part]);
            });
            Assert.All(runs, count => Assert.Equal(1, count));
        }

        [Fact]
        public void TheLowestFailingPartsErrorIsRethrown()
        {
            for (int attempt = 0; attempt < 5; attempt++)
            {
                var laterFailed = new ManualResetEventSlim(false);
                var e = Assert.Throws<InvalidOperationException>(() => ParallelParts.Run(64, part =>
                {
                    // Part 3 fails only after a part from 10 on has (on another thread; alone, the wait times out), so
                    // a loop that kept the first error it saw would report that one.
                    if (part >= 10)
                    {
                        laterFailed.Set();
                        throw new InvalidOperationException(part.ToString());
                    }
                    if (part == 3) laterFailed.Wait(TimeSpan.FromSeconds(10));
                    if (part == 3) throw new InvalidOperationException(part.ToString());
                }));
                Assert.Equal("3", e.Message);
            }
        }

        [Fact]
        public void NestedLoopsFinish()
        {
            var sums = new long[8];
            ParallelParts.Run(8, outer => ParallelParts.Run(100, inner => Interlocked.Add(ref sums[outer], inner)));
            Assert.All(sums, sum => Assert.Equal(Enumerable.Range(0, 100).Sum(), sum));
        }
    }
}
