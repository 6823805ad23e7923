using System;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    public class FiniteDifferenceTests
    {
        [Fact]
        public void CentredDifferenceIsExactForAQuadratic()
        {
            // J(θ) = θ² at θ = 3 with h = 0.5: (3.5² − 2.5²) / 1 = 6 exactly, the derivative 2θ.
            Assert.Equal(6.0, FiniteDifference.Centred(3.5 * 3.5, 2.5 * 2.5, 0.5));
        }

        [Fact]
        public void CentredDifferenceHasTheTruncationErrorOfItsFormula()
        {
            // J = θ³ at θ = 1, h = 0.1: ((1.1)³ − (0.9)³) / 0.2 = 3 + h² = 3.01 (J‴/6 · h² = h²).
            Assert.Equal(3.01, FiniteDifference.Centred(1.331, 0.729, 0.1), 12);
        }

        [Fact]
        public void FivePointStencilIsExactForAQuartic()
        {
            // J = θ⁴ at θ = 1 with h = 0.5; the 5-point stencil is exact up to degree 4: J' = 4.
            double J(double t) => t * t * t * t;
            double estimate = FiniteDifference.FivePointStencil(J(1.5), J(0.5), J(2.0), J(0.0), 0.5);
            Assert.Equal(4.0, estimate, 12);
        }

        [Theory]
        [InlineData(new double[] { 3, 4 }, new double[] { 3, 4 }, 0.0)]
        // ‖(1,0)−(0,1)‖ = √2; ‖a‖ + ‖b‖ = 2.
        [InlineData(new double[] { 1, 0 }, new double[] { 0, 1 }, 0.70710678118654757)]
        // ‖(3,4)−(0,0)‖ = 5 over 5 + 0.
        [InlineData(new double[] { 3, 4 }, new double[] { 0, 0 }, 1.0)]
        [InlineData(new double[] { 0, 0 }, new double[] { 0, 0 }, 0.0)]
        public void RelativeDifferenceIsTheCoursesFormula(double[] a, double[] b, double expected)
        {
            Assert.Equal(expected, FiniteDifference.RelativeDifference(a, b), 15);
        }

        [Theory]
        [InlineData(1e200)]
        [InlineData(1e155)]
        [InlineData(1e-170)]
        [InlineData(1e-300)]
        public void RelativeDifferenceKeepsItsValueWhereTheSquaresWouldOverflowOrUnderflow(double scale)
        {
            // a = s·(1, 3), b = s·(1, 1): ‖a − b‖ = 2s, ‖a‖ + ‖b‖ = (√10 + √2)·s, so 2 / (√10 + √2) at any s.
            double expected = 2 / (Math.Sqrt(10) + Math.Sqrt(2));
            double actual = FiniteDifference.RelativeDifference(new[] { scale, 3 * scale }, new[] { scale, scale });
            Assert.Equal(expected, actual, 14);
        }

        [Fact]
        public void TheCoursesOneDimensionalExampleGivesNumpysDifference()
        {
            // numpy (tests/reference/fixtures/one_d.json): x = 2, θ = 4, ε = 1e-7.
            var fixture = Fixtures.Load("one_d");
            double plus = (4 + 1e-7) * 2, minus = (4 - 1e-7) * 2;
            double approx = FiniteDifference.Centred(plus, minus, 1e-7);
            Assert.Equal(fixture.GetProperty("gradapprox").GetDouble(), approx);
            Assert.Equal(fixture.GetProperty("difference").GetDouble(),
                FiniteDifference.RelativeDifference(2.0, approx));
        }
    }
}
