using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>Checks a gradient against centred finite differences of its cost.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "Gradient", DefaultParameterSetName = NetworkSet)]
    [OutputType(typeof(GradientCheckResult), typeof(bool))]
    public sealed class TestGradientCommand : GradCheckCmdlet
    {
        public const string ScriptSet = "Script";
        public const string NetworkSet = "Network";

        private const int ProgressId = 1;
        private const string Activity = "Test-Gradient";

        /// <summary>θ: a number, a numeric array, a dictionary of blocks or a ParameterVector.</summary>
        [Parameter(ParameterSetName = ScriptSet, Mandatory = true, ValueFromPipeline = true, Position = 0)]
        [AllowNull]
        public object Parameter { get; set; }

        [Parameter(ParameterSetName = ScriptSet, Mandatory = true)]
        public ScriptBlock Cost { get; set; }

        /// <summary>A network from New-GradCheckNetwork: its cost is the reference.</summary>
        [Parameter(ParameterSetName = NetworkSet, Mandatory = true, ValueFromPipeline = true, Position = 0)]
        public Network Network { get; set; }

        /// <summary>
        /// With -Cost, a scriptblock. With -Network, gradients computed elsewhere (a dictionary, a vector, a
        /// ParameterVector or a scriptblock that receives θ as a dictionary); without it, the network's own backprop.
        /// </summary>
        [Parameter(ParameterSetName = ScriptSet, Mandatory = true)]
        [Parameter(ParameterSetName = NetworkSet)]
        public object Gradient { get; set; }

        [Parameter]
        public double[] Epsilon { get; set; } = { Tolerances.DefaultEpsilon };

        [Parameter]
        public double Threshold { get; set; } = Tolerances.DefaultThreshold;

        [Parameter]
        public VerdictCriterion Criterion { get; set; } = VerdictCriterion.ErrorAware;

        [Parameter]
        public int Top { get; set; } = 5;

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void BeginProcessing()
        {
            foreach (double epsilon in Epsilon) Validate(new CheckOptions { Epsilon = epsilon, Threshold = Threshold, Top = Top });
        }

        protected override void ProcessRecord() => ForEachInput(() =>
        {
            if (ParameterSetName == NetworkSet) CheckNetwork();
            else CheckScript();
        });

        private void CheckNetwork()
        {
            var theta = Network.ToParameterVector();
            var objective = Network.CreateObjective();
            double[] given = null;
            if (Gradient is ScriptBlock block)
            {
                var input = new ParameterInput(theta.Layout, theta.Values, ParameterForm.Dictionary);
                given = new ScriptBlockObjective(null, block, input).Gradient(theta.Values);
            }
            else if (Gradient != null)
            {
                given = ParameterReader.ReadGradient(Gradient, theta.Layout);
            }
            WriteVerbose($"{Network}: layout {theta.Layout} ({theta.Count} entries); gradient from {(Gradient == null ? "the network's backprop" : "-Gradient")}.");
            foreach (double epsilon in Epsilon) Emit(Check(objective, theta.Values, epsilon, given));
        }

        private void CheckScript()
        {
            var input = ParameterReader.Read(Parameter);
            var gradient = Gradient as ScriptBlock ?? throw new GradCheckException(ErrorIds.GradientNotNumeric,
                GradCheckErrorKind.InvalidArgument, Gradient, "-Gradient must be a scriptblock when -Cost is given.");
            var objective = new ScriptBlockObjective(Cost, gradient, input);
            WriteVerbose($"Layout: {input.Layout} ({input.Layout.Count} entries, {input.Form} form).");
            foreach (double epsilon in Epsilon) Emit(Check(objective, input.Values, epsilon, null));
        }

        private GradientCheckResult Check(IGradientObjective objective, double[] theta, double epsilon, double[] gradient)
        {
            var options = new CheckOptions { Epsilon = epsilon, Threshold = Threshold, Criterion = Criterion, Top = Top };
            var result = new GradientChecker(options).Check(objective, theta, gradient, Cancellation, ProgressReporter(ProgressId, Activity));
            CompleteProgress(ProgressId, Activity);
            WriteVerbose($"ε = {epsilon:G3}: {result.Evaluations} cost evaluations in {result.Elapsed.TotalMilliseconds:F1} ms.");
            return result;
        }

        private void Emit(GradientCheckResult result)
        {
            if (Quiet) WriteObject(result.Passed);
            else WriteObject(result);
        }

        private void Validate(CheckOptions options)
        {
            try { options.Validate(); }
            catch (GradCheckException e) { Terminate(e); }
        }
    }
}
