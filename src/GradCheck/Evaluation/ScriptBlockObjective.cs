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
        private readonly Action<string> _verbose;

        /// <param name="verbose">
        /// Told what the gradient reading left out (the course's dZ1, dA2, …); may be null.
        /// </param>
        public ScriptBlockObjective(ScriptBlock cost, ScriptBlock gradient, ParameterInput input,
            Action<string> verbose = null)
        {
            _cost = cost;
            _gradient = gradient;
            _input = input;
            _verbose = verbose;
        }

        public ParameterLayout Layout => _input.Layout;

        public double Cost(double[] theta)
        {
            var output = Invoke(_cost, CostForm(theta), ErrorIds.CostThrew, "CostScriptBlockThrew",
                "CostScriptBlockWroteError");
            // { $null } writes one $null: as much nothing as { }.
            if (output.Count == 0 || output.Count == 1 && Numbers.Unwrap(output[0]) == null)
                throw new GradCheckException(ErrorIds.CostReturnedNothing, GradCheckErrorKind.InvalidResult, _cost,
                    CommandText.Format("CostReturnedNothing"));
            if (output.Count > 1)
                throw new GradCheckException(ErrorIds.CostReturnedMany, GradCheckErrorKind.InvalidResult,
                    Values(output),
                    CommandText.Format("CostReturnedMany", output.Count));
            if (!Numbers.TryGet(output[0], out double cost))
                throw new GradCheckException(ErrorIds.CostNotNumber, GradCheckErrorKind.InvalidResult,
                    Numbers.Unwrap(output[0]),
                    CommandText.Format("CostNotNumber", Numbers.Describe(output[0])));
            return cost;
        }

        public double[] Gradient(double[] theta)
        {
            var output = Invoke(_gradient, _input.ToForm(theta), ErrorIds.GradientThrew, "GradientScriptBlockThrew",
                "GradientScriptBlockWroteError");
            if (output.Count == 0)
                throw new GradCheckException(ErrorIds.GradientReturnedNothing, GradCheckErrorKind.InvalidResult,
                    _gradient,
                    CommandText.Format("GradientReturnedNothing", Expected()));
            // A script that writes a vector element by element sends many objects: treat them as one list.
            object value = output.Count == 1 ? output[0] : (object)output;
            return ParameterReader.ReadGradient(value, Layout, _verbose);
        }

        private double[] _costVector;
        private bool _costFormKnown;

        /// <summary>
        /// θ in the user's form for the cost block. A plain vector is copied into one array kept for every cost call:
        /// a fresh 8 KB array per call (θ of 1,000) was a quarter of the adapter's time with a cheap cost, most of it
        /// in the garbage collector. The block may change it; the next call writes θ over it whole. Not for the
        /// gradient block, whose result may be that very array, read after later cost calls.
        /// </summary>
        private object CostForm(double[] theta)
        {
            if (_costVector != null)
            {
                Array.Copy(theta, _costVector, theta.Length);
                return _costVector;
            }
            object form = _input.ToForm(theta);
            if (!_costFormKnown)
            {
                _costFormKnown = true;
                if (_input.Form == ParameterForm.Vector && form is double[] vector && vector.Length == theta.Length)
                    _costVector = vector;
            }
            return form;
        }

        /// <summary>What a block wrote, as the values themselves: the culprit of CostReturnedMany.</summary>
        private static object[] Values(System.Collections.ObjectModel.Collection<PSObject> output)
        {
            var values = new object[output.Count];
            for (int i = 0; i < values.Length; i++) values[i] = Numbers.Unwrap(output[i]);
            return values;
        }

        private string Expected() =>
            _input.Form == ParameterForm.Number ? CommandText.Format("ExpectedOneNumber")
            : _input.Form == ParameterForm.Vector ? CommandText.Format("ExpectedNumbers", Layout.Count)
            : CommandText.Format("ExpectedDictionary", Layout);

        /// <summary>
        /// Runs a block with $ErrorActionPreference = 'Stop' in its scope, so that the first error it writes
        /// (Write-Error, or a failing command inside it) ends the call: a cost that writes errors is broken, and its
        /// value is no cost.
        /// </summary>
        private System.Collections.ObjectModel.Collection<PSObject> Invoke(ScriptBlock block, object form,
            string errorId, string threwMessage, string wroteErrorMessage)
        {
            var variables = new List<PSVariable>
            {
                new PSVariable("_", form),
                new PSVariable("ErrorActionPreference", ActionPreference.Stop),
            };
            try
            {
                return block.InvokeWithContext(null, variables, form);
            }
            catch (PipelineStoppedException e)
            {
                throw new OperationCanceledException(CommandText.Format("PipelineStopped"), e);
            }
            catch (ActionPreferenceStopException e)
            {
                throw Threw(errorId, block, wroteErrorMessage, e);
            }
            catch (RuntimeException e)
            {
                throw Threw(errorId, block, threwMessage, e);
            }
            catch (FlowControlException e)
            {
                // break, continue or exit outside a loop: PowerShell ends the block with "System error.".
                throw new GradCheckException(errorId, GradCheckErrorKind.InvalidResult, block,
                    CommandText.Format(threwMessage, CommandText.Format("FlowControlOutsideLoop")), e);
            }
        }

        private static GradCheckException Threw(string errorId, ScriptBlock block, string message,
            RuntimeException e) =>
            new GradCheckException(errorId, GradCheckErrorKind.InvalidResult, block,
                CommandText.Format(message, e.ErrorRecord?.Exception?.Message ?? e.Message), e);
    }
}
