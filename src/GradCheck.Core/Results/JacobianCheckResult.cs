using System;

namespace GradCheck
{
    /// <summary>The outcome of one Jacobian (or Hessian) check.</summary>
    public sealed class JacobianCheckResult
    {
        /// <summary>What was checked: Test-Jacobian's -Name, or a description of its input and output.</summary>
        public string Name { get; set; }

        public JacobianMode Mode { get; internal set; }

        /// <summary>Correct, Wrong, or Inconclusive when some entries could not be judged and none failed.</summary>
        public CheckVerdict Verdict { get; internal set; }

        /// <summary>Whether <see cref="Verdict"/> is Correct: an Inconclusive check does not pass.</summary>
        public bool Passed => Verdict == CheckVerdict.Correct;

        /// <summary>The course's ‖A − N‖ / (‖A‖ + ‖N‖) over every checked entry (or direction).</summary>
        public double Difference { get; internal set; }

        /// <summary>One line a person can act on.</summary>
        public string Message { get; internal set; }

        public double Epsilon { get; internal set; }

        /// <summary>
        /// Single when the check ran in single precision: given (-Precision), declared by the function, or chosen by
        /// the scalar check of every output (or of ⟨u, f⟩) on float32 costs.
        /// </summary>
        public Precision Precision { get; internal set; }

        public double Threshold { get; internal set; }

        public VerdictCriterion Criterion { get; internal set; }

        public ParameterLayout InputLayout { get; internal set; }

        public ParameterLayout OutputLayout { get; internal set; }

        public int InputCount { get; internal set; }

        public int OutputCount { get; internal set; }

        /// <summary>Per (output block, input block) pair, in output-major order.</summary>
        public JacobianBlockResult[] Blocks { get; internal set; }

        /// <summary>The entries furthest outside their tolerance, worst first.</summary>
        public JacobianEntryResult[] Worst { get; internal set; }

        /// <summary>The names of the failing block pairs, "y ← W".</summary>
        public string[] FailedBlocks { get; internal set; }

        public int FailedCount { get; internal set; }

        /// <summary>How many entries of J (or directions, or projected entries) were checked.</summary>
        public int CheckedCount { get; internal set; }

        public int InconclusiveCount { get; internal set; }

        /// <summary>In full mode, J under test: [outputs, inputs]. Null in the other modes.</summary>
        public double[,] AnalyticJacobian { get; internal set; }

        /// <summary>
        /// In full mode, the centred differences: [outputs, inputs]; NaN where a column was not sampled.
        /// </summary>
        public double[,] NumericalJacobian { get; internal set; }

        /// <summary>
        /// In directional mode, each random pair (u, v): uᵀJv by Backward against the centred difference.
        /// </summary>
        public DirectionResult[] Directions { get; internal set; }

        /// <summary>
        /// For a function with a forward derivative: the verdict on Jv (each column of J from Forward in full mode,
        /// uᵀ(Jv) in directional mode); null when there is none.
        /// </summary>
        public CheckVerdict? ForwardVerdict { get; internal set; }

        /// <summary>The block pairs whose Forward columns fail; empty when Forward passes or is absent.</summary>
        public string[] ForwardFailedBlocks { get; internal set; } = Array.Empty<string>();

        /// <summary>In OutputGradient mode, the scalar check of ⟨u, f(x)⟩ behind this result.</summary>
        public GradientCheckResult ProjectedCheck { get; internal set; }

        /// <summary>Whether Backward(x, 0) returned exactly 0 everywhere (torch checks the same).</summary>
        public bool ZeroUpstreamGivesZero { get; internal set; }

        /// <summary>The largest |entry| of Backward(x, 0): 0 for a right backward pass.</summary>
        public double ZeroUpstreamLargest { get; internal set; }

        /// <summary>
        /// The largest difference between two calls of Backward with the same x and u; 0 for deterministic code.
        /// </summary>
        public double BackwardReproducibility { get; internal set; }

        /// <summary>Whether two calls of Backward agreed within NondeterministicTolerance.</summary>
        public bool BackwardDeterministic { get; internal set; }

        /// <summary>
        /// For a Hessian: the largest |vᵀHw − wᵀHv| relative to |v|ᵀ|H||w| over the pairs looked at; NaN otherwise.
        /// </summary>
        public double Asymmetry { get; internal set; } = double.NaN;

        /// <summary>
        /// For a Hessian: whether <see cref="Asymmetry"/> lies within the rounding of H's own products.
        /// </summary>
        public bool? Symmetric { get; internal set; }

        /// <summary>For a Hessian checked with its cost: the check of the gradient it is differentiated from.</summary>
        public GradientCheckResult GradientCheck { get; internal set; }

        /// <summary>The seed of the sample or the directions; null when nothing was random.</summary>
        public int? Seed { get; internal set; }

        /// <summary>How many times the function was evaluated.</summary>
        public long Evaluations { get; internal set; }

        /// <summary>How many times Backward (or the Jacobian, Forward or HessianVector) was called.</summary>
        public long DerivativeCalls { get; internal set; }

        public TimeSpan Elapsed { get; internal set; }

        /// <summary>The root-mean-square of the numerical estimates' errors σ: smaller is a better ε.</summary>
        public double NumericalError { get; internal set; }

        /// <summary>In a step-size sweep, true on the ε with the smallest <see cref="NumericalError"/>.</summary>
        public bool BestEpsilon { get; set; }

        public override string ToString() => Message;
    }
}
