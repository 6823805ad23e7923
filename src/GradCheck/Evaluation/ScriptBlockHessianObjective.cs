using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>
    /// Adapts a user's -Gradient and -HessianVector scriptblocks to Core's Hessian objective: θ (and v) go to them in
    /// the form the user gave θ, and what they return is read like a gradient. Not thread-safe: the checker calls it
    /// only on the pipeline thread.
    /// </summary>
    internal class ScriptBlockHessianObjective : IHessianObjective
    {
        private readonly ScriptBlock _gradient;
        private readonly ScriptBlock _hessianVector;
        private readonly ParameterInput _input;

        public ScriptBlockHessianObjective(ScriptBlock gradient, ScriptBlock hessianVector, ParameterInput input)
        {
            _gradient = gradient;
            _hessianVector = hessianVector;
            _input = input;
        }

        public ParameterLayout Layout => _input.Layout;

        public double[] Gradient(double[] theta) =>
            Read(Call(_gradient, ErrorIds.GradientThrew, "-Gradient", theta), "-Gradient");

        public virtual double[] HessianVector(double[] theta, double[] vector) =>
            Read(Call(_hessianVector, ErrorIds.BackwardThrew, "-HessianVector", theta, _input.ToForm(vector)),
                "-HessianVector");

        protected object Call(ScriptBlock block, string errorId, string what, double[] theta, params object[] more)
        {
            var args = new object[more.Length + 1];
            args[0] = _input.ToForm(theta);
            System.Array.Copy(more, 0, args, 1, more.Length);
            return ScriptCall.Value(ScriptCall.Invoke(block, errorId, what, args));
        }

        private double[] Read(object value, string what)
        {
            if (value == null)
                throw new GradCheckException(ErrorIds.GradientReturnedNothing, GradCheckErrorKind.InvalidResult, what,
                    CommandText.Format("HessianScriptReturnedNothing", what, Layout.Count, Layout));
            return ParameterReader.ReadGradient(value, Layout);
        }
    }
}
