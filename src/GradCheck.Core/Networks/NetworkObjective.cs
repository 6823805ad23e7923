using System;
using System.Collections.Generic;

namespace GradCheck
{
    /// <summary>
    /// A network frozen at its data as an objective: pass it θ, and it gives the cost by forward propagation and the
    /// gradient by backprop with the network's faults applied, in the network's <see cref="Network.Precision"/>.
    /// Either evaluates perturbed costs on any thread and says which cross a kink (IPerturbedCostSource,
    /// IBranchAwareCost); a double network's does so incrementally and along lines too (ILineCostSource), a float32
    /// network's is an <see cref="ISingleGradientObjective"/> that declares <see cref="Precision.Single"/>.
    /// </summary>
    public abstract class NetworkObjective : IGradientObjective
    {
        private readonly NetworkShape _shape;

        private readonly object _branchLock = new object();
        private double[] _branchesFor;
        private bool[][] _branches;

        internal NetworkObjective(NetworkShape shape) => _shape = shape;

        /// <summary>
        /// θ's branches (see <see cref="Branches"/>), computed by <paramref name="of"/> and kept for the θ last asked
        /// about: a noise measurement asks 24 times in a row.
        /// </summary>
        private protected bool[][] BranchesAt(double[] theta, Func<double[], bool[][]> of)
        {
            lock (_branchLock)
            {
                if (!ReferenceEquals(theta, _branchesFor))
                {
                    _branches = of(theta);
                    _branchesFor = theta;
                }
                return _branches;
            }
        }

        /// <summary>The objective of a network of this shape, in its precision.</summary>
        internal static NetworkObjective Create(NetworkShape shape, IReadOnlyDictionary<string, double> fault)
        {
            switch (shape.Precision)
            {
                case Precision.Double: return new DoubleNetworkObjective(shape, fault);
                case Precision.Single: return new SingleNetworkObjective(shape, fault);
                default: throw NetworkPrecision.Unknown(shape.Precision);
            }
        }

        /// <summary>
        /// Hands θ over to this objective: its caller promises not to change it while the objective is in use, so
        /// the objective may keep what it computes at θ without copying it first. Only the cmdlets call it, with a
        /// θ they built for one check.
        /// </summary>
        internal virtual void HandOver(double[] theta)
        {
        }

        /// <summary>How perturbed costs are computed.</summary>
        public NetworkEvaluation Evaluation { get; set; } = NetworkEvaluation.Auto;

        /// <summary>Below this many multiply-adds for all full passes together, Auto evaluates in full.</summary>
        public const double AutoFullBudget = 1e6;

        /// <summary>What <see cref="Evaluation"/> resolves to for this network.</summary>
        public abstract NetworkEvaluation EffectiveEvaluation { get; }

        public ParameterLayout Layout => _shape.Layout;

        /// <summary>J(θ), in the network's precision, as a double.</summary>
        public abstract double Cost(double[] theta);

        /// <summary>Backprop's gradient at θ, each faulty block scaled by its factor, in double.</summary>
        public abstract double[] Gradient(double[] theta);

        /// <summary>The forward pass at θ: the cost, and Z_l and A_l (A_l after dropout) of every layer.</summary>
        internal abstract double Forward(double[] theta, out double[][] z, out double[][] a);
    }
}
