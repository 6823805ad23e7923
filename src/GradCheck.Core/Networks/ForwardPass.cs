using System.Collections.Specialized;

namespace GradCheck
{
    /// <summary>What the course's forward pass gives back: the cost and the cache of every layer.</summary>
    public sealed class ForwardPass
    {
        internal ForwardPass(double cost, OrderedDictionary cache)
        {
            Cost = cost;
            Cache = cache;
        }

        /// <summary>J, with the L2 penalty when the network has one.</summary>
        public double Cost { get; }

        /// <summary>Z1, D1, A1, …, Z_L, A_L → [double[,]], n_l × m (D_l only where dropout drops units).</summary>
        public OrderedDictionary Cache { get; }

        public override string ToString() => Cost.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }
}
