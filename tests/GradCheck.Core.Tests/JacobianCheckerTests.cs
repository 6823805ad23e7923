using System;
using System.Collections.Generic;
using System.Linq;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// The Jacobian and Hessian checks on functions whose Jacobians are derived by hand: an affine layer
    /// y = W·x + b (∂yᵢ/∂xⱼ = Wᵢⱼ, ∂yᵢ/∂Wₖₗ = δᵢₖ·xₗ, ∂yᵢ/∂bₖ = δᵢₖ) and Rosenbrock's function.
    /// </summary>
    public class JacobianCheckerTests
    {
        /// <summary>The backward bugs planted in <see cref="Affine"/>.</summary>
        public enum AffineBug { None, TransposedW, ConstantAdded, Nondeterministic }

        /// <summary>y = W·x + b with x (3), W (2, 3), b (2).</summary>
        public class Affine : IVectorFunction
        {
            private readonly AffineBug _bug;
            private int _calls;

            public Affine(AffineBug bug = AffineBug.None) => _bug = bug;

            public ParameterLayout InputLayout { get; } = ParameterLayout.Create(new[]
            {
                new KeyValuePair<string, int[]>("x", new[] { 3 }),
                new KeyValuePair<string, int[]>("W", new[] { 2, 3 }),
                new KeyValuePair<string, int[]>("b", new[] { 2 }),
            });

            public ParameterLayout OutputLayout { get; } = ParameterLayout.Single("y", 2);

            public double[] Evaluate(double[] p) =>
                Enumerable.Range(0, 2).Select(i => p[3 + 3 * i] * p[0] + p[4 + 3 * i] * p[1] + p[5 + 3 * i] * p[2]
                    + p[9 + i]).ToArray();

            public double[] Backward(double[] p, double[] u)
            {
                var g = new double[11];
                for (int j = 0; j < 3; j++) g[j] = u[0] * p[3 + j] + u[1] * p[6 + j];
                for (int i = 0; i < 2; i++)
                    for (int l = 0; l < 3; l++)
                        // The transposed bug reads x backwards, as a dW = (x·dyᵀ) reshaped without care would.
                        g[3 + 3 * i + l] = u[i] * p[_bug == AffineBug.TransposedW ? 2 - l : l];
                g[9] = u[0];
                g[10] = u[1];
                if (_bug == AffineBug.ConstantAdded) g[10] += 1e-3;
                if (_bug == AffineBug.Nondeterministic) g[0] += 1e-13 * ++_calls * u[0];
                return g;
            }
        }

        public sealed class ThreadSafeAffine : Affine, IThreadSafeObjective
        {
        }

        private static readonly double[] X = { 0.5, -1.25, 2.0, 0.3, -0.7, 1.1, 0.9, 0.2, -0.4, 0.05, -0.6 };

        [Fact]
        public void ARightAffineLayerIsCorrectAndItsJacobianIsTheHandDerivedOne()
        {
            var r = new JacobianChecker().Check(new Affine(), X);
            Assert.Equal(CheckVerdict.Correct, r.Verdict);
            Assert.Equal(JacobianMode.Full, r.Mode);
            Assert.Equal(new[] { "y ← x", "y ← W", "y ← b" }, r.Blocks.Select(b => b.Name));
            for (int i = 0; i < 2; i++)
            {
                for (int j = 0; j < 3; j++) Assert.Equal(X[3 + 3 * i + j], r.AnalyticJacobian[i, j]);
                for (int k = 0; k < 2; k++)
                    for (int l = 0; l < 3; l++)
                        Assert.Equal(i == k ? X[l] : 0, r.NumericalJacobian[i, 3 + 3 * k + l], 8);
                Assert.Equal(1, r.NumericalJacobian[i, 9 + i], 8);
            }
            Assert.True(r.ZeroUpstreamGivesZero);
            Assert.True(r.BackwardDeterministic);
            Assert.Equal(22, r.CheckedCount);
        }

        [Fact]
        public void ATransposedWGradientIsWrongInYFromWAlone()
        {
            var r = new JacobianChecker().Check(new Affine(AffineBug.TransposedW), X);
            Assert.Equal(CheckVerdict.Wrong, r.Verdict);
            Assert.Equal(new[] { "y ← W" }, r.FailedBlocks);
            // Entries l = 0 and l = 2 of each row of W swap x₀ and x₂: four entries of J are wrong.
            Assert.Equal(4, r.FailedCount);
            Assert.StartsWith("y[", r.Worst[0].Name);
            Assert.Contains("W[", r.Worst[0].Input);
        }

        [Fact]
        public void TheOutputGradientModeJudgesOneVectorJacobianProduct()
        {
            var options = new CheckOptions { OutputGradient = new[] { 0.7, -1.3 } };
            var right = new JacobianChecker(options).Check(new Affine(), X);
            var wrong = new JacobianChecker(options).Check(new Affine(AffineBug.TransposedW), X);
            Assert.Equal(CheckVerdict.Correct, right.Verdict);
            Assert.Equal(CheckVerdict.Wrong, wrong.Verdict);
            Assert.Equal(new[] { "⟨dy, y⟩ ← W" }, wrong.FailedBlocks);
            Assert.NotNull(wrong.ProjectedCheck);
        }

        [Fact]
        public void RandomProjectionsFindAndLocaliseTheBug()
        {
            var options = new CheckOptions { Directions = 4, Seed = 3 };
            var right = new JacobianChecker(options).Check(new Affine(), X);
            var wrong = new JacobianChecker(options).Check(new Affine(AffineBug.TransposedW), X);
            Assert.Equal(CheckVerdict.Correct, right.Verdict);
            Assert.Equal(CheckVerdict.Wrong, wrong.Verdict);
            Assert.Equal(new[] { "y ← W" }, wrong.FailedBlocks);
        }

        [Fact]
        public void ABackwardThatIsNotZeroForAZeroUpstreamFails()
        {
            var r = new JacobianChecker(new CheckOptions { OutputGradient = new[] { 1.0, 0 } })
                .Check(new Affine(AffineBug.ConstantAdded), X);
            Assert.False(r.ZeroUpstreamGivesZero);
            Assert.Equal(1e-3, r.ZeroUpstreamLargest);
            Assert.Equal(CheckVerdict.Wrong, r.Verdict);
            Assert.Contains("Backward(x, 0)", r.Message);
        }

        [Fact]
        public void ANondeterministicBackwardFailsUnlessTheToleranceAllowsIt()
        {
            var strict = new JacobianChecker().Check(new Affine(AffineBug.Nondeterministic), X);
            var lenient = new JacobianChecker(new CheckOptions { NondeterministicTolerance = 1e-9 })
                .Check(new Affine(AffineBug.Nondeterministic), X);
            Assert.False(strict.BackwardDeterministic);
            Assert.Equal(CheckVerdict.Wrong, strict.Verdict);
            Assert.True(lenient.BackwardDeterministic);
            Assert.Equal(CheckVerdict.Correct, lenient.Verdict);
        }

        [Fact]
        public void OneEvaluationServesEveryOutput()
        {
            // 11 inputs at ±h plus f(x): the second output's check reads the first one's evaluations.
            var r = new JacobianChecker().Check(new Affine(), X);
            Assert.Equal(1 + 2 * 11, r.Evaluations);
        }

        [Fact]
        public void TheResultIsTheSameWhateverTheThreadCount()
        {
            var one = new JacobianChecker(new CheckOptions { MaxDegreeOfParallelism = 1 })
                .Check(new ThreadSafeAffine(), X);
            var two = new JacobianChecker(new CheckOptions { MaxDegreeOfParallelism = 2 })
                .Check(new ThreadSafeAffine(), X);
            Assert.Equal(one.NumericalJacobian.Cast<double>(), two.NumericalJacobian.Cast<double>());
            Assert.Equal(one.Difference, two.Difference);
        }

        /// <summary>y = x / |x|, computed in place in its argument, as some user code does.</summary>
        public sealed class InPlaceNormalise : IVectorFunction, IThreadSafeObjective
        {
            public ParameterLayout InputLayout { get; } = ParameterLayout.Single("x", 3);

            public ParameterLayout OutputLayout { get; } = ParameterLayout.Single("y", 3);

            public double[] Evaluate(double[] x)
            {
                double norm = Math.Sqrt(x.Sum(v => v * v));
                for (int i = 0; i < x.Length; i++) x[i] /= norm;
                return x;
            }

            public double[] Backward(double[] x, double[] u)
            {
                double norm = Math.Sqrt(x.Sum(v => v * v)), dot = 0;
                for (int i = 0; i < 3; i++) dot += u[i] * x[i] / norm;
                return Enumerable.Range(0, 3).Select(i => (u[i] - dot * x[i] / norm) / norm).ToArray();
            }
        }

        [Fact]
        public void AFunctionThatWritesIntoItsArgumentIsCheckedAtTheRightPoints()
        {
            var r = new JacobianChecker().Check(new InPlaceNormalise(), new[] { 0.3, -1.1, 2.0 });
            Assert.Equal(CheckVerdict.Correct, r.Verdict);
        }

        [Fact]
        public void TheEvaluationCountIsTheSameWhateverTheThreadCount()
        {
            var counts = new[] { 1, 2, 8 }.Select(threads =>
                new JacobianChecker(new CheckOptions { MaxDegreeOfParallelism = threads })
                    .Check(new ThreadSafeAffine(), X).Evaluations).Distinct();
            Assert.Single(counts);
        }

        /// <summary>
        /// An affine layer that fails in two places: Backward for both outputs' unit upstreams, or Evaluate at the
        /// points with x[0] or x[2] moved. The lower place fails 30 ms late, so that with several threads the higher
        /// one fails first in time. (The Backward half is what once depended on the timing; the Evaluate half
        /// guards the lowest-entry rule that the evaluations made ahead always kept.)
        /// </summary>
        public sealed class FailsTwice : Affine, IVectorFunction, IThreadSafeObjective
        {
            private readonly bool _inEvaluate;

            public FailsTwice(bool inEvaluate) => _inEvaluate = inEvaluate;

            public new double[] Evaluate(double[] p)
            {
                if (_inEvaluate && p[0] != X[0]) Fail("x[0] moved", late: true);
                if (_inEvaluate && p[2] != X[2]) Fail("x[2] moved", late: false);
                return base.Evaluate(p);
            }

            public new double[] Backward(double[] p, double[] u)
            {
                if (!_inEvaluate && u[0] == 1 && u[1] == 0) Fail("output 0", late: true);
                if (!_inEvaluate && u[0] == 0 && u[1] == 1) Fail("output 1", late: false);
                return base.Backward(p, u);
            }

            private static void Fail(string where, bool late)
            {
                if (late) System.Threading.Thread.Sleep(30);
                throw new InvalidOperationException("failed at " + where);
            }
        }

        [Theory]
        [InlineData(false, 1, "failed at output 0")]
        [InlineData(false, 2, "failed at output 0")]
        [InlineData(false, 4, "failed at output 0")]
        [InlineData(true, 1, "failed at x[0] moved")]
        [InlineData(true, 2, "failed at x[0] moved")]
        [InlineData(true, 4, "failed at x[0] moved")]
        public void TheLowestFailingPlacesErrorIsThrownWhateverTheThreadCount(bool inEvaluate, int threads,
            string expected)
        {
            var e = Assert.Throws<GradCheckException>(() =>
                new JacobianChecker(new CheckOptions { MaxDegreeOfParallelism = threads })
                    .Check(new FailsTwice(inEvaluate), X));
            Assert.Equal(inEvaluate ? ErrorIds.FunctionThrew : ErrorIds.BackwardThrew, e.ErrorId);
            Assert.Contains(expected, e.Message);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(4)]
        public void AWorkerThreadsMessageIsInTheCallersLanguage(int threads)
        {
            // Messages.zh-Hans.resx: BackwardThrew is "Backward 在上游梯度 {0} 下抛出异常：{1}".
            var before = System.Globalization.CultureInfo.CurrentUICulture;
            try
            {
                System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
                var e = Assert.Throws<GradCheckException>(() =>
                    new JacobianChecker(new CheckOptions { MaxDegreeOfParallelism = threads })
                        .Check(new FailsTwice(inEvaluate: false), X));
                Assert.StartsWith("Backward 在上游梯度 y[0] 下抛出异常", e.Message);
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentUICulture = before;
            }
        }

        /// <summary>A layer of 2 inputs whose output layout is <paramref name="outputs"/>.</summary>
        private sealed class Outputs : IVectorFunction
        {
            public Outputs(ParameterLayout outputs) => OutputLayout = outputs;

            public ParameterLayout InputLayout { get; } = ParameterLayout.Single("x", 2);

            public ParameterLayout OutputLayout { get; }

            public double[] Evaluate(double[] x) => new double[OutputLayout.Count];

            public double[] Backward(double[] x, double[] u) => new double[2];
        }

        [Fact]
        public void AFunctionWithoutOutputsNamesItself()
        {
            var none = ParameterLayout.Create(new KeyValuePair<string, int[]>[0]);
            var empty = ParameterLayout.Create(new[]
            {
                new KeyValuePair<string, int[]>("y", new[] { 2 }), new KeyValuePair<string, int[]>("z", new[] { 0 }),
            });
            foreach (var layout in new[] { none, empty })
            {
                var function = new Outputs(layout);
                var e = Assert.Throws<GradCheckException>(() =>
                    new JacobianChecker().Check(function, new[] { 1.0, 2.0 }));
                Assert.Equal(ErrorIds.VectorLayoutMismatch, e.ErrorId);
                Assert.Same(function, e.Target);
            }
        }

        [Fact]
        public void ASweepMarksOneBestEpsilon()
        {
            var results = new JacobianChecker().Sweep(new Affine(), X, new[] { 1e-3, 1e-6, 1e-9 });
            Assert.Equal(3, results.Length);
            Assert.Single(results, r => r.BestEpsilon);
        }

        [Fact]
        public void AnOutputGradientOfTheWrongLengthNamesItself()
        {
            var e = Assert.Throws<GradCheckException>(() =>
                new JacobianChecker(new CheckOptions { OutputGradient = new[] { 1.0 } }).Check(new Affine(), X));
            Assert.Equal(ErrorIds.OutputGradientShapeMismatch, e.ErrorId);
        }

        /// <summary>
        /// Rosenbrock's f = Σ 100(θᵢ₊₁ − θᵢ²)² + (1 − θᵢ)²: ∂f/∂θᵢ = −400θᵢ(θᵢ₊₁ − θᵢ²) − 2(1 − θᵢ) + 200(θᵢ − θᵢ₋₁²),
        /// Hᵢᵢ = 1200θᵢ² − 400θᵢ₊₁ + 2 + 200 (the last two where they exist), Hᵢ,ᵢ₊₁ = Hᵢ₊₁,ᵢ = −400θᵢ.
        /// </summary>
        public sealed class Rosenbrock : IHessianObjective, IGradientObjective
        {
            private readonly double _offDiagonalBug;

            public Rosenbrock(double offDiagonalBug = 0) => _offDiagonalBug = offDiagonalBug;

            public ParameterLayout Layout { get; } = ParameterLayout.Single("theta", 4);

            public double Cost(double[] t)
            {
                double f = 0;
                for (int i = 0; i < 3; i++) f += 100 * Math.Pow(t[i + 1] - t[i] * t[i], 2) + Math.Pow(1 - t[i], 2);
                return f;
            }

            public double[] Gradient(double[] t)
            {
                var g = new double[4];
                for (int i = 0; i < 3; i++)
                {
                    g[i] += -400 * t[i] * (t[i + 1] - t[i] * t[i]) - 2 * (1 - t[i]);
                    g[i + 1] += 200 * (t[i + 1] - t[i] * t[i]);
                }
                return g;
            }

            public double[] HessianVector(double[] t, double[] v)
            {
                var h = new double[4, 4];
                for (int i = 0; i < 3; i++)
                {
                    h[i, i] += 1200 * t[i] * t[i] - 400 * t[i + 1] + 2;
                    h[i + 1, i + 1] += 200;
                    h[i, i + 1] += -400 * t[i];
                    h[i + 1, i] += -400 * t[i];
                }
                h[0, 1] += _offDiagonalBug;
                var hv = new double[4];
                for (int i = 0; i < 4; i++)
                    for (int j = 0; j < 4; j++) hv[i] += h[i, j] * v[j];
                return hv;
            }
        }

        private static readonly double[] Theta = { -1.2, 1.0, 0.8, 1.5 };

        [Fact]
        public void RosenbrocksRightHessianIsCorrectAndSymmetric()
        {
            var r = new HessianChecker().Check(new Rosenbrock(), Theta, new Rosenbrock());
            Assert.Equal(CheckVerdict.Correct, r.Verdict);
            Assert.Equal(CheckVerdict.Correct, r.GradientCheck.Verdict);
            Assert.True(r.Symmetric);
            Assert.Equal(0, r.Asymmetry);
            Assert.Equal(1200 * 1.44 - 400 + 2, r.AnalyticJacobian[0, 0], 10);
            Assert.Equal(new[] { "∇theta ← theta" }, r.Blocks.Select(b => b.Name));
        }

        [Fact]
        public void OneWrongOffDiagonalEntryFailsAndBreaksSymmetry()
        {
            var r = new HessianChecker().Check(new Rosenbrock(offDiagonalBug: 3), Theta);
            Assert.Equal(CheckVerdict.Wrong, r.Verdict);
            Assert.False(r.Symmetric);
            Assert.Equal(1, r.FailedCount);
            Assert.Equal("∇theta[0] ← theta[1]", r.Worst[0].Name);
        }
    }
}
