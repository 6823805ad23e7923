namespace GradCheck
{
    /// <summary>
    /// One thread's evaluator of the float32 network: its own float32 copy of θ and buffers, a full float32 forward
    /// pass per cost, and whether the perturbation flipped a kinked pre-activation's sign.
    /// </summary>
    internal sealed class SingleWorker : IPerturbedCostWorker, IBranchAwareWorker
    {
        private readonly NetworkShape _shape;
        private readonly SingleData _data;
        private readonly double[] _theta;
        private readonly float[] _point;
        private readonly SingleBuffers _buffers;
        private readonly bool[][] _baseBranch;

        public SingleWorker(NetworkShape shape, SingleData data, double[] theta)
        {
            _shape = shape;
            _data = data;
            _theta = (double[])theta.Clone();
            _point = SingleVectors.Narrow(theta);
            _buffers = new SingleBuffers(shape, data);
            SinglePropagation.Forward(shape, data, _point, _buffers);
            _baseBranch = SingleBranches.Of(shape, _buffers);
        }

        public bool LastCostChangedBranch { get; private set; }

        /// <summary>
        /// J with entry <paramref name="entry"/> at θ + δ rounded to float32, as the checker's grid has it.
        /// </summary>
        public double Cost(int entry, double delta)
        {
            float original = _point[entry];
            _point[entry] = (float)(_theta[entry] + delta);
            try
            {
                float cost = SinglePropagation.Forward(_shape, _data, _point, _buffers);
                LastCostChangedBranch = SingleBranches.Changed(_shape, _buffers, _baseBranch);
                return cost;
            }
            finally { _point[entry] = original; }
        }
    }
}
