using System;
using System.Collections.Generic;
using System.Linq;

namespace GradCheck
{
    /// <summary>
    /// The flat, immutable form of a network that the numerics run on: sizes, activations, loss,
    /// data, and where each W_l and b_l sits in θ. Matrices are row-major; activations are
    /// features × examples, as in the course.
    /// </summary>
    internal sealed class NetworkShape
    {
        public NetworkShape(int[] sizes, Activation[] activations, Loss loss, int examples, double[] input, double[] label)
        {
            Sizes = sizes;
            Activations = activations;
            Loss = loss;
            Examples = examples;
            Input = input;
            Label = label;
            Layers = sizes.Length - 1;
            WeightOffset = new int[Layers + 1];
            BiasOffset = new int[Layers + 1];
            int offset = 0;
            for (int l = 1; l <= Layers; l++)
            {
                WeightOffset[l] = offset;
                offset += sizes[l] * sizes[l - 1];
                BiasOffset[l] = offset;
                offset += sizes[l];
            }
            ParameterCount = offset;
            Layout = ParameterLayout.Create(Enumerable.Range(1, Layers).SelectMany(l => new[]
            {
                new KeyValuePair<string, int[]>("W" + l, new[] { sizes[l], sizes[l - 1] }),
                new KeyValuePair<string, int[]>("b" + l, new[] { sizes[l], 1 }),
            }));
        }

        public int[] Sizes { get; }
        public Activation[] Activations { get; }
        public Loss Loss { get; }
        public int Examples { get; }
        public int Layers { get; }

        /// <summary>X, n₀ × m.</summary>
        public double[] Input { get; }

        /// <summary>Y, n_L × m.</summary>
        public double[] Label { get; }

        public int[] WeightOffset { get; }
        public int[] BiasOffset { get; }
        public int ParameterCount { get; }
        public ParameterLayout Layout { get; }

        /// <summary>Activation of layer l (1-based).</summary>
        public Activation ActivationOf(int layer) => Activations[layer - 1];

        /// <summary>Which layer and whether it is the bias, for flat entry i.</summary>
        public (int Layer, bool IsBias, int Row, int Column) Locate(int entry)
        {
            for (int l = Layers; l >= 1; l--)
            {
                if (entry >= BiasOffset[l]) return (l, true, entry - BiasOffset[l], 0);
                if (entry >= WeightOffset[l])
                {
                    int local = entry - WeightOffset[l];
                    return (l, false, local / Sizes[l - 1], local % Sizes[l - 1]);
                }
            }
            throw new ArgumentOutOfRangeException(nameof(entry));
        }
    }
}
