namespace GradCheck
{
    /// <summary>
    /// ⟨u, f(x)⟩ as a scalar objective whose gradient is Backward(x, u): a vector-Jacobian product for one upstream
    /// gradient is the scalar check of this, with all of the scalar check's verdict machinery (CS231n's
    /// eval_numerical_gradient_array). Its costs read the kept evaluations, so that several projections along the
    /// same lines share them.
    /// </summary>
    internal sealed class ProjectedObjective : IGradientObjective
    {
        private readonly VectorEvaluations _evaluations;
        private readonly double[] _upstream;
        private readonly string _name;

        /// <param name="name">How messages name u: "-OutputGradient", or a random direction's number.</param>
        public ProjectedObjective(VectorEvaluations evaluations, double[] upstream, string name)
        {
            _evaluations = evaluations;
            _upstream = upstream;
            _name = name;
        }

        public ParameterLayout Layout => _evaluations.Function.InputLayout;

        public double Cost(double[] theta) => Dot(_evaluations.At(theta));

        public double[] Gradient(double[] theta)
        {
            var function = _evaluations.Function;
            var vjp = Validation.GuardBackward(() => function.Backward(theta, (double[])_upstream.Clone()), _name);
            return Validation.Backward(function.InputLayout, vjp, _name);
        }

        /// <summary>⟨u, y⟩, summed in order: the same y always gives the same bits.</summary>
        public double Dot(double[] y)
        {
            double sum = 0;
            for (int i = 0; i < y.Length; i++) sum += _upstream[i] * y[i];
            return sum;
        }
    }
}
