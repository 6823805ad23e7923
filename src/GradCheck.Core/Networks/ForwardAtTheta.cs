using System;

namespace GradCheck
{
    /// <summary>
    /// The forward pass at θ, computed once per θ and shared, only read: the cost at θ, backprop's gradient, every
    /// line through θ (<see cref="DoubleNetworkObjective.Line(double[], LineDirection)"/>) and the incremental
    /// workers start from it. A check creates a worker per thread and stage (7 to 14 for a 108,801-parameter
    /// network), and a directional check a line per direction, and each used to run this full forward pass again.
    /// </summary>
    internal sealed class ForwardAtTheta
    {
        private readonly double[] _theta;
        private readonly Lazy<double[][]> _columns;
        private readonly Lazy<LinearReach> _reach;

        /// <summary>
        /// The pass at θ, kept with a copy of θ; or, when <paramref name="handedOver"/>, with θ itself, which its
        /// caller will not change while the pass is in use (P numbers fewer to allocate for every check).
        /// </summary>
        public ForwardAtTheta(NetworkShape shape, double[] theta, bool handedOver = false)
        {
            _theta = handedOver ? theta : (double[])theta.Clone();
            Buffers = new PropagationBuffers(shape);
            // Rows shared among the cores: each row is computed alone, so the bits are those of the serial pass.
            for (int l = 1; l <= shape.Layers; l++) Propagation.ForwardLayer(shape, _theta, Buffers, l, parallel: true);
            Data = Propagation.DataCost(shape, Buffers);
            Squares = shape.L2 == 0 ? 0 : L2Penalty.SumOfSquares(shape, _theta, Buffers.Squares);
            Cost = L2Penalty.Add(shape, Data, Squares);
            // Only the incremental workers read them: a directional check never pays for the copy.
            _columns = new Lazy<double[][]>(() => AllTransposed(shape, _theta));
            _reach = new Lazy<LinearReach>(() => LinearReach.Create(shape, _theta, Buffers, Columns));
        }

        /// <summary>How a step of a row of layer L−2 reaches the output; null without that shape.</summary>
        public LinearReach Reach => _reach.Value;

        /// <summary>
        /// W_n's columns, each stored contiguous: Columns[n][r·rows + k] = W_n[k, r], for n ≥ 2 (null below). A
        /// rank-1 step reads one column of the next layer's weights per perturbation; in θ its entries are a row
        /// length apart, and a stride of a power of two bytes maps them all to a few cache sets, which evict each
        /// other on every pass.
        /// </summary>
        public double[][] Columns => _columns.Value;

        private static double[][] AllTransposed(NetworkShape shape, double[] theta)
        {
            var columns = new double[shape.Layers + 1][];
            for (int n = 2; n <= shape.Layers; n++) columns[n] = Transposed(shape, theta, n);
            return columns;
        }

        private static double[] Transposed(NetworkShape shape, double[] theta, int n)
        {
            int rows = shape.Sizes[n], inner = shape.Sizes[n - 1], w = shape.WeightOffset[n];
            var columns = new double[rows * inner];
            for (int k = 0; k < rows; k++)
                for (int r = 0; r < inner; r++) columns[r * rows + k] = theta[w + k * inner + r];
            return columns;
        }

        /// <summary>J at θ, bit for bit what <see cref="Propagation.Forward"/> returns.</summary>
        public double Cost { get; }

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
            // A copy is never handed out, so only a θ handed over can be this array.
            if (ReferenceEquals(theta, _theta)) return true;
            if (theta.Length != _theta.Length) return false;
            for (int i = 0; i < theta.Length; i++)
                if (BitConverter.DoubleToInt64Bits(theta[i]) != BitConverter.DoubleToInt64Bits(_theta[i])) return false;
            return true;
        }
    }
}
