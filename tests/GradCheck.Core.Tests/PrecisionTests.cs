using System;
using System.Collections.Generic;
using System.Linq;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// Single precision: the float32 grid and its steps (expected values from float32's own spacing), the adapters,
    /// and the checker's choice of precision on float32 costs with planted bugs.
    /// </summary>
    public class PrecisionTests
    {
        private static ParameterLayout Vector(int n) =>
            ParameterLayout.Create(new[] { new KeyValuePair<string, int[]>("w", new[] { n }) });

        /// <summary>J = Σ ½·cᵢ·(θᵢ − 100)² + sin θᵢ in float32; the gradient times Scale on entry 0.</summary>
        private sealed class Float32Cost : ISingleGradientObjective
        {
            private readonly float _scale;

            public Float32Cost(int n, float scale)
            {
                Layout = Vector(n);
                _scale = scale;
            }

            public ParameterLayout Layout { get; }

            public float Cost(float[] t)
            {
                float sum = 0;
                for (int i = 0; i < t.Length; i++)
                {
                    float d = t[i] - 100f;
                    sum += 0.5f * (i + 1) * d * d + (float)Math.Sin(t[i]);
                }
                return sum;
            }

            public float[] Gradient(float[] t)
            {
                var g = new float[t.Length];
                for (int i = 0; i < t.Length; i++) g[i] = (i + 1) * (t[i] - 100f) + (float)Math.Cos(t[i]);
                g[0] *= _scale;
                return g;
            }
        }

        /// <summary>The same float32 code seen as a double objective that does not say it is float32.</summary>
        private sealed class Undeclared : IGradientObjective
        {
            private readonly ISingleGradientObjective _inner;

            public Undeclared(ISingleGradientObjective inner) => _inner = inner;

            public ParameterLayout Layout => _inner.Layout;

            public double Cost(double[] theta) => _inner.Cost(theta.Select(t => (float)t).ToArray());

            public double[] Gradient(double[] theta) =>
                _inner.Gradient(theta.Select(t => (float)t).ToArray()).Select(g => (double)g).ToArray();
        }

        private static readonly double[] Theta = { 100.75, 99.5, 101.25, 98.875 };

        [Fact]
        public void TheFloat32GridMovesByWholeFloat32Spacings()
        {
            // At 100 the float32 spacing is 2⁻¹⁷ = 7.62939453125e-6: θ + 1e-5 lands one spacing up, θ + 1e-6 on θ.
            var grid = StepGrid.For(Precision.Single, new[] { 100.0 }, false);
            Assert.Equal(Math.Pow(2, -17), grid.Up(0, 1e-5));
            Assert.Equal(Math.Pow(2, -17), grid.Down(0, 1e-5));
            Assert.Equal(0, grid.Up(0, 1e-6));
            Assert.Equal(Math.Pow(2, -17), grid.Realised(0, 1e-5));
        }

        [Fact]
        public void TheDoubleGridIsTheDoubleArithmeticOfBefore()
        {
            var theta = new[] { 1e8, 0.3 };
            var grid = StepGrid.For(Precision.Double, theta, false);
            Assert.Equal(Steps.Realised(1e8, 1e-7), grid.Realised(0, 1e-7));
            Assert.Equal((0.3 + 1e-7) - 0.3, grid.Up(1, 1e-7));
            Assert.Equal(1e-7, grid.Move(1, 1e-7));
        }

        [Fact]
        public void SingleStepsScaleToTheEntry()
        {
            var grid = StepGrid.For(Precision.Single, new[] { 3.0, 0.1, -250.0 }, true);
            Assert.Equal(3 * Tolerances.SingleStep, grid.Step(0, Tolerances.SingleStep));
            Assert.Equal(Tolerances.SingleStep, grid.Step(1, Tolerances.SingleStep));
            Assert.Equal(250 * Tolerances.SingleStep, grid.Step(2, Tolerances.SingleStep));
            // 1e-6·|θ| is more than 8 float32 spacings (2⁻²³·|θ| at most), so it always moves θ.
            Assert.True(grid.Up(2, grid.Step(2, Tolerances.SingleStep)) >= 8 * Math.Pow(2, -23) * 128);
        }

        [Fact]
        public void TheSingleStepsReachPastTheCubeRootTrade()
        {
            // h = (3u)^⅓ with u = 2⁻²⁴ minimises h²/6 + u/h; the coarser steps of an unresolved entry go past it.
            double trade = Math.Pow(3 * Math.Pow(2, -24), 1.0 / 3);
            double largest = Tolerances.SingleStep * Math.Pow(Tolerances.CoarserStepFactor, Tolerances.CoarserLevels);
            Assert.True(largest > trade && trade > Tolerances.SingleStep, $"(3u)^⅓ = {trade}, largest {largest}");
            Assert.True(Math.Pow(2, -24) == Tolerances.SingleRoundingUnit);
            Assert.True(Math.Pow(2, -23) == Tolerances.SingleEpsilon);
        }

        [Fact]
        public void OptionsForSingleTakeTheSingleStepOnlyWhenEpsilonWasLeftOut()
        {
            var left = new CheckOptions().For(Precision.Single);
            Assert.Equal(Tolerances.SingleStep, left.Epsilon);
            Assert.False(left.EpsilonGiven);
            var given = new CheckOptions { Epsilon = 1e-4 }.For(Precision.Single);
            Assert.Equal(1e-4, given.Epsilon);
            Assert.True(given.EpsilonGiven);
            Assert.Equal(Tolerances.DefaultEpsilon, new CheckOptions().For(Precision.Double).Epsilon);
        }

        [Fact]
        public void TheAdaptersWidenExactlyAndDeclareSingle()
        {
            var inner = new Float32Cost(2, 1f);
            var objective = SinglePrecisionObjective.Wrap(inner);
            var theta = new[] { 100.75, 99.5 };
            Assert.Equal(Precision.Single, ((IDeclaresPrecision)objective).Precision);
            Assert.Equal((double)inner.Cost(new[] { 100.75f, 99.5f }), objective.Cost(theta));
            Assert.Equal(inner.Gradient(new[] { 100.75f, 99.5f }).Select(g => (double)g), objective.Gradient(theta));
            Assert.False(objective is IThreadSafeObjective);
        }

        [Theory]
        [InlineData(1f, CheckVerdict.Correct)]
        [InlineData(1.01f, CheckVerdict.Wrong)]
        public void ADeclaredFloat32ObjectiveIsCheckedInSingle(float scale, CheckVerdict expected)
        {
            var r = new GradientChecker().Check(SinglePrecisionObjective.Wrap(new Float32Cost(4, scale)), Theta);
            Assert.Equal(expected, r.Verdict);
            Assert.Equal(Precision.Single, r.Precision);
            Assert.False(r.SwitchedToSingle);
        }

        [Theory]
        [InlineData(1f, CheckVerdict.Correct)]
        [InlineData(1.01f, CheckVerdict.Wrong)]
        public void AnUndeclaredFloat32CostSwitchesToSingle(float scale, CheckVerdict expected)
        {
            var r = new GradientChecker().Check(new Undeclared(new Float32Cost(4, scale)), Theta);
            Assert.Equal(expected, r.Verdict);
            Assert.True(r.SwitchedToSingle);
            Assert.Equal(Tolerances.SingleStep, r.Epsilon);
        }

        [Fact]
        public void AGivenEpsilonThatFloat32LosesGivesWayToTheSingleDefaultWhenSwitching()
        {
            var options = new CheckOptions { Epsilon = 1e-7 };
            var r = new GradientChecker(options).Check(new Undeclared(new Float32Cost(4, 1.01f)), Theta);
            Assert.True(r.SwitchedToSingle);
            Assert.Equal(Tolerances.SingleStep, r.Epsilon);
            Assert.Equal(CheckVerdict.Wrong, r.Verdict);
        }

        [Fact]
        public void ExplicitSingleRefusesAStepFloat32Loses()
        {
            var options = new CheckOptions { Epsilon = 1e-7, Precision = Precision.Single };
            var e = Assert.Throws<GradCheckException>(() =>
                new GradientChecker(options).Check(new Undeclared(new Float32Cost(4, 1f)), Theta));
            Assert.Equal(ErrorIds.EpsilonTooSmall, e.ErrorId);
        }

        /// <summary>y = 2·sin(x) in float32; its backward pass uᵢ·2·cos(xᵢ), times Scale on entry 0.</summary>
        private sealed class SineLayer32 : ISingleVectorFunction
        {
            private readonly float _scale;

            public SineLayer32(float scale) => _scale = scale;

            public ParameterLayout InputLayout { get; } = Vector(3);

            public ParameterLayout OutputLayout { get; } = Vector(3);

            public float[] Evaluate(float[] x) => x.Select(v => 2f * (float)Math.Sin(v)).ToArray();

            public float[] Backward(float[] x, float[] u) =>
                x.Select((v, i) => u[i] * 2f * (float)Math.Cos(v) * (i == 0 ? _scale : 1f)).ToArray();
        }

        [Theory]
        [InlineData(1f, CheckVerdict.Correct)]
        [InlineData(1.02f, CheckVerdict.Wrong)]
        public void AFloat32LayerIsCheckedInSingleThroughSinglePrecisionFunction(float scale, CheckVerdict expected)
        {
            var layer = SinglePrecisionFunction.Wrap(new SineLayer32(scale));
            Assert.Equal(Precision.Single, ((IDeclaresPrecision)layer).Precision);
            var r = new JacobianChecker().Check(layer, new[] { 40.25, -1.5, 0.125 });
            Assert.Equal(expected, r.Verdict);
            Assert.Equal(Tolerances.SingleStep, r.Epsilon);
        }

        [Fact]
        public void ACostThatOverflowsOnlyAtALargerStepRulesOutThatStepAlone()
        {
            // J = θ₀² + θ₁², infinite past θ₁ = 0.5 (log 0 in a saturated float32 layer, say). At θ₁ = 0.4995 the
            // first steps stay short of the wall; the larger looks that float32 rounding asks for reach it.
            var objective = SinglePrecisionObjective.Wrap(new Wall());
            var r = new GradientChecker().Check(objective, new[] { 0.3, 0.4995 });
            Assert.Equal(CheckVerdict.Correct, r.Verdict);
        }

        private sealed class Wall : ISingleGradientObjective
        {
            public ParameterLayout Layout { get; } = Vector(2);

            public float Cost(float[] t) => t[1] < 0.5f ? t[0] * t[0] + t[1] * t[1] : float.PositiveInfinity;

            public float[] Gradient(float[] t) => new[] { 2 * t[0], 2 * t[1] };
        }

        [Fact]
        public void DoubleCodeStaysInDouble()
        {
            var objective = new DelegateObjective(Vector(2), t => t[0] * t[0] + Math.Sin(t[1]),
                t => new[] { 2 * t[0], Math.Cos(t[1]) });
            var r = new GradientChecker().Check(objective, new[] { 100.75, -2.5 });
            Assert.Equal(Precision.Double, r.Precision);
            Assert.False(r.SwitchedToSingle);
            Assert.Equal(CheckVerdict.Correct, r.Verdict);
        }
    }
}
