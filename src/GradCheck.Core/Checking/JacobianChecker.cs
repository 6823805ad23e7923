using System;
using System.Diagnostics;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// Checks a vector function's backward pass (its vector-Jacobian products) against centred differences of the
    /// function: the whole Jacobian by default, the product for one upstream gradient with
    /// <see cref="CheckOptions.OutputGradient"/>, or random uᵀJv with <see cref="CheckOptions.Directions"/>. Every mode
    /// runs the scalar check (<see cref="GradientChecker"/>) of a scalar made from f (an output, or ⟨u, f⟩), so each
    /// entry gets the same error-aware verdict as a gradient, and all of them read one set of kept evaluations.
    /// </summary>
    public sealed class JacobianChecker
    {
        public JacobianChecker(CheckOptions options = null)
        {
            Options = options ?? new CheckOptions();
        }

        public CheckOptions Options { get; }

        /// <summary>Checks <paramref name="function"/> at <paramref name="x"/>.</summary>
        /// <param name="progress">Called on this thread, about ten times a second while f is evaluated.</param>
        public JacobianCheckResult Check(IVectorFunction function, double[] x, CancellationToken cancel = default,
            Action<CheckProgress> progress = null)
        {
            var clock = Stopwatch.StartNew();
            // A precision given or declared holds for every scalar check; left open, each decides on its own costs.
            var precision = Options.Precision ?? (function as IDeclaresPrecision)?.Precision;
            if (precision.HasValue && x != null) x = GradientChecker.OnGrid(precision.Value, x);
            var options = precision.HasValue ? Options.For(precision.Value, x) : Options;
            Validate(function, x, options);
            var context = new JacobianContext(options, new VectorEvaluations(function, x), (double[])x.Clone(), clock,
                cancel, progress);
            switch (ModeOf(options))
            {
                case JacobianMode.Full: return FullJacobianCheck.Run(context);
                case JacobianMode.OutputGradient: return ProjectedJacobianCheck.Run(context);
                case JacobianMode.Directional: return DirectionalJacobianCheck.Run(context);
                default: throw new InvalidOperationException("No Jacobian check for mode " + ModeOf(Options) + ".");
            }
        }

        /// <summary>
        /// One check per ε (see <see cref="EpsilonSweep"/>); with several, the one whose numerical estimates carry
        /// the least error is marked <see cref="JacobianCheckResult.BestEpsilon"/>.
        /// </summary>
        public JacobianCheckResult[] Sweep(IVectorFunction function, double[] x, double[] epsilons,
            CancellationToken cancel = default, Action<CheckProgress> progress = null) =>
            EpsilonSweep.Run(Options, epsilons,
                options => new JacobianChecker(options).Check(function, x, cancel, progress),
                r => r.NumericalError, MarkBest);

        /// <summary>
        /// Only checks that measure each estimate's error can say which ε is best: the full Jacobian, and an
        /// OutputGradient check of entries. Random projections measure none.
        /// </summary>
        internal static void MarkBest(JacobianCheckResult r)
        {
            if (r.Mode == JacobianMode.Full
                || r.Mode == JacobianMode.OutputGradient && r.ProjectedCheck?.Mode == CheckMode.Entries)
                r.BestEpsilon = true;
        }

        /// <summary>What a check of these options compares.</summary>
        public static JacobianMode ModeOf(CheckOptions options) =>
            options.OutputGradient != null ? JacobianMode.OutputGradient
            : options.Directions > 0 ? JacobianMode.Directional : JacobianMode.Full;

        /// <summary>Whether the output layout has no blocks, or a block of no entries: no row of J to check.</summary>
        private static bool HasNoOutputs(ParameterLayout layout)
        {
            if (layout.Blocks.Count == 0) return true;
            foreach (var block in layout.Blocks)
                if (block.Count == 0) return true;
            return false;
        }

        private static void Validate(IVectorFunction function, double[] x, CheckOptions options)
        {
            if (function == null) throw new ArgumentNullException(nameof(function));
            if (x == null) throw new ArgumentNullException(nameof(x));
            options.Validate();
            if (function.InputLayout == null || function.OutputLayout == null)
                throw new GradCheckException(ErrorIds.VectorLayoutMismatch, GradCheckErrorKind.InvalidArgument,
                    function, Text.Format("FunctionNoLayout", function.GetType().FullName));
            if (HasNoOutputs(function.OutputLayout))
                throw new GradCheckException(ErrorIds.VectorLayoutMismatch, GradCheckErrorKind.InvalidArgument,
                    function, Text.Format("FunctionNoOutputs", function.GetType().FullName, function.OutputLayout));
            Validation.Parameters(function.InputLayout, x);
            Validation.StepResolves(function.InputLayout, x, options.Epsilon, StepGrid.For(options, x));
            var u = options.OutputGradient;
            if (u != null && u.Length != function.OutputLayout.Count)
                throw new GradCheckException(ErrorIds.OutputGradientShapeMismatch, GradCheckErrorKind.InvalidArgument,
                    u, Text.Format("OutputGradientLength", u.Length, function.OutputLayout.Count,
                        function.OutputLayout));
            if (u != null) Validation.OutputGradient(function.OutputLayout, u);
        }
    }
}
