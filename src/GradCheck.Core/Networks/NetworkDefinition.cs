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

        /// <summary>
        /// λ of the L2 penalty (λ/2m)·Σ‖W_l‖², in the cost and in backprop; 0 (the default) for none.
        /// </summary>
        public double L2 { get; set; }

        /// <summary>
        /// p in (0, 1]: inverted dropout on every hidden layer, with masks drawn once from <see cref="DropoutSeed"/>.
        /// Null means 1 (no dropout), except for the dropout preset, where it means the course's 0.7.
        /// </summary>
        public double? KeepProbability { get; set; }

        /// <summary>The np.random.seed the dropout masks are drawn after, as the course's forward pass does.</summary>
        public int DropoutSeed { get; set; } = 1;

        /// <summary>
        /// What the forward and backward passes compute in. Single: data and parameters are drawn (or given) as for
        /// Double, then rounded to float32, and every operation of both passes is a float32 one, as float32 training
        /// code computes; the cost and gradient are widened to double only at the end.
        /// </summary>
        public Precision Precision { get; set; } = Precision.Double;

        /// <summary>
        /// A preset by name (<see cref="Network.Presets"/>); the shape, data and parameters are then its own.
        /// </summary>
        public string Preset { get; set; }
    }
}
