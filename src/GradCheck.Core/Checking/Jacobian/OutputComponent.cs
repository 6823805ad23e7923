namespace GradCheck
{
    /// <summary>
    /// One output of a vector function as a scalar objective, yᵢ(x), whose "gradient" is row i of the Jacobian
    /// under test: the Jacobian check is the scalar check of each component, and every component reads the same
    /// kept evaluations. Perturbed costs are answered by (entry, step) on the calling thread: they are mostly
    /// look-ups, and the parallel work is done once for all outputs (see <see cref="FullJacobianCheck"/>).
    /// </summary>
    internal sealed class OutputComponent : IGradientObjective, ICallerThreadCostSource
    {
        private readonly VectorEvaluations _evaluations;
        private readonly int _output;

        public OutputComponent(VectorEvaluations evaluations, int output)
        {
            _evaluations = evaluations;
            _output = output;
        }

        public ParameterLayout Layout => _evaluations.Function.InputLayout;

        public double Cost(double[] theta) => _evaluations.At(theta)[_output];

        /// <summary>Never asked for: the check is given row i of the Jacobian as the gradient.</summary>
        public double[] Gradient(double[] theta) => throw new System.NotSupportedException();

        public IPerturbedCostWorker CreateWorker(double[] theta) => new Worker(this, (double[])theta.Clone());

        private sealed class Worker : IPerturbedCostWorker
        {
            private readonly OutputComponent _component;
            private readonly double[] _work;

            public Worker(OutputComponent component, double[] work)
            {
                _component = component;
                _work = work;
            }

            public double Cost(int entry, double delta) =>
                _component._evaluations.Moved(entry, delta, _work)[_component._output];
        }
    }
}
