using System;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// Kernels.ScaledDots, one row of dW = (1/m)·dZ·Aᵀ: every entry the bits of scale·Dot of its row (the kernel it
    /// replaced, so gradients keep their bits), and within rounding of the plain sum.
    /// </summary>
    public class ScaledDotsTests
    {
        [Theory]
        [InlineData(1, 1)]
        [InlineData(3, 3)]
        [InlineData(4, 4)]
        [InlineData(5, 32)]
        [InlineData(9, 13)]
        [InlineData(784, 32)]
        [InlineData(64, 7)]
        public void EachEntryIsScaleTimesDotOfItsRow(int count, int n)
        {
            var random = new Random(count * 1000 + n);
            var a = Draw(random, n + 3);
            var b = Draw(random, count * n);
            double scale = 1.0 / n;
            var y = new double[count + 5];
            Kernels.ScaledDots(y, 2, scale, a, 3, b, count, n);
            for (int q = 0; q < count; q++)
            {
                double dot = Kernels.Dot(a, 3, b, q * n, n);
                Assert.Equal(BitConverter.DoubleToInt64Bits(scale * dot), BitConverter.DoubleToInt64Bits(y[2 + q]));
                double plain = 0, size = 0;
                for (int j = 0; j < n; j++)
                {
                    plain += a[3 + j] * b[q * n + j];
                    size += Math.Abs(a[3 + j] * b[q * n + j]);
                }
                Assert.True(Math.Abs(scale * plain - y[2 + q]) <= 4 * n * 1.1e-16 * scale * size);
            }
            Assert.Equal(0, y[0]);
            Assert.Equal(0, y[count + 2]);
        }

        [Fact]
        public void RowsThatDoNotFitAreRefused() =>
            Assert.Throws<ArgumentOutOfRangeException>(() =>
                Kernels.ScaledDots(new double[4], 0, 1, new double[8], 0, new double[31], 4, 8));

        private static double[] Draw(Random random, int n)
        {
            var values = new double[n];
            for (int i = 0; i < n; i++) values[i] = random.NextDouble() * 2 - 1;
            return values;
        }
    }
}
