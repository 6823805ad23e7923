using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// Compares a gradient with finite differences of its cost, entry by entry (all, or a stratified
    /// sample), and judges each block against the finite-difference error it can have (see <see cref="Tolerances"/>).
    /// </summary>
    public sealed class GradientChecker
    {
        public GradientChecker(CheckOptions options = null)
        {
            Options = options ?? new CheckOptions();
        }

        public CheckOptions Options { get; }

        /// <summary>
        /// Checks <paramref name="objective"/> at <paramref name="theta"/>. When <paramref name="analytic"/> is
        /// given it is the gradient under test and the objective supplies only the cost.
        /// </summary>
        /// <param name="progress">Called on this thread, about ten times a second while costs are evaluated.</param>
        public GradientCheckResult Check(IGradientObjective objective, double[] theta, double[] analytic = null,
            CancellationToken cancel = default, Action<CheckProgress> progress = null)
        {
            var declared = Options.Precision ?? (objective as IDeclaresPrecision)?.Precision;
            var result = CheckIn(declared ?? Precision.Double, objective, theta, analytic, cancel, progress);
            if (declared.HasValue || Options.Criterion == VerdictCriterion.Course || !CarriesSingleRounding(result))
                return result;
            var single = new GradientChecker(SingleOptions(theta))
                .CheckIn(Precision.Single, objective, theta, analytic, cancel, progress);
            single.SwitchedToSingle = true;
            single.Message += Text.Format("SwitchedToSingle");
            single.Evaluations += result.Evaluations;
            single.Elapsed += result.Elapsed;
            return single;
        }

        /// <summary>
        /// Whether a double-precision check saw float32 rounding: every cost a float32 number (see
        /// <see cref="CheckStart.DetectPrecision"/>) and J(θ) not exactly 0 (a cost that is 0 at θ, a hinge with
        /// every margin met, carries no rounding there, and its few nonzero neighbours prove little). A loud measured
        /// σ_J alone does not switch: next to a kink ECnoise reads the kink as noise.
        /// </summary>
        private static bool CarriesSingleRounding(GradientCheckResult result) =>
            result.Precision == Precision.Single && result.Cost != 0;

        /// <summary>
        /// The options of the second, single-precision check: an ε given for double that some θᵢ ± ε rounds back to
        /// θᵢ in float32 gives way to the single-precision default, which float32 code can resolve.
        /// </summary>
        private CheckOptions SingleOptions(double[] theta)
        {
            if (!Options.EpsilonGiven) return Options;
            var single = OnGrid(Precision.Single, theta);
            var grid = StepGrid.For(Precision.Single, single, false);
            for (int i = 0; i < single.Length; i++)
                if (!grid.Resolves(i, Options.Epsilon)) return Options.WithDefaultEpsilon();
            return Options;
        }

        private GradientCheckResult CheckIn(Precision precision, IGradientObjective objective, double[] theta,
            double[] analytic, CancellationToken cancel, Action<CheckProgress> progress)
        {
            var checker = new GradientChecker(Options.For(precision, theta));
            switch (ModeOf(checker.Options))
            {
                case CheckMode.Taylor: return TaylorChecker.Check(checker, objective, theta, analytic, cancel);
                case CheckMode.Directional:
                    return DirectionalChecker.Check(checker, objective, theta, analytic, cancel);
                case CheckMode.Entries:
                    var start = checker.Prepare(objective, ref theta, ref analytic);
                    return new EntryChecker(checker.Options, objective, theta, start, cancel, progress).Check(analytic);
                default: throw new InvalidOperationException("No gradient check for mode " + ModeOf(Options) + ".");
            }
        }

        /// <summary>
        /// One check per ε (see <see cref="EpsilonSweep"/>); with several, the one whose numerical derivatives carry
        /// the least error is marked <see cref="GradientCheckResult.BestEpsilon"/> (entry mode only: the other modes
        /// measure no per-entry error).
        /// </summary>
        public GradientCheckResult[] Sweep(IGradientObjective objective, double[] theta, double[] epsilons,
            double[] analytic = null, CancellationToken cancel = default, Action<CheckProgress> progress = null) =>
            EpsilonSweep.Run(Options, epsilons,
                options => new GradientChecker(options).Check(objective, theta, analytic, cancel, progress),
                r => r.NumericalError, r =>
                {
                    if (r.Mode == CheckMode.Entries) r.BestEpsilon = true;
                });

        /// <summary>What a check of these options compares.</summary>
        public static CheckMode ModeOf(CheckOptions options) =>
            options.Method == CheckMethod.Taylor ? CheckMode.Taylor
            : options.Directions > 0 ? CheckMode.Directional : CheckMode.Entries;

        /// <summary>
        /// What every mode needs first: valid inputs, J(θ) and the gradient under test. In single precision θ is
        /// first rounded to float32, as float32 code would hold it.
        /// </summary>
        internal CheckStart Prepare(IGradientObjective objective, ref double[] theta, ref double[] analytic)
        {
            if (objective == null) throw new ArgumentNullException(nameof(objective));
            if (theta == null) throw new ArgumentNullException(nameof(theta));
            Options.Validate();
            var clock = Stopwatch.StartNew();
            var layout = objective.Layout;
            Validation.Parameters(layout, theta);
            var point = OnGrid(Options.Precision ?? Precision.Double, theta);
            Validation.Rounded(layout, theta, point);
            theta = point;
            var grid = StepGrid.For(Options, point);
            Validation.StepResolves(layout, point, Options.Epsilon, grid);
            // Copies, so that an objective that writes into its argument cannot change the θ every later cost starts
            // from.
            double cost = Validation.Cost(() => objective.Cost(Guarded(objective, point)), "CostPointTheta");
            var gradient = analytic;
            analytic = Validation.Gradient(layout,
                gradient ?? Validation.Guard(() => objective.Gradient(Guarded(objective, point))));
            return new CheckStart(objective, point, cost, clock, grid);
        }

        /// <summary>θ itself for an objective that leaves it intact; a copy for any other.</summary>
        private static double[] Guarded(IGradientObjective objective, double[] theta) =>
            objective is ILeavesArgumentIntact ? theta : (double[])theta.Clone();

        /// <summary>θ as a cost of <paramref name="precision"/> holds it.</summary>
        internal static double[] OnGrid(Precision precision, double[] theta)
        {
            switch (precision)
            {
                case Precision.Double: return theta;
                case Precision.Single: return SingleVectors.Widen(SingleVectors.Narrow(theta));
                default: throw new ArgumentOutOfRangeException(nameof(precision), precision, "No such precision.");
            }
        }

        internal static int NewSeed() => Guid.NewGuid().GetHashCode() & int.MaxValue;
    }
}
