using System;
using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>
    /// Adapts a user's -Function and -Backward scriptblocks to Core's vector function. x goes to them in the form the
    /// user gave it, the upstream gradient in the form f(x) came in, and Backward's answer is read like a gradient
    /// (d-prefixed keys allowed). f(x) is evaluated once here to learn the output's layout; the check asks for it
    /// again and gets the same answer without a second call. Not thread-safe: the checker calls it only on the
    /// pipeline thread.
    /// </summary>
    internal class ScriptBlockVectorFunction : IVectorFunction
    {
        /// <summary>The name of an output that is one block, not a dictionary: "y ← W".</summary>
        public const string OutputName = "y";

        private readonly ScriptBlock _function;
        private readonly ScriptBlock _backward;
        private readonly ParameterInput _input;
        private readonly double[] _x;
        private readonly double[] _y;
        private ParameterInput _output;

        public ScriptBlockVectorFunction(ScriptBlock function, ScriptBlock backward, ParameterInput input)
        {
            _function = function;
            _backward = backward;
            _input = input;
            _x = (double[])input.Values.Clone();
            _y = Read(Call(_x), () => Text.English("FunctionPointX"), first: true);
        }

        public ParameterLayout InputLayout => _input.Layout;

        public ParameterLayout OutputLayout => _output.Layout;

        /// <summary>The output's form, to read an -OutputGradient given like f(x).</summary>
        public ParameterInput Output => _output;

        public double[] Evaluate(double[] x) =>
            Same(x, _x) ? (double[])_y.Clone() : Read(Call(x), () => Text.English("FunctionPointOther"), first: false);

        public virtual double[] Backward(double[] x, double[] upstream)
        {
            var output = ScriptCall.Invoke(_backward, ErrorIds.BackwardThrew, "-Backward", _input.ToForm(x),
                _output.ToForm(upstream));
            var value = ScriptCall.Value(output);
            if (value == null)
                throw new GradCheckException(ErrorIds.BackwardReturnedNothing, GradCheckErrorKind.InvalidResult,
                    _backward, CommandText.Format("BackwardScriptReturnedNothing", InputLayout.Count, InputLayout));
            return ParameterReader.ReadGradient(value, InputLayout);
        }

        /// <summary>Runs a scriptblock of x in the user's form, for the subclasses' -Forward and -Jacobian.</summary>
        protected object CallWith(ScriptBlock block, string errorId, string what, double[] x, params object[] more)
        {
            var args = new object[more.Length + 1];
            args[0] = _input.ToForm(x);
            Array.Copy(more, 0, args, 1, more.Length);
            return ScriptCall.Value(ScriptCall.Invoke(block, errorId, what, args));
        }

        protected ParameterInput InputForm => _input;

        private object Call(double[] x) => CallWith(_function, ErrorIds.FunctionThrew, "-Function", x);

        /// <summary>
        /// An output read as θ is read (a number, an array of any rank, a dictionary of blocks); from the second call
        /// on it must keep the first call's blocks and shapes.
        /// </summary>
        private double[] Read(object value, Func<string> where, bool first)
        {
            if (value == null)
                throw new GradCheckException(ErrorIds.FunctionReturnedNothing, GradCheckErrorKind.InvalidResult,
                    _function, CommandText.Format("FunctionScriptReturnedNothing", where()));
            ParameterInput output;
            try { output = ParameterReader.Read(value, Subject.Named("Function"), OutputName); }
            catch (GradCheckException e) when (e.ErrorId != ErrorIds.ParameterDuplicateName)
            {
                throw new GradCheckException(ErrorIds.FunctionNotNumeric, GradCheckErrorKind.InvalidResult,
                    Numbers.Unwrap(value), CommandText.Format("FunctionNotNumeric", where(), e.Message), e);
            }
            if (first) _output = output;
            else if (!output.Layout.SameAs(_output.Layout))
                throw new GradCheckException(ErrorIds.OutputShapeChanged, GradCheckErrorKind.InvalidResult, where(),
                    CommandText.Format("OutputShapeChanged", where(), output.Layout, _output.Layout));
            return output.Values;
        }

        private static bool Same(double[] a, double[] b)
        {
            for (int i = 0; i < a.Length; i++)
                if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i])) return false;
            return true;
        }
    }
}
