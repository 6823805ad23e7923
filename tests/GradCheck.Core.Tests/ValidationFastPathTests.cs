using System;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// The two checks of θ that now skip their per-entry loop when they can: Kernels.AllFinite against IsNaN and
    /// IsInfinity entry by entry, and StepGrid.ResolvesEverywhere against Resolves for every entry (it may say
    /// "visit each" when all resolve, never "all resolve" when one does not).
    /// </summary>
    public class ValidationFastPathTests
    {
        [Theory]
        [InlineData(0, double.NaN)]
        [InlineData(3, double.PositiveInfinity)]
        [InlineData(4, double.NegativeInfinity)]
        [InlineData(12, double.NaN)]
        [InlineData(13, double.PositiveInfinity)]
        [InlineData(-1, 0.0)]
        public void AllFiniteIsFalseExactlyWhenSomeEntryIsNotFinite(int at, double value)
        {
            foreach (int length in new[] { 1, 4, 5, 14, 17, 1001 })
            {
                var x = new double[length];
                for (int i = 0; i < length; i++) x[i] = (i % 3 - 1) * Math.Pow(10, i % 600 - 300);
                x[0] = -0.0;
                if (length > 1) x[length - 1] = double.MaxValue;
                if (at >= 0 && at < length) x[at] = value;
                bool expected = Array.TrueForAll(x, v => !double.IsNaN(v) && !double.IsInfinity(v));
                Assert.Equal(expected, Kernels.AllFinite(x));
            }
        }

        [Theory]
        [InlineData(1.0)]
        [InlineData(1024.0)]
        [InlineData(0.75)]
        [InlineData(3e-310)]
        [InlineData(1e300)]
        [InlineData(0.0)]
        public void AllResolveWheneverResolvesEverywhereSaysSo(double largest)
        {
            var theta = new[] { largest, -largest / 3, largest / 2, 0, -largest, largest * 0.999 };
            var grid = StepGrid.For(Precision.Double, theta, false);
            double bound = largest * Tolerances.MachineEpsilon;
            foreach (double h in new[] { bound, bound * 1.5, bound * 0.75, bound * 0.5, bound * 0.25, 1e-7, 1e-320 })
            {
                if (!(h > 0)) continue;
                bool all = true;
                for (int i = 0; i < theta.Length; i++) all &= grid.Resolves(i, h);
                if (grid.ResolvesEverywhere(h)) Assert.True(all, $"h = {h:R} for largest {largest:R}");
                if (h >= bound) Assert.True(grid.ResolvesEverywhere(h));
            }
        }

        [Fact]
        public void TooSmallAStepIsStillFoundAndNamed()
        {
            var theta = new[] { 0.5, 3.0, 1e10 };
            var layout = ParameterLayout.Single("theta", theta.Length);
            var grid = StepGrid.For(Precision.Double, theta, false);
            Assert.False(grid.ResolvesEverywhere(1e-7));
            var e = Assert.Throws<GradCheckException>(() => Validation.StepResolves(layout, theta, 1e-7, grid));
            Assert.Equal(ErrorIds.EpsilonTooSmall, e.ErrorId);
            Assert.Equal(layout.EntryName(2), e.Target);
        }
    }
}
