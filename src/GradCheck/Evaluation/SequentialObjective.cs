namespace GradCheck.Commands
{
    /// <summary>
    /// An objective with every optional capability hidden, so that the checker calls it on the calling (pipeline)
    /// thread only: for classes defined in PowerShell, whose methods are script.
    /// </summary>
    internal sealed class SequentialObjective : IGradientObjective
    {
        private readonly IGradientObjective _inner;

        public SequentialObjective(IGradientObjective inner) => _inner = inner;

        public ParameterLayout Layout => _inner.Layout;

        public double Cost(double[] theta) => _inner.Cost(theta);

        public double[] Gradient(double[] theta) => _inner.Gradient(theta);
    }
}
