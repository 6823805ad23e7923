using System.Collections.Generic;

namespace GradCheck
{
    /// <summary>
    /// The float32 network's objective: θ rounded to float32 on the way in, both passes in float32
    /// (<see cref="SinglePropagation"/>), the cost and gradient widened to double exactly on the way out. It keeps
    /// no state between calls, so the checker evaluates it on every core, each thread with its own
    /// <see cref="SingleWorker"/>; there is no incremental evaluation, and every perturbed cost is a full float32
    /// forward pass. Like the double network it tells the checker which perturbations cross a ReLU's kink.
    /// </summary>
    internal sealed class SingleNetworkObjective : NetworkObjective, ISingleGradientObjective, IDeclaresPrecision,
        IThreadSafeObjective, IPerturbedCostSource, IBranchAwareCost
    {
        private readonly NetworkShape _shape;
        private readonly SingleData _data;
        private readonly KeyValuePair<ParameterBlock, float>[] _fault;

        public SingleNetworkObjective(NetworkShape shape, IReadOnlyDictionary<string, double> fault)
            : base(shape)
        {
            _shape = shape;
            _data = new SingleData(shape);
            var faults = new List<KeyValuePair<ParameterBlock, float>>();
            foreach (var pair in fault) faults.Add(new KeyValuePair<ParameterBlock, float>(Layout[pair.Key],
                (float)pair.Value));
            _fault = faults.ToArray();
        }

        public Precision Precision => Precision.Single;

        /// <summary>Always Full: a float32 network has no incremental evaluation.</summary>
        public override NetworkEvaluation EffectiveEvaluation => NetworkEvaluation.Full;

        public override double Cost(double[] theta) => Cost(SingleVectors.Narrow(theta));

        public override double[] Gradient(double[] theta) =>
            SingleVectors.Widen(Gradient(SingleVectors.Narrow(theta)));

        public IPerturbedCostWorker CreateWorker(double[] theta) => new SingleWorker(_shape, _data, theta);

        /// <summary>
        /// J at <paramref name="point"/>, and whether a kinked pre-activation has another sign than at θ.
        /// </summary>
        public double Cost(double[] theta, double[] point, out bool changedBranch)
        {
            var branches = BranchesAt(theta, BranchesOf);
            var atPoint = new SingleBuffers(_shape, _data);
            float cost = SinglePropagation.Forward(_shape, _data, SingleVectors.Narrow(point), atPoint);
            changedBranch = SingleBranches.Changed(_shape, atPoint, branches);
            return cost;
        }

        private bool[][] BranchesOf(double[] theta)
        {
            var buffers = new SingleBuffers(_shape, _data);
            SinglePropagation.Forward(_shape, _data, SingleVectors.Narrow(theta), buffers);
            return SingleBranches.Of(_shape, buffers);
        }

        public float Cost(float[] theta) =>
            SinglePropagation.Forward(_shape, _data, theta, new SingleBuffers(_shape, _data));

        /// <summary>Backprop's float32 gradient, each faulty block scaled by its factor rounded to float32.</summary>
        public float[] Gradient(float[] theta)
        {
            var buffers = new SingleBuffers(_shape, _data);
            SinglePropagation.Forward(_shape, _data, theta, buffers);
            var gradient = new float[_shape.ParameterCount];
            SinglePropagation.Backward(_shape, _data, theta, buffers, gradient);
            foreach (var pair in _fault)
                for (int i = pair.Key.Offset; i < pair.Key.Offset + pair.Key.Count; i++) gradient[i] *= pair.Value;
            return gradient;
        }

        internal override double Forward(double[] theta, out double[][] z, out double[][] a)
        {
            var buffers = new SingleBuffers(_shape, _data);
            float cost = SinglePropagation.Forward(_shape, _data, SingleVectors.Narrow(theta), buffers);
            z = new double[_shape.Layers + 1][];
            a = new double[_shape.Layers + 1][];
            for (int l = 1; l <= _shape.Layers; l++)
            {
                z[l] = SingleVectors.Widen(buffers.Z[l]);
                a[l] = SingleVectors.Widen(buffers.A[l]);
            }
            return cost;
        }
    }
}
