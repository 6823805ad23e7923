using System.Collections.Generic;

namespace GradCheck
{
    /// <summary>What to build a <see cref="Network"/> from. Anything left null is filled in as documented.</summary>
    public sealed class NetworkDefinition
    {
        /// <summary>n₀, n₁, …, n_L: the input size first.</summary>
        public int[] LayerSize { get; set; }

        /// <summary>One per layer; default ReLU for hidden layers and Sigmoid at the output.</summary>
        public Activation[] Activation { get; set; }

        public Loss Loss { get; set; } = GradCheck.Loss.CrossEntropy;

        /// <summary>m, when <see cref="Input"/> is not given: random inputs and labels are drawn.</summary>
        public int ExampleCount { get; set; } = 8;

        /// <summary>X, features × examples (n₀ × m).</summary>
        public double[,] Input { get; set; }

        /// <summary>Y, n_L × m.</summary>
        public double[,] Label { get; set; }

        /// <summary>Given parameters W1, b1, …; when null they are initialised from <see cref="Seed"/>.</summary>
        public ParameterVector Parameters { get; set; }

        /// <summary>Block name (W2 or dW2) → factor that scales that block of backprop's gradient.</summary>
        public IDictionary<string, double> Fault { get; set; }

        public int? Seed { get; set; }
    }
}
