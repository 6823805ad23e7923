using System;
using System.Collections.Generic;

namespace GradCheck
{
    /// <summary>
    /// A network frozen at θ as an objective: the cost by forward propagation and the gradient by
    /// backprop with the network's faults applied. Workers evaluate perturbed costs on any thread.
    /// </summary>
    public sealed class NetworkObjective : IGradientObjective, IPerturbedCostSource
    {
        private readonly NetworkShape _shape;
        private readonly IReadOnlyDictionary<string, double> _fault;

        internal NetworkObjective(NetworkShape shape, IReadOnlyDictionary<string, double> fault)
        {
            _shape = shape;
            _fault = fault;
        }

        public ParameterLayout Layout => _shape.Layout;

        public double Cost(double[] theta) => Propagation.Forward(_shape, theta, new PropagationBuffers(_shape));

        /// <summary>Backprop's gradient, each faulty block scaled by its factor.</summary>
        public double[] Gradient(double[] theta)
        {
            var buffers = new PropagationBuffers(_shape);
            Propagation.Forward(_shape, theta, buffers);
            var gradient = new double[_shape.ParameterCount];
            Propagation.Backward(_shape, theta, buffers, gradient);
            foreach (var pair in _fault)
            {
                var block = Layout[pair.Key];
                for (int i = block.Offset; i < block.Offset + block.Count; i++) gradient[i] *= pair.Value;
            }
            return gradient;
        }

        public IPerturbedCostWorker CreateWorker(double[] theta) => new FullWorker(_shape, theta);

        /// <summary>Recomputes the whole forward pass for every perturbed cost, as the course does.</summary>
        private sealed class FullWorker : IPerturbedCostWorker
        {
            private readonly NetworkShape _shape;
            private readonly double[] _theta;
            private readonly PropagationBuffers _buffers;

            public FullWorker(NetworkShape shape, double[] theta)
            {
                _shape = shape;
                _theta = (double[])theta.Clone();
                _buffers = new PropagationBuffers(shape);
            }

            public double Cost(int entry, double delta)
            {
                double original = _theta[entry];
                _theta[entry] = original + delta;
                try { return Propagation.Forward(_shape, _theta, _buffers); }
                finally { _theta[entry] = original; }
            }
        }
    }
}
