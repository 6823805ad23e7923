namespace GradCheck.Commands
{
    /// <summary>
    /// A vector function written in PowerShell (a class, so script): it is called on the pipeline thread only,
    /// whatever capabilities it declares. (Its Forward or whole Jacobian, if it has them, go unused.)
    /// </summary>
    internal sealed class SequentialVectorFunction : IVectorFunction
    {
        private readonly IVectorFunction _inner;

        public SequentialVectorFunction(IVectorFunction inner) => _inner = inner;

        public ParameterLayout InputLayout => _inner.InputLayout;

        public ParameterLayout OutputLayout => _inner.OutputLayout;

        public double[] Evaluate(double[] x) => _inner.Evaluate(x);

        public double[] Backward(double[] x, double[] upstream) => _inner.Backward(x, upstream);
    }
}
