using System.Linq;
using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>Checks a layer's backward pass (its vector-Jacobian products) against centred differences.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "Jacobian", DefaultParameterSetName = BackwardSet)]
    [OutputType(typeof(JacobianCheckResult), typeof(bool))]
    public sealed class TestJacobianCommand : CheckCommand
    {
        public const string BackwardSet = "Backward";
        public const string JacobianSet = "Jacobian";
        public const string ObjectiveSet = "Objective";

        private const int ProgressId = 2;
        private const string Activity = "Test-Jacobian";

        /// <summary>
        /// Gets or sets x: a number, an array of any rank, a dictionary of blocks or a ParameterVector.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
        [AllowNull]
        public object Parameter { get; set; }

        /// <summary>Gets or sets f: a scriptblock that receives x in its form and returns y in any form.</summary>
        [Parameter(ParameterSetName = BackwardSet, Mandatory = true)]
        [Parameter(ParameterSetName = JacobianSet, Mandatory = true)]
        public ScriptBlock Function { get; set; }

        /// <summary>
        /// Gets or sets the backward pass: a scriptblock that receives x and the upstream gradient dy (in y's form)
        /// and returns the input gradients in x's form (d-prefixed keys allowed).
        /// </summary>
        [Parameter(ParameterSetName = BackwardSet, Mandatory = true)]
        public ScriptBlock Backward { get; set; }

        /// <summary>
        /// Gets or sets J·v in forward mode: a scriptblock of x and v (in x's form); checked as well.
        /// </summary>
        [Parameter(ParameterSetName = BackwardSet)]
        public ScriptBlock Forward { get; set; }

        /// <summary>
        /// Gets or sets the whole analytic Jacobian: a scriptblock of x returning [double[,]] (outputs × inputs).
        /// </summary>
        [Parameter(ParameterSetName = JacobianSet, Mandatory = true)]
        public ScriptBlock Jacobian { get; set; }

        /// <summary>Gets or sets a compiled function (GradCheck.IVectorFunction), checked at full speed.</summary>
        [Parameter(ParameterSetName = ObjectiveSet, Mandatory = true)]
        public IVectorFunction Objective { get; set; }

        /// <summary>
        /// Gets or sets the upstream gradient dy, in y's form: only the product dyᵀJ is judged (a scalar check of
        /// ⟨dy, f(x)⟩), as CS231n's eval_numerical_gradient_array does.
        /// </summary>
        [Parameter]
        public object OutputGradient { get; set; }

        /// <summary>Gets or sets how many input entries (columns of J) to check, stratified by block.</summary>
        [Parameter]
        [WholeNumbers]
        public int Sample { get; set; }

        /// <summary>Gets or sets how many random uᵀJv to check instead of every entry.</summary>
        [Parameter]
        [WholeNumbers]
        public int Directions { get; set; }

        /// <summary>Gets or sets how far two calls of Backward may differ (torch's nondet_tol); 0 by default.</summary>
        [Parameter]
        public double NondeterministicTolerance { get; set; }

        protected override CheckOptions OptionsFor(double epsilon) => Options(epsilon, null);

        protected override void CheckOne()
        {
            var input = ReadParameter(Parameter);
            if (ParameterSetName == ObjectiveSet)
                input = ObjectiveInput.LaidOut(input, Objective.InputLayout, Parameter);
            var function = Adapt(input);
            var upstream = OutputGradient == null ? null : ReadOutputGradient(function);
            WriteVerbose(() => CommandText.Format("VerboseJacobian", function.InputLayout, function.InputLayout.Count,
                function.OutputLayout, function.OutputLayout.Count));
            var checker = new JacobianChecker(Options(Epsilon[0], upstream));
            var results = checker.Sweep(function, input.Values, SweptEpsilons, Cancellation,
                ProgressReporter(ProgressId, Activity));
            CompleteProgress(ProgressId, Activity);
            Write(results, Describe(input, function));
        }

        private IVectorFunction Adapt(ParameterInput input)
        {
            switch (ParameterSetName)
            {
                case ObjectiveSet: return CompiledFunction(input);
                case JacobianSet: return new ScriptBlockJacobianFunction(Function, Jacobian, input);
                case BackwardSet:
                    return Forward == null ? new ScriptBlockVectorFunction(Function, Backward, input)
                        : new ScriptBlockForwardFunction(Function, Backward, Forward, input);
                default: throw new PSInvalidOperationException("No function for parameter set " + ParameterSetName);
            }
        }

        private IVectorFunction CompiledFunction(ParameterInput input)
        {
            if (Objective.InputLayout == null || Objective.OutputLayout == null)
                throw new GradCheckException(ErrorIds.VectorLayoutMismatch, GradCheckErrorKind.InvalidArgument,
                    Objective, Text.Format("FunctionNoLayout", Objective.GetType().FullName));
            if (input.Values.Length != Objective.InputLayout.Count)
                throw new GradCheckException(ErrorIds.VectorLayoutMismatch, GradCheckErrorKind.InvalidArgument,
                    Parameter, CommandText.Format("ObjectiveParameterCountMismatch", Objective.InputLayout.Count,
                        Objective.InputLayout, input.Values.Length));
            // A class written in PowerShell runs script: whatever it declares, it is called on the pipeline thread.
            return Objective.GetType().Assembly.IsDynamic ? SequentialVectorFunction.For(Objective) : Objective;
        }

        /// <summary>
        /// -OutputGradient read in y's form: the same blocks and shapes as f(x), or a flat list of them all.
        /// </summary>
        private double[] ReadOutputGradient(IVectorFunction function)
        {
            try { return ParameterReader.ReadGradient(OutputGradient, function.OutputLayout); }
            catch (GradCheckException e)
            {
                throw new GradCheckException(ErrorIds.OutputGradientShapeMismatch, GradCheckErrorKind.InvalidArgument,
                    OutputGradient, CommandText.Format("OutputGradientUnreadable", function.OutputLayout, e.Message),
                    e);
            }
        }

        private CheckOptions Options(double epsilon, double[] upstream)
        {
            var options = SharedOptions(epsilon);
            options.Sample = Sample;
            options.Directions = Directions;
            options.OutputGradient = upstream;
            options.NondeterministicTolerance = NondeterministicTolerance;
            return options;
        }

        private void Write(JacobianCheckResult[] results, string name)
        {
            foreach (var r in results) r.Name = string.IsNullOrEmpty(Name) ? name : Name;
            foreach (var r in results)
                WriteVerbose(() => CommandText.Format("VerboseJacobianEvaluations", r.Epsilon, r.Evaluations,
                    r.DerivativeCalls, r.Elapsed.TotalMilliseconds));
            WriteResults(results, r => r.Passed, Quiet);
        }

        /// <summary>"y (2,3) ← A, W, b": short enough for the 80-column table.</summary>
        private static string Describe(ParameterInput input, IVectorFunction function) =>
            Blocks(function.OutputLayout) + " ← " + string.Join(", ", input.Layout.Blocks.Select(b => b.Name));

        internal static string Blocks(ParameterLayout layout) =>
            string.Join(", ", layout.Blocks.Select(b => b.Name + " " + ShapeText.Format(b.Shape).Replace(" ", "")));
    }
}
