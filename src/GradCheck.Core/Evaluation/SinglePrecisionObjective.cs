using System;

namespace GradCheck
{
    /// <summary>
    /// An <see cref="ISingleGradientObjective"/> as the checker sees it: θ rounded to float32 on the way in (the
    /// checker's points are float32 numbers already in single precision), the cost and gradient widened exactly on
    /// the way out. Declares <see cref="Precision.Single"/>.
    /// </summary>
    public class SinglePrecisionObjective : IGradientObjective, IDeclaresPrecision
    {
        private readonly ISingleGradientObjective _inner;

        protected SinglePrecisionObjective(ISingleGradientObjective inner)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        }

        /// <summary>
        /// The adapter for <paramref name="inner"/>; thread-safe (<see cref="IThreadSafeObjective"/>) when
        /// <paramref name="inner"/> is.
        /// </summary>
        public static SinglePrecisionObjective Wrap(ISingleGradientObjective inner) =>
            inner is IThreadSafeObjective ? new ThreadSafeSinglePrecisionObjective(inner)
                : new SinglePrecisionObjective(inner);

        public ParameterLayout Layout => _inner.Layout;

        public Precision Precision => Precision.Single;

        public double Cost(double[] theta) => _inner.Cost(SingleVectors.Narrow(theta));

        public double[] Gradient(double[] theta) => SingleVectors.Widen(_inner.Gradient(SingleVectors.Narrow(theta)));
    }
}
