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
            switch (ModeOf(Options))
            {
                case CheckMode.Taylor: return TaylorChecker.Check(this, objective, theta, analytic, cancel);
                case CheckMode.Directional: return DirectionalChecker.Check(this, objective, theta, analytic, cancel);
                case CheckMode.Entries:
                    var start = Prepare(objective, theta, ref analytic);
                    return new EntryChecker(Options, objective, theta, start, cancel, progress).Check(analytic);
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

        /// <summary>What every mode needs first: valid inputs, J(θ) and the gradient under test.</summary>
        internal CheckStart Prepare(IGradientObjective objective, double[] theta, ref double[] analytic)
        {
            if (objective == null) throw new ArgumentNullException(nameof(objective));
            if (theta == null) throw new ArgumentNullException(nameof(theta));
            Options.Validate();
            var clock = Stopwatch.StartNew();
            var layout = objective.Layout;
            Validation.Parameters(layout, theta);
            Validation.StepResolves(layout, theta, Options.Epsilon);
            // Copies, so that an objective that writes into its argument cannot change the θ every later cost starts
            // from.
            double cost = Validation.Cost(() => objective.Cost((double[])theta.Clone()), "CostPointTheta");
            var gradient = analytic;
            analytic = Validation.Gradient(layout,
                gradient ?? Validation.Guard(() => objective.Gradient((double[])theta.Clone())));
            return new CheckStart(objective, theta, cost, clock);
        }

        internal static int NewSeed() => Guid.NewGuid().GetHashCode() & int.MaxValue;
    }
}
