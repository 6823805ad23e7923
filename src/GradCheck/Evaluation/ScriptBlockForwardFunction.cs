using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>A scriptblock vector function with a -Forward block: J·v, given x and v in x's form.</summary>
    internal sealed class ScriptBlockForwardFunction : ScriptBlockVectorFunction, IForwardDerivative
    {
        private readonly ScriptBlock _forward;

        public ScriptBlockForwardFunction(ScriptBlock function, ScriptBlock backward, ScriptBlock forward,
            ParameterInput input) : base(function, backward, input)
        {
            _forward = forward;
        }

        public double[] Forward(double[] x, double[] tangent)
        {
            var value = CallWith(_forward, ErrorIds.BackwardThrew, "-Forward", x, InputForm.ToForm(tangent));
            if (value == null)
                throw new GradCheckException(ErrorIds.BackwardReturnedNothing, GradCheckErrorKind.InvalidResult,
                    _forward, CommandText.Format("ForwardScriptReturnedNothing", OutputLayout.Count, OutputLayout));
            return ParameterReader.ReadGradient(value, OutputLayout);
        }
    }
}
