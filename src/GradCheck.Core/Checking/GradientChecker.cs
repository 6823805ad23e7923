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
            if (Options.Method == CheckMethod.Taylor)
                return TaylorChecker.Check(this, objective, theta, analytic, cancel);
            if (Options.Directions > 0) return DirectionalChecker.Check(this, objective, theta, analytic, cancel);
            var start = Prepare(objective, theta, ref analytic);
            return new EntryChecker(Options, objective, theta, start, cancel, progress).Check(analytic);
        }

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
