namespace GradCheck.Commands
{
    /// <summary>
    /// A vector function written in PowerShell (a class, so script): it is called on the pipeline thread only,
    /// whatever it declares. Thread safety is hidden; J·v and the whole J are passed on by the subclasses that
    /// <see cref="For"/> picks, so that a PowerShell class keeps them.
    /// </summary>
    internal class SequentialVectorFunction : IVectorFunction
    {
        protected SequentialVectorFunction(IVectorFunction inner) => Inner = inner;

        /// <summary>The wrapper that passes on what <paramref name="inner"/> offers besides thread safety.</summary>
        public static IVectorFunction For(IVectorFunction inner)
        {
            bool forward = inner is IForwardDerivative, matrix = inner is IJacobianMatrix;
            if (forward && matrix) return new SequentialForwardMatrixFunction(inner);
            if (forward) return new SequentialForwardFunction(inner);
            if (matrix) return new SequentialMatrixFunction(inner);
            return new SequentialVectorFunction(inner);
        }

        protected IVectorFunction Inner { get; }

        public ParameterLayout InputLayout => Inner.InputLayout;

        public ParameterLayout OutputLayout => Inner.OutputLayout;

        public double[] Evaluate(double[] x) => Inner.Evaluate(x);

        public double[] Backward(double[] x, double[] upstream) => Inner.Backward(x, upstream);
    }
}
