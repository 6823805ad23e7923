using System.Linq;
using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>Checks a gradient against centred finite differences of its cost.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "Gradient", DefaultParameterSetName = NetworkSet)]
    [OutputType(typeof(GradientCheckResult), typeof(bool))]
    public sealed class TestGradientCommand : CheckCommand
    {
        public const string ScriptSet = "Script";
        public const string NetworkSet = "Network";
        public const string ObjectiveSet = "Objective";

        private const int ProgressId = 1;
        private const string Activity = "Test-Gradient";

        /// <summary>Gets or sets θ: a number, a numeric array, a dictionary of blocks or a ParameterVector.</summary>
        [Parameter(ParameterSetName = ScriptSet, Mandatory = true, ValueFromPipeline = true, Position = 0)]
        [Parameter(ParameterSetName = ObjectiveSet, Mandatory = true, ValueFromPipeline = true, Position = 0)]
        [AllowNull]
        public object Parameter { get; set; }

        /// <summary>
        /// Gets or sets a compiled cost and gradient (GradCheck.IGradientObjective, e.g. from Add-Type), checked at
        /// full speed.
        /// </summary>
        [Parameter(ParameterSetName = ObjectiveSet, Mandatory = true)]
        public IGradientObjective Objective { get; set; }

        /// <summary>
        /// Gets or sets the cost J(θ): a scriptblock that receives θ in the form it was given and returns one number.
        /// </summary>
        [Parameter(ParameterSetName = ScriptSet, Mandatory = true)]
        public ScriptBlock Cost { get; set; }

        /// <summary>Gets or sets a network from New-GradCheckNetwork: its cost is the reference.</summary>
        [Parameter(ParameterSetName = NetworkSet, Mandatory = true, ValueFromPipeline = true, Position = 0)]
        public Network Network { get; set; }

        /// <summary>
        /// Gets or sets, with -Cost, a scriptblock that returns ∇J(θ). With -Network, gradients computed elsewhere (a
        /// dictionary, a vector, a ParameterVector or a scriptblock that receives θ as a dictionary); without it, the
        /// network's own backprop.
        /// </summary>
        [Parameter(ParameterSetName = ScriptSet, Mandatory = true)]
        [Parameter(ParameterSetName = NetworkSet)]
        public object Gradient { get; set; }

        /// <summary>
        /// Gets or sets how many entries to check, stratified so that every block gets at least one; 0 for all.
        /// </summary>
        [Parameter]
        [WholeNumbers]
        public int Sample { get; set; }

        /// <summary>Gets or sets how many random directional derivatives to check instead of entries.</summary>
        [Parameter]
        [WholeNumbers]
        public int Directions { get; set; }

        /// <summary>
        /// Gets or sets the check: FiniteDifference (entries or directions) or Taylor (the step-free Taylor test).
        /// </summary>
        [Parameter]
        public CheckMethod Method { get; set; } = CheckMethod.FiniteDifference;

        /// <summary>
        /// Gets or sets, with -Network, whether to reuse the forward pass per perturbed cost (Incremental) or recompute
        /// it (Full).
        /// </summary>
        [Parameter(ParameterSetName = NetworkSet)]
        public NetworkEvaluation Evaluation { get; set; } = NetworkEvaluation.Auto;

        /// <summary>A Taylor check chooses its own steps: it takes one ε.</summary>
        protected override void ValidateMore()
        {
            if (Method == CheckMethod.Taylor && Epsilon.Length > 1)
                Terminate(new GradCheckException(ErrorIds.ModeConflict, GradCheckErrorKind.InvalidArgument, Epsilon,
                    CommandText.Format("ModeConflictTaylorSweep", Epsilon.Length)));
        }

        protected override void CheckOne()
        {
            switch (ParameterSetName)
            {
                case NetworkSet: CheckNetwork(); break;
                case ObjectiveSet: CheckObjective(); break;
                case ScriptSet: CheckScript(); break;
                default: throw new PSInvalidOperationException("No check for parameter set " + ParameterSetName);
            }
        }

        private void CheckNetwork()
        {
            var theta = Network.ToParameterVector();
            var objective = Network.CreateObjective();
            // θ is this command's own and no check writes into it.
            objective.HandOver(theta.Values);
            objective.Evaluation = Evaluation;
            double[] given = null;
            if (Gradient is ScriptBlock block)
            {
                var input = new ParameterInput(theta.Layout, theta.Values, ParameterForm.Dictionary);
                given = new ScriptBlockObjective(null, block, input, WriteVerbose).Gradient(theta.Values);
            }
            else if (Gradient != null)
            {
                given = ParameterReader.ReadGradient(Gradient, theta.Layout, WriteVerbose);
            }
            WriteVerbose(() => CommandText.Format(
                Gradient == null ? "VerboseNetworkOwnGradient" : "VerboseNetworkGivenGradient",
                Narration.Network(Network), theta.Layout, theta.Count,
                Narration.Evaluation(objective.EffectiveEvaluation)));
            Sweep(objective, theta.Values, given, Network.Name);
        }

        private void CheckObjective()
        {
            if (Objective.Layout == null)
                throw new GradCheckException(ErrorIds.VectorLayoutMismatch, GradCheckErrorKind.InvalidArgument,
                    Objective, CommandText.Format("ObjectiveNoLayout", Objective.GetType().FullName));
            var input = ObjectiveInput.LaidOut(ReadParameter(Parameter), Objective.Layout, Parameter);
            WriteVerbose(() => CommandText.Format("VerboseObjective", Objective.GetType().Name, Objective.Layout,
                Objective.Layout.Count));
            // A class written in PowerShell runs script code: whatever capabilities it declares, it is called on
            // the pipeline thread only.
            var objective = Objective.GetType().Assembly.IsDynamic ? new SequentialObjective(Objective) : Objective;
            Sweep(objective, input.Values, null, Objective.GetType().Name + ", " + Describe(input));
        }

        private void CheckScript()
        {
            var input = ReadParameter(Parameter);
            var gradient = Gradient as ScriptBlock ?? throw new GradCheckException(ErrorIds.GradientNotScriptBlock,
                GradCheckErrorKind.InvalidArgument, Gradient,
                CommandText.Format("GradientNotScriptBlock", Numbers.Describe(Gradient)));
            var objective = new ScriptBlockObjective(Cost, gradient, input, WriteVerbose);
            WriteVerbose(() => CommandText.Format("VerboseScript", input.Layout, input.Layout.Count,
                Narration.Form(input.Form)));
            Sweep(objective, input.Values, null, Describe(input));
        }

        /// <summary>
        /// The parameters' form: "1 number", "3 numbers", "(2, 3)", or "W1 (5,4), b1 (5,1)" for a dictionary.
        /// </summary>
        private static string Describe(ParameterInput input)
        {
            if (input.Form == ParameterForm.Number) return CommandText.Format("NameOneNumber");
            if (input.Form == ParameterForm.Vector && input.Layout.Blocks[0].Rank == 1)
                return CommandText.Format("NameNumbers", input.Layout.Count);
            if (input.Form == ParameterForm.Vector) return ShapeText.Format(input.Layout.Blocks[0].Shape);
            return string.Join(", ",
                input.Layout.Blocks.Select(b => b.Name + " " + ShapeText.Format(b.Shape).Replace(" ", string.Empty)));
        }

        protected override CheckOptions OptionsFor(double epsilon)
        {
            var options = SharedOptions(epsilon);
            options.Sample = Sample;
            options.Directions = Directions;
            options.Method = Method;
            return options;
        }

        /// <summary>
        /// One result per ε, by Core's sweep (which marks the ε with the least numerical error best when there are
        /// several); with -Quiet, one answer for them all.
        /// </summary>
        private void Sweep(IGradientObjective objective, double[] theta, double[] gradient, string name)
        {
            var checker = new GradientChecker(OptionsFor(Epsilon[0]));
            var results = checker.Sweep(objective, theta, SweptEpsilons, gradient, Cancellation,
                ProgressReporter(ProgressId, Activity));
            CompleteProgress(ProgressId, Activity);
            foreach (var r in results)
            {
                r.Name = string.IsNullOrEmpty(Name) ? name : Name;
                WriteVerbose(() => CommandText.Format("VerboseEvaluations", r.Epsilon, r.Evaluations,
                    r.Elapsed.TotalMilliseconds));
                if (r.BestEpsilon)
                    WriteVerbose(() => CommandText.Format("VerboseBestEpsilon", r.Epsilon, r.NumericalError));
                if (r.SwitchedToSingle)
                    WriteVerbose(() => CommandText.Format("VerboseSwitchedToSingle", r.CostNoise, r.Epsilon));
            }
            WriteResults(results, r => r.Passed, Quiet);
        }
    }
}
