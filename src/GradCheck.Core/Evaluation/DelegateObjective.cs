using System;

namespace GradCheck
{
    /// <summary>An objective from two delegates: the simplest way to check C# code.</summary>
    public sealed class DelegateObjective : IGradientObjective
    {
        private readonly Func<double[], double> _cost;
        private readonly Func<double[], double[]> _gradient;

        public DelegateObjective(ParameterLayout layout, Func<double[], double> cost, Func<double[], double[]> gradient)
        {
            Layout = layout ?? throw new ArgumentNullException(nameof(layout));
            _cost = cost ?? throw new ArgumentNullException(nameof(cost));
            _gradient = gradient ?? throw new ArgumentNullException(nameof(gradient));
        }

        /// <summary>A flat vector of <paramref name="count"/> entries named θ.</summary>
        public DelegateObjective(int count, Func<double[], double> cost, Func<double[], double[]> gradient)
            : this(ParameterLayout.Single("theta", count), cost, gradient)
        {
        }

        public ParameterLayout Layout { get; }

        public double Cost(double[] theta) => _cost(theta);

        public double[] Gradient(double[] theta) => _gradient(theta);
    }
}
