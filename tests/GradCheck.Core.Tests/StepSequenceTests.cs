using System;
using System.Linq;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// The verdict on user code, which gives no branch signal: kinks within ε of θ, curvature at θ's own scale, costs
    /// rounded to float32, and checks that can judge nothing. Each expectation is derived by hand in its comment.
    /// </summary>
    public class StepSequenceTests
    {
        private static GradientCheckResult Check(Func<double[], double> cost, double[] gradient,
            params double[] theta) =>
            new GradientChecker().Check(new DelegateObjective(theta.Length, cost, _ => gradient), theta);

        [Theory]
        // J = 2θ + relu(θ + d) at θ = 0, d = 1e-10..1e-8: the slope at θ is 3 (the kink lies d to the left), but the
        // centred difference at ε = 1e-7 straddles the kink and reads about 2.5.
        [InlineData(1e-10, 3.0, CheckVerdict.Correct)]
        [InlineData(1e-10, 2.0, CheckVerdict.Wrong)]
        [InlineData(1e-10, 2.5, CheckVerdict.Wrong)]
        [InlineData(3e-9, 3.0, CheckVerdict.Correct)]
        [InlineData(3e-9, 2.0, CheckVerdict.Wrong)]
        public void AKinkWithinTheStepIsJudgedBelowIt(double distance, double slope, CheckVerdict verdict)
        {
            var result = Check(t => 2 * t[0] + Math.Max(0, t[0] + distance), new[] { slope }, 0.0);
            Assert.Equal(verdict, result.Verdict);
            Assert.True(result.Worst[0].Step < distance, $"judged at {result.Worst[0].Step}");
            Assert.Equal(EstimateMethod.Centred, result.Worst[0].Method);
        }

        [Theory]
        // J = 2θ + relu(θ) at 0: the one-sided slopes are 2 (left) and 3 (right). A kink's conventions give either
        // side (ReLU′(0) = 0 or 1) or their mean, 2.5 (ReLU′(0) = ½, what the centred difference reads); those pass.
        // Any other slope between them is a subgradient too, but so is a bug that lands there (the left slope scaled
        // by 1.001 is 2.002, and J is piecewise linear, so the one-sided differences carry rounding alone, about
        // 1e-9 at the smallest step): left unjudged. A slope outside them is not judged either: where several kinks
        // meet at θ, autograd's chain rule with every tied unit off gives values outside the interval.
        [InlineData(2.0, CheckVerdict.Correct)]
        [InlineData(2.5, CheckVerdict.Correct)]
        [InlineData(3.0, CheckVerdict.Correct)]
        [InlineData(2.002, CheckVerdict.Inconclusive)]
        [InlineData(2.75, CheckVerdict.Inconclusive)]
        [InlineData(3.05, CheckVerdict.Inconclusive)]
        [InlineData(1.9, CheckVerdict.Inconclusive)]
        public void AKinkRightAtThetaAcceptsTheConventionalSubgradients(double slope, CheckVerdict verdict)
        {
            var result = Check(t => 2 * t[0] + Math.Max(0, t[0]), new[] { slope }, 0.0);
            Assert.Equal(verdict, result.Verdict);
            Assert.True(result.Worst[0].Kink);
        }

        [Fact]
        public void SeveralKinksAtThetaLeaveAutogradsChoiceUnjudged()
        {
            // J = relu(θ) + relu(−2θ)·(−1) at 0: the one-sided slopes are 1 (right) and 2 (left: d/dθ of 2θ); autograd,
            // with both units off at 0, gives 0, outside [1, 2].
            var result = Check(t => Math.Max(0, t[0]) - Math.Max(0, -2 * t[0]), new[] { 0.0 }, 0.0);
            Assert.Equal(CheckVerdict.Inconclusive, result.Verdict);
        }

        [Fact]
        public void NothingJudgedIsNeverCorrect()
        {
            // √|θ| has one-sided slopes ±1/√s that grow without bound as the step s shrinks: no derivative at 0.
            var result = Check(t => Math.Sqrt(Math.Abs(t[0])), new[] { 0.0 }, 0.0);
            Assert.Equal(CheckVerdict.Inconclusive, result.Verdict);
            Assert.False(result.Passed);
            Assert.Equal(1, result.InconclusiveCount);
            Assert.Equal(CheckVerdict.Inconclusive, result.Blocks[0].Verdict);
        }

        [Fact]
        public void UnresolvedEverywhereIsInconclusive()
        {
            // J = 1e20 + θ²: one rounding of J (1.6e4) over the largest step tried (1e-3) is 1.6e7, against g = 2.
            var result = Check(t => 1e20 + t[0] * t[0], new[] { 2.0 }, 1.0);
            Assert.Equal(1, result.UnresolvedCount);
            Assert.Equal(CheckVerdict.Inconclusive, result.Verdict);
        }

        [Theory]
        [InlineData(1.0, CheckVerdict.Correct)]
        [InlineData(-1.0, CheckVerdict.Wrong)]
        public void CurvatureAtThetasOwnScaleIsNoKink(double sign, CheckVerdict verdict)
        {
            // J = c·θ/‖θ‖ with ‖θ‖ ≈ 1e-6: ∂J/∂θ = (c − (c·θ̂)θ̂)/‖θ‖, of order 1e6; at ε = 1e-7 the centred
            // differences at h and 2h differ by about 10%, so only smaller steps can judge.
            double[] c = { 0.3, -0.5, 0.8, 0.1 }, theta = { 4e-7, -6e-7, 5e-7, 3e-7 };
            double norm = Math.Sqrt(theta.Sum(x => x * x));
            double along = c.Zip(theta, (a, b) => a * b).Sum() / norm;
            var gradient = c.Select((a, i) => sign * (a - along * theta[i] / norm) / norm).ToArray();
            var result = Check(t => c.Zip(t, (a, b) => a * b).Sum() / Math.Sqrt(t.Sum(x => x * x)), gradient, theta);
            Assert.Equal(verdict, result.Verdict);
            Assert.Equal(0, result.InconclusiveCount);
        }

        [Theory]
        // J = Σ θᵢ³ rounded through float32 at θ = (0.7, −1.3, 2.1): ∂J/∂θᵢ = 3θᵢ². At ε = 1e-7 one rounding of J
        // (about 1e-6) swamps every difference; larger steps resolve them.
        [InlineData(1.0, CheckVerdict.Correct)]
        [InlineData(1.05, CheckVerdict.Wrong)]
        public void AFloat32CostIsJudgedAtALargerStep(double factor, CheckVerdict verdict)
        {
            double[] theta = { 0.7, -1.3, 2.1 };
            var gradient = theta.Select(x => factor * 3 * x * x).ToArray();
            var result = Check(t => (float)t.Sum(x => x * x * x), gradient, theta);
            Assert.Equal(Precision.Single, result.Precision);
            Assert.Equal(verdict, result.Verdict);
            Assert.Equal(0, result.UnresolvedCount);
        }

        [Fact]
        public void ADoubleCostIsNotTakenForFloat32()
        {
            var result = Check(t => t[0] * t[0] * 1.1, new[] { 2.2 }, 1.0);
            Assert.Equal(Precision.Double, result.Precision);
        }

        [Fact]
        public void AJumpInSlopeIsNoNoise()
        {
            // Nine points of |t − 0.3| on t = −4..4: the second differences are 0 but at the kink (0.6 and 1.4 there);
            // noise of any size makes all of them loud. Moré and Wild's sign test alone cannot tell these apart.
            var kink = Enumerable.Range(-4, 9).Select(k => Math.Abs(k - 0.3)).ToArray();
            Assert.True(CostNoise.HasJump(kink));
            var random = new MersenneTwister(9);
            var noise = Enumerable.Range(0, 9).Select(k => 1 + k * 1e-3 + (random.NextDouble() - 0.5) * 1e-9).ToArray();
            Assert.False(CostNoise.HasJump(noise));
        }

        [Fact]
        public void NoLineBoundsTheNoiseBelowWhatItsDifferencesShow()
        {
            // Noise of standard deviation about 2.9e-10 (uniform on ±5e-10): no order of differences falls far below
            // it.
            var random = new MersenneTwister(11);
            var samples = Enumerable.Range(0, 9)
                .Select(k => 2 + k * 1e-6 + (random.NextDouble() - 0.5) * 1e-9).ToArray();
            Assert.InRange(CostNoise.UpperBound(samples), 0.7e-10, 1e-9);
            // A line along which J changes exactly linearly has vanishing second differences: that bounds nothing.
            Assert.True(double.IsNaN(CostNoise.UpperBound(Enumerable.Range(0, 9).Select(k => 1 + k / 4.0).ToArray())));
        }
    }
}
