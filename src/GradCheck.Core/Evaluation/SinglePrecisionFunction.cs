using System;

namespace GradCheck
{
    /// <summary>
    /// An <see cref="ISingleVectorFunction"/> as the Jacobian checker sees it: x and u rounded to float32 on the way
    /// in, y and uᵀJ widened exactly on the way out. Declares <see cref="Precision.Single"/>.
    /// </summary>
    public class SinglePrecisionFunction : IVectorFunction, IDeclaresPrecision
    {
        private readonly ISingleVectorFunction _inner;

        protected SinglePrecisionFunction(ISingleVectorFunction inner)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        }

        /// <summary>The adapter for <paramref name="inner"/>; thread-safe when <paramref name="inner"/> is.</summary>
        public static SinglePrecisionFunction Wrap(ISingleVectorFunction inner) =>
            inner is IThreadSafeObjective ? new ThreadSafeSinglePrecisionFunction(inner)
                : new SinglePrecisionFunction(inner);

        public ParameterLayout InputLayout => _inner.InputLayout;

        public ParameterLayout OutputLayout => _inner.OutputLayout;

        public Precision Precision => Precision.Single;

        public double[] Evaluate(double[] x) => SingleVectors.Widen(_inner.Evaluate(SingleVectors.Narrow(x)));

        public double[] Backward(double[] x, double[] upstream) =>
            SingleVectors.Widen(_inner.Backward(SingleVectors.Narrow(x), SingleVectors.Narrow(upstream)));
    }
}
