using System;
using System.Diagnostics;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// What every mode of a Jacobian check shares: the options, x, the kept evaluations and the counts.
    /// </summary>
    internal sealed class JacobianContext
    {
        private long _derivativeCalls;

        public JacobianContext(CheckOptions options, VectorEvaluations evaluations, double[] x, Stopwatch clock,
            CancellationToken cancel, Action<CheckProgress> progress)
        {
            Options = options;
            Evaluations = evaluations;
            X = x;
            Clock = clock;
            Cancel = cancel;
            Progress = progress;
        }

        public CheckOptions Options { get; }

        public VectorEvaluations Evaluations { get; }

        public IVectorFunction Function => Evaluations.Function;

        public double[] X { get; }

        public Stopwatch Clock { get; }

        public CancellationToken Cancel { get; }

        public Action<CheckProgress> Progress { get; }

        public long DerivativeCalls => Interlocked.Read(ref _derivativeCalls);

        public int InputCount => Function.InputLayout.Count;

        public int OutputCount => Function.OutputLayout.Count;

        /// <summary>One call of Backward (or Forward, or the Jacobian) counted.</summary>
        public void CountDerivative() => Interlocked.Increment(ref _derivativeCalls);

        /// <summary>Backward(x, u), guarded, validated and counted; <paramref name="upstream"/> names u.</summary>
        public double[] Backward(double[] u, string upstream)
        {
            CountDerivative();
            var vjp = Validation.GuardBackward(() => Function.Backward((double[])X.Clone(), (double[])u.Clone()),
                upstream);
            return Validation.Backward(Function.InputLayout, vjp, upstream);
        }

        /// <summary>The scalar checker for one component or projection: this check's options, made scalar.</summary>
        public GradientChecker ScalarChecker(Action<CheckOptions> adjust = null)
        {
            var options = Options.Clone();
            options.OutputGradient = null;
            adjust?.Invoke(options);
            return new GradientChecker(options);
        }
    }
}
