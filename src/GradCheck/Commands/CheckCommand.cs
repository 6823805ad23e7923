using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>
    /// What Test-Gradient, Test-Jacobian and Test-Hessian share: the options every check takes, their validation
    /// before any input, θ read as the user gave it, and one check per input (with -Quiet's answer).
    /// </summary>
    public abstract class CheckCommand : GradCheckCmdlet
    {
        /// <summary>Gets or sets the steps h; several make a sweep, with the best marked.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public double[] Epsilon { get; set; } = { Tolerances.DefaultEpsilon };

        /// <summary>Gets or sets the threshold of the course's rule.</summary>
        [Parameter]
        public double Threshold { get; set; } = Tolerances.DefaultThreshold;

        /// <summary>Gets or sets the rule that decides the verdict.</summary>
        [Parameter]
        public VerdictCriterion Criterion { get; set; } = VerdictCriterion.ErrorAware;

        /// <summary>Gets or sets how many of the worst entries the result lists.</summary>
        [Parameter]
        [WholeNumbers]
        public int Top { get; set; } = 5;

        /// <summary>Gets or sets the seed of the sample or the directions; by default one is drawn.</summary>
        [Parameter]
        [WholeNumbers]
        public int? Seed { get; set; }

        /// <summary>Gets or sets whether to answer $true or $false instead of writing the results.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Gets or sets the Name every result of this command carries.</summary>
        [Parameter]
        public string Name { get; set; }

        /// <summary>
        /// Gets or sets the precision the code under test computes in. Single steps θ on the float32 grid (from
        /// 1e-6·max(1, |θᵢ|) unless -Epsilon is given) and floors the noise at float32 rounding. Left out: the
        /// objective's own word, else Double, switching to Single when the costs show float32 rounding.
        /// </summary>
        [Parameter]
        public Precision Precision { get; set; }

        /// <summary>Whether -Epsilon was given, rather than left to the precision's default.</summary>
        private protected bool EpsilonGiven => MyInvocation.BoundParameters.ContainsKey(nameof(Epsilon));

        /// <summary>The steps to sweep: -Epsilon as given, or null for one check at the precision's default.</summary>
        private protected double[] SweptEpsilons => EpsilonGiven ? Epsilon : null;

        /// <summary>Whether -Precision was given.</summary>
        private protected bool PrecisionGiven => MyInvocation.BoundParameters.ContainsKey(nameof(Precision));

        /// <summary>
        /// Whether θ came from the pipeline rather than -Parameter: messages name it as the user gave it.
        /// </summary>
        private bool _parameterFromPipeline;

        /// <summary>
        /// Notes where θ comes from (once bound from the pipeline, -Parameter is in BoundParameters too) and stops
        /// the command when the options of some ε are invalid, before any check.
        /// </summary>
        protected override void BeginProcessing()
        {
            _parameterFromPipeline = !MyInvocation.BoundParameters.ContainsKey("Parameter");
            ValidateOptions(Epsilon, OptionsFor);
            ValidateMore();
        }

        protected override void ProcessRecord() => CheckInput(CheckOne, Quiet);

        /// <summary>The options of the check at one ε.</summary>
        protected abstract CheckOptions OptionsFor(double epsilon);

        /// <summary>
        /// The options every command shares, for one ε: ε and the precision only where given, so that the check
        /// can choose them.
        /// </summary>
        private protected CheckOptions SharedOptions(double epsilon)
        {
            var options = new CheckOptions { Threshold = Threshold, Criterion = Criterion, Top = Top, Seed = Seed };
            if (EpsilonGiven) options.Epsilon = epsilon;
            if (PrecisionGiven) options.Precision = Precision;
            return options;
        }

        /// <summary>One input's check.</summary>
        protected abstract void CheckOne();

        /// <summary>A command's own option rules, after the shared ones; none by default.</summary>
        protected virtual void ValidateMore()
        {
        }

        /// <summary>
        /// θ read as the user gave it, refused (naming the entry) when it is not finite or ε is lost in it.
        /// </summary>
        private protected ParameterInput ReadParameter(object value)
        {
            var input = ParameterReader.Read(value, Subject.Parameter(_parameterFromPipeline));
            // A default ε in single precision is scaled to every entry and never lost; the check itself validates.
            bool single = PrecisionGiven && Precision == Precision.Single;
            input.Validate(EpsilonGiven || !single ? Epsilon : new double[0],
                PrecisionGiven ? Precision : Precision.Double);
            return input;
        }
    }
}
