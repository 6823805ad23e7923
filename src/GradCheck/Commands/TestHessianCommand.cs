using System.Linq;
using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>Checks a Hessian (H·v, or the whole H) against centred differences of the gradient.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "Hessian", DefaultParameterSetName = HessianVectorSet)]
    [OutputType(typeof(JacobianCheckResult), typeof(bool))]
    public sealed class TestHessianCommand : CheckCommand
    {
        public const string HessianVectorSet = "HessianVector";
        public const string MatrixSet = "Matrix";
        public const string ObjectiveSet = "Objective";

        private const int ProgressId = 3;
        private const string Activity = "Test-Hessian";

        /// <summary>
        /// Gets or sets θ: a number, an array of any rank, a dictionary of blocks or a ParameterVector.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
        [AllowNull]
        public object Parameter { get; set; }

        /// <summary>
        /// Gets or sets ∇J: a scriptblock of θ returning the gradient in θ's form. It must itself be right.
        /// </summary>
        [Parameter(ParameterSetName = HessianVectorSet, Mandatory = true)]
        [Parameter(ParameterSetName = MatrixSet, Mandatory = true)]
        public ScriptBlock Gradient { get; set; }

        /// <summary>Gets or sets H·v: a scriptblock of θ and v (in θ's form) returning H·v in θ's form.</summary>
        [Parameter(ParameterSetName = HessianVectorSet, Mandatory = true)]
        public ScriptBlock HessianVector { get; set; }

        /// <summary>Gets or sets the whole H: a scriptblock of θ returning a P × P [double[,]].</summary>
        [Parameter(ParameterSetName = MatrixSet, Mandatory = true)]
        public ScriptBlock Hessian { get; set; }

        /// <summary>
        /// Gets or sets the cost J whose gradient -Gradient is: given, the gradient is checked first, and a gradient
        /// that is not Correct makes the Hessian's check Inconclusive.
        /// </summary>
        [Parameter(ParameterSetName = HessianVectorSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        public ScriptBlock Cost { get; set; }

        /// <summary>
        /// Gets or sets compiled code (GradCheck.IHessianObjective); when it is also an IGradientObjective, its
        /// gradient is checked first.
        /// </summary>
        [Parameter(ParameterSetName = ObjectiveSet, Mandatory = true)]
        public IHessianObjective Objective { get; set; }

        /// <summary>Gets or sets how many random vᵀHw to check instead of every entry.</summary>
        [Parameter]
        [WholeNumbers]
        public int Directions { get; set; }

        protected override void CheckOne()
        {
            var input = ReadParameter(Parameter);
            if (ParameterSetName == ObjectiveSet) input = ObjectiveInput.LaidOut(input, Objective.Layout, Parameter);
            var (objective, cost) = Adapt(input);
            if (cost == null) WriteVerbose(CommandText.Format("VerboseHessianGradientUnchecked"));
            var results = new HessianChecker(OptionsFor(Epsilon[0])).Sweep(objective, input.Values, SweptEpsilons, cost,
                Cancellation, ProgressReporter(ProgressId, Activity));
            CompleteProgress(ProgressId, Activity);
            foreach (var r in results)
                r.Name = string.IsNullOrEmpty(Name) ? TestJacobianCommand.Blocks(input.Layout) : Name;
            WriteResults(results, r => r.Passed, Quiet);
        }

        private (IHessianObjective Objective, IGradientObjective Cost) Adapt(ParameterInput input)
        {
            switch (ParameterSetName)
            {
                case ObjectiveSet:
                    if (Objective.Layout == null || Objective.Layout.Count != input.Values.Length)
                        throw new GradCheckException(ErrorIds.VectorLayoutMismatch, GradCheckErrorKind.InvalidArgument,
                            Parameter, CommandText.Format("ObjectiveParameterCountMismatch",
                                Objective.Layout?.Count ?? 0, Objective.Layout, input.Values.Length));
                    return Compiled();
                case MatrixSet:
                    return (new ScriptBlockHessianMatrix(Gradient, Hessian, input), CostOf(input));
                case HessianVectorSet:
                    return (new ScriptBlockHessianObjective(Gradient, HessianVector, input), CostOf(input));
                default: throw new PSInvalidOperationException("No Hessian for parameter set " + ParameterSetName);
            }
        }

        /// <summary>
        /// The -Objective, and its cost when it is also an IGradientObjective. A class written in PowerShell runs
        /// script: whatever it declares, it is called on the pipeline thread only.
        /// </summary>
        private (IHessianObjective Objective, IGradientObjective Cost) Compiled()
        {
            var cost = Objective as IGradientObjective;
            if (!Objective.GetType().Assembly.IsDynamic) return (Objective, cost);
            return (SequentialHessianObjective.For(Objective), cost == null ? null : new SequentialObjective(cost));
        }

        private IGradientObjective CostOf(ParameterInput input) =>
            Cost == null ? null : new ScriptBlockObjective(Cost, Gradient, input, WriteVerbose);

        protected override CheckOptions OptionsFor(double epsilon)
        {
            var options = SharedOptions(epsilon);
            options.Directions = Directions;
            return options;
        }
    }
}
