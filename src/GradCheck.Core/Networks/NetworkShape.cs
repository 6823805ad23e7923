using System;
using System.Collections.Generic;
using System.Linq;

namespace GradCheck
{
    /// <summary>
    /// The flat, immutable form of a network that the numerics run on: sizes, activations, loss,
    /// data, the L2 weight and the dropout masks, the precision it computes in, and where each W_l and b_l sits
    /// in θ. Matrices are row-major; activations are features × examples, as in the course.
    /// </summary>
    internal sealed class NetworkShape
    {
        public NetworkShape(int[] sizes, Activation[] activations, Loss loss, int examples, double[] input,
            double[] label,
            double l2 = 0, DropoutMasks dropout = null, Precision precision = Precision.Double)
        {
            Precision = precision;
            Sizes = sizes;
            Activations = activations;
            Functions = activations.Select(ActivationFunction.Of).ToArray();
            Loss = loss;
            LossFunction = LossFunction.Of(loss);
            Examples = examples;
            Input = input;
            Label = label;
            L2 = l2;
            Dropout = dropout;
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

        /// <summary>What each layer's activation computes, layer 1 first.</summary>
        public ActivationFunction[] Functions { get; }

        public Loss Loss { get; }
        public LossFunction LossFunction { get; }

        /// <summary>λ of the L2 penalty; 0 for none.</summary>
        public double L2 { get; }

        /// <summary>
        /// What the forward and backward passes compute in. A Single network's data and parameters are float32
        /// numbers held in doubles, so that the matrices a user sees are the numbers its float32 passes use.
        /// </summary>
        public Precision Precision { get; }

        /// <summary>The fixed dropout masks; null for none.</summary>
        public DropoutMasks Dropout { get; }

        /// <summary>D_l of layer l, or null when the layer keeps every unit.</summary>
        public double[] MaskOf(int layer) => Dropout?.MaskOf(layer);

        /// <summary>
        /// The most units of any layer from 1 to L: backprop's dZ and dA live there, never in the input, which can
        /// be far wider (784 against 128 for MNIST) and made every buffer's deltas large-object-heap arrays.
        /// </summary>
        public int WidestLayer
        {
            get
            {
                int widest = 0;
                for (int l = 1; l <= Layers; l++) widest = Math.Max(widest, Sizes[l]);
                return widest;
            }
        }

        /// <summary>The largest weight block, for the L2 sum of squares.</summary>
        public int LargestWeightBlock
        {
            get
            {
                int largest = 0;
                for (int l = 1; l <= Layers; l++) largest = Math.Max(largest, Sizes[l] * Sizes[l - 1]);
                return largest;
            }
        }
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
        public ActivationFunction ActivationOf(int layer) => Functions[layer - 1];

        /// <summary>This shape with other data (the network's live Input and Label, read afresh).</summary>
        public NetworkShape WithData(double[] input, double[] label) =>
            new NetworkShape(Sizes, Activations, Loss, Examples, input, label, L2, Dropout, Precision);

        /// <summary>Which layer and whether it is the bias, for flat entry i.</summary>
        public EntryPlace Locate(int entry)
        {
            for (int l = Layers; l >= 1; l--)
            {
                if (entry >= BiasOffset[l]) return new EntryPlace(l, true, entry - BiasOffset[l], 0);
                if (entry >= WeightOffset[l])
                {
                    int local = entry - WeightOffset[l];
                    return new EntryPlace(l, false, local / Sizes[l - 1], local % Sizes[l - 1]);
                }
            }
            throw new ArgumentOutOfRangeException(nameof(entry));
        }
    }
}
