using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>
    /// The double network's objective: the cost by forward propagation and the gradient by backprop with the
    /// network's faults applied. Workers evaluate perturbed costs on any thread, in full or incrementally.
    /// </summary>
    internal sealed class DoubleNetworkObjective : NetworkObjective, IPerturbedCostSource, ILineCostSource,
        IDirectionLineSource, IBranchAwareCost, ILeavesArgumentIntact
    {
        private readonly NetworkShape _shape;
        private readonly IReadOnlyDictionary<string, double> _fault;

        internal DoubleNetworkObjective(NetworkShape shape, IReadOnlyDictionary<string, double> fault)
            : base(shape)
        {
            _shape = shape;
            _fault = fault;
        }

        public override NetworkEvaluation EffectiveEvaluation
        {
            get
            {
                if (Evaluation != NetworkEvaluation.Auto) return Evaluation;
                double forward = 0;
                for (int l = 1; l <= _shape.Layers; l++)
                    forward += (double)_shape.Sizes[l] * _shape.Sizes[l - 1] * _shape.Examples;
                return forward * _shape.ParameterCount <= AutoFullBudget ? NetworkEvaluation.Full
                    : NetworkEvaluation.Incremental;
            }
        }

        /// <summary>
        /// J(θ). The first θ this objective is asked about is kept (<see cref="ForwardAtTheta"/>): a check asks for
        /// the cost there first, then the gradient and the lines there; the points around it are computed afresh,
        /// so that they do not evict it.
        /// </summary>
        public override double Cost(double[] theta) =>
            Kept(theta, replace: false)?.Cost
            ?? Propagation.Forward(_shape, theta, new PropagationBuffers(_shape), parallel: true);

        /// <summary>
        /// J at <paramref name="point"/>, and whether any ReLU or LeakyReLU pre-activation has another sign there
        /// than at θ.
        /// </summary>
        public double Cost(double[] theta, double[] point, out bool changedBranch)
        {
            var branches = BranchesAt(theta, BranchesOf);
            var atPoint = new PropagationBuffers(_shape);
            double cost = Propagation.Forward(_shape, point, atPoint, parallel: true);
            changedBranch = Branches.Changed(_shape, atPoint, branches);
            return cost;
        }

        private bool[][] BranchesOf(double[] theta) => Branches.Of(_shape, ForwardAt(theta).Buffers);

        /// <summary>Backprop's gradient, each faulty block scaled by its factor.</summary>
        public override double[] Gradient(double[] theta)
        {
            // The forward pass at θ read, not written: backprop has scratch of its own.
            var buffers = new PropagationBuffers(ForwardAt(theta).Buffers);
            var gradient = new double[_shape.ParameterCount];
            Propagation.Backward(_shape, theta, buffers, gradient, parallel: true);
            foreach (var pair in _fault)
            {
                var block = Layout[pair.Key];
                for (int i = block.Offset; i < block.Offset + block.Count; i++) gradient[i] *= pair.Value;
            }
            return gradient;
        }

        internal override double Forward(double[] theta, out double[][] z, out double[][] a)
        {
            var buffers = new PropagationBuffers(_shape);
            double cost = Propagation.Forward(_shape, theta, buffers, parallel: true);
            z = buffers.Z;
            a = buffers.A;
            return cost;
        }

        public Func<double, double> Line(double[] theta, double[] direction) =>
            Line(theta, new DenseDirection(direction));

        /// <summary>
        /// t ↦ J(θ + t·v). The first layer is linear in its parameters and X is fixed, so
        /// Z₁(t) = Z₁ + t·(V₁·X + v_b1): one dense product per line instead of one per t. The other layers
        /// are recomputed with their parameters moved (all of them, for the L2 term, when λ &gt; 0).
        /// </summary>
        public Func<double, double> Line(double[] theta, LineDirection direction)
        {
            var s = _shape;
            if (theta.Length != s.ParameterCount || direction.Length != s.ParameterCount)
                throw new ArgumentException("θ and the direction must have " + s.ParameterCount + " entries, not "
                    + theta.Length + " and " + direction.Length + ".", nameof(direction));
            var buffers = new PropagationBuffers(s);
            // Z₁ at θ, only read.
            double[] z1 = ForwardAt(theta).Buffers.Z[1];
            double[] d1 = Propagation.FirstLayerSlope(s, direction, parallel: true);
            // Layer 1 went into z1 and d1 above, so work holds θ + t·v from layer 2's entries on only (all of them
            // for the L2 term): for a million-parameter network a thousand entries instead of a million.
            int firstMoved = s.L2 != 0 || s.Layers < 2 ? 0 : s.WeightOffset[2];
            var work = new double[s.ParameterCount - firstMoved];
            var f = s.ActivationOf(1);
            int rows = s.Sizes[1], m = s.Examples;
            return t =>
            {
                Kernels.ScaledSum(buffers.Z[1], 0, z1, 0, t, d1, z1.Length);
                f.ActivateLayer(buffers.Z[1], buffers.F[1], rows, m);
                if (s.MaskOf(1) != null) s.Dropout.Apply(1, buffers.F[1], buffers.A[1], 0, rows * m);
                direction.PointAlong(theta, t, firstMoved, work.Length, work, 0);
                for (int l = 2; l <= s.Layers; l++)
                    Propagation.ForwardLayer(s, work, buffers, l, parallel: true, first: firstMoved);
                // Without an L2 term the cost reads no θ; with one, work starts at entry 0.
                return Propagation.Cost(s, work, buffers);
            };
        }

        /// <summary>The pass at this θ, when it comes, is kept with θ itself rather than a copy.</summary>
        internal override void HandOver(double[] theta)
        {
            lock (_shape) _handedOver = theta;
        }

        public IPerturbedCostWorker CreateWorker(double[] theta) =>
            EffectiveEvaluation == NetworkEvaluation.Full ? (IPerturbedCostWorker)new FullWorker(_shape,
                theta) : new IncrementalWorker(_shape, theta, ForwardAt(theta));

        private ForwardAtTheta _atTheta;
        private double[] _handedOver;

        /// <summary>
        /// The forward pass at θ, kept for the θ last asked about: a check asks for the gradient, its lines and a
        /// worker per thread and stage, all at the same θ.
        /// </summary>
        private ForwardAtTheta ForwardAt(double[] theta) => Kept(theta, replace: true);

        /// <summary>
        /// The kept pass if it is at θ. Otherwise a new pass at θ, kept, when there is none yet or
        /// <paramref name="replace"/> is set; else null.
        /// </summary>
        private ForwardAtTheta Kept(double[] theta, bool replace)
        {
            lock (_shape)
            {
                if (_atTheta != null && _atTheta.IsAt(theta)) return _atTheta;
                if (_atTheta != null && !replace) return null;
                return _atTheta = new ForwardAtTheta(_shape, theta, handedOver: ReferenceEquals(theta, _handedOver));
            }
        }

        /// <summary>
        /// Recomputes the whole forward pass for every perturbed cost, as the course does, and reports whether
        /// the perturbation flipped the sign of any ReLU or LeakyReLU pre-activation.
        /// </summary>
        private sealed class FullWorker : IPerturbedCostWorker, IBranchAwareWorker
        {
            private readonly NetworkShape _shape;
            private readonly double[] _theta;
            private readonly PropagationBuffers _buffers;
            private readonly bool[][] _baseBranch;

            public FullWorker(NetworkShape shape, double[] theta)
            {
                _shape = shape;
                _theta = (double[])theta.Clone();
                _buffers = new PropagationBuffers(shape);
                Propagation.Forward(shape, _theta, _buffers);
                _baseBranch = Branches.Of(shape, _buffers);
            }

            public bool LastCostChangedBranch { get; private set; }

            public double Cost(int entry, double delta)
            {
                double original = _theta[entry];
                _theta[entry] = original + delta;
                try
                {
                    double cost = Propagation.Forward(_shape, _theta, _buffers);
                    LastCostChangedBranch = Branches.Changed(_shape, _buffers, _baseBranch);
                    return cost;
                }
                finally { _theta[entry] = original; }
            }
        }
    }

    /// <summary>
    /// The branch (z &gt; 0) of every kinked activation, to tell when a perturbation crosses a kink. A unit that
    /// dropout drops has no kink: nothing after it sees its value.
    /// </summary>
    internal static class Branches
    {
        public static bool[][] Of(NetworkShape shape, PropagationBuffers buffers)
        {
            var branches = new bool[shape.Layers + 1][];
            for (int l = 1; l <= shape.Layers; l++)
            {
                if (!shape.ActivationOf(l).HasKink) continue;
                var z = buffers.Z[l];
                branches[l] = new bool[z.Length];
                for (int t = 0; t < z.Length; t++) branches[l][t] = z[t] > 0;
            }
            return branches;
        }

        /// <summary>
        /// Whether any kept, kinked pre-activation of layer l has another sign in <paramref name="z"/> than in
        /// <paramref name="reference"/>.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        public static bool Differ(NetworkShape shape, int layer, double[] z, double[] reference)
        {
            if (!shape.ActivationOf(layer).HasKink) return false;
            double[] mask = shape.MaskOf(layer);
            return Kernels.SignsDiffer(z, 0, reference, 0, mask, z.Length);
        }

        [MethodImpl(HotPath.Optimize)]
        public static bool Changed(NetworkShape shape, PropagationBuffers buffers, bool[][] reference)
        {
            for (int l = 1; l <= shape.Layers; l++)
            {
                var branch = reference[l];
                if (branch == null) continue;
                var z = buffers.Z[l];
                double[] mask = shape.MaskOf(l);
                for (int t = 0; t < z.Length; t++)
                    if (z[t] > 0 != branch[t] && (mask == null || mask[t] != 0)) return true;
            }
            return false;
        }
    }
}
