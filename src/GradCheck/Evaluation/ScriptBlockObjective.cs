using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>
    /// Adapts the user's cost and gradient scriptblocks to Core's objective. It is not an
    /// <see cref="IPerturbedCostSource"/>, so the checker calls it only on the pipeline thread.
    /// Each block gets θ in the user's form as its first argument and as $_.
    /// </summary>
    internal sealed class ScriptBlockObjective : IGradientObjective
    {
        private readonly ScriptBlock _cost;
        private readonly ScriptBlock _gradient;
        private readonly ParameterInput _input;

        public ScriptBlockObjective(ScriptBlock cost, ScriptBlock gradient, ParameterInput input)
        {
            _cost = cost;
            _gradient = gradient;
            _input = input;
        }

        public ParameterLayout Layout => _input.Layout;

        public double Cost(double[] theta)
        {
            var output = Invoke(_cost, theta, ErrorIds.CostThrew, "cost");
            if (output.Count == 0)
                throw new GradCheckException(ErrorIds.CostReturnedNothing, GradCheckErrorKind.InvalidResult, _cost,
                    "The cost scriptblock returned nothing; expected one number.");
            if (output.Count > 1)
                throw new GradCheckException(ErrorIds.CostReturnedMany, GradCheckErrorKind.InvalidResult, _cost,
                    $"The cost scriptblock returned {output.Count} values; expected one number. Did a command inside it write to the output?");
            if (!Numbers.TryGet(output[0], out double cost))
                throw new GradCheckException(ErrorIds.CostNotNumber, GradCheckErrorKind.InvalidResult, _cost,
                    $"The cost scriptblock returned {Numbers.Describe(output[0])}; expected one number.");
            return cost;
        }

        public double[] Gradient(double[] theta)
        {
            var output = Invoke(_gradient, theta, ErrorIds.GradientThrew, "gradient");
            if (output.Count == 0)
                throw new GradCheckException(ErrorIds.GradientReturnedNothing, GradCheckErrorKind.InvalidResult, _gradient,
                    $"The gradient scriptblock returned nothing; expected {Expected()}.");
            // A script that writes a vector element by element sends many objects: treat them as one list.
            object value = output.Count == 1 ? output[0] : (object)output;
            return ParameterReader.ReadGradient(value, Layout);
        }

        private string Expected() =>
            _input.Form == ParameterForm.Number ? "one number"
            : _input.Form == ParameterForm.Vector ? $"{Layout.Count} numbers"
            : $"a dictionary with keys {Layout}";

        private System.Collections.ObjectModel.Collection<PSObject> Invoke(ScriptBlock block, double[] theta, string errorId, string what)
        {
            object form = _input.ToForm(theta);
            try
            {
                return block.InvokeWithContext(null, new List<PSVariable> { new PSVariable("_", form) }, form);
            }
            catch (PipelineStoppedException e)
            {
                throw new OperationCanceledException("The pipeline was stopped.", e);
            }
            catch (RuntimeException e)
            {
                throw new GradCheckException(errorId, GradCheckErrorKind.InvalidResult, block,
                    $"The {what} scriptblock threw: {e.ErrorRecord?.Exception?.Message ?? e.Message}", e);
            }
        }
    }
}
