using System;

namespace GradCheck
{
    /// <summary>
    /// The forward pass at θ that the incremental workers start from, computed once per θ and shared: the workers
    /// only read it. A check creates a worker per thread and stage (7 to 14 for a 108,801-parameter network), and
    /// each used to run this full forward pass again.
    /// </summary>
    internal sealed class IncrementalBase
    {
        private readonly double[] _theta;

        public IncrementalBase(NetworkShape shape, double[] theta)
        {
            _theta = (double[])theta.Clone();
            Buffers = new PropagationBuffers(shape);
            // Rows shared among the cores: each row is computed alone, so the bits are those of the serial pass.
            for (int l = 1; l <= shape.Layers; l++) Propagation.ForwardLayer(shape, _theta, Buffers, l, parallel: true);
            Data = Propagation.DataCost(shape, Buffers);
            Squares = shape.L2 == 0 ? 0 : L2Penalty.SumOfSquares(shape, _theta, Buffers.Squares);
        }

        /// <summary>Z_l, A_l and the loss terms at θ.</summary>
        public PropagationBuffers Buffers { get; }

        /// <summary>The loss at θ, without the penalty.</summary>
        public double Data { get; }

        /// <summary>Σ_l Σ W_l² at θ; 0 without an L2 penalty.</summary>
        public double Squares { get; }

        /// <summary>
        /// Whether this is the pass at <paramref name="theta"/>: every bit the same (a caller may reuse one array for
        /// another θ, and −0 and +0 are not the same parameter to a cost that divides).
        /// </summary>
        public bool IsAt(double[] theta)
        {
            if (theta.Length != _theta.Length) return false;
            for (int i = 0; i < theta.Length; i++)
                if (BitConverter.DoubleToInt64Bits(theta[i]) != BitConverter.DoubleToInt64Bits(_theta[i])) return false;
            return true;
        }
    }
}
