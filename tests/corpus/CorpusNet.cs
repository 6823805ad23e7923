// Part of the corpus in Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Corpus
{
    /// <summary>A network with its data and parameters, as plain arrays (the course's conventions).</summary>
    public sealed class CorpusNet
    {
        public CorpusNet(int[] layerSize, Activation[] activation, Loss loss, int examples,
            double[] input, double[] label, double[] theta)
        {
            LayerSize = layerSize;
            Activation = activation;
            Loss = loss;
            Examples = examples;
            Input = input;
            Label = label;
            Theta = theta;
            Layers = layerSize.Length - 1;
            WeightOffset = new int[Layers + 1];
            BiasOffset = new int[Layers + 1];
            var shapes = new List<KeyValuePair<string, int[]>>();
            int offset = 0;
            for (int l = 1; l <= Layers; l++)
            {
                WeightOffset[l] = offset;
                offset += layerSize[l] * layerSize[l - 1];
                BiasOffset[l] = offset;
                offset += layerSize[l];
                shapes.Add(new KeyValuePair<string, int[]>("W" + l, new[] { layerSize[l], layerSize[l - 1] }));
                shapes.Add(new KeyValuePair<string, int[]>("b" + l, new[] { layerSize[l], 1 }));
            }
            Layout = ParameterLayout.Create(shapes);
        }

        /// <summary>n₀, n₁, …, n_L.</summary>
        public int[] LayerSize { get; }

        public Activation[] Activation { get; }

        public Loss Loss { get; }

        /// <summary>m.</summary>
        public int Examples { get; }

        /// <summary>X, n₀ × m, row-major.</summary>
        public double[] Input { get; }

        /// <summary>Y, n_L × m, row-major.</summary>
        public double[] Label { get; }

        /// <summary>W1, b1, W2, b2, … flattened row-major.</summary>
        public double[] Theta { get; }

        public int Layers { get; }

        public int[] WeightOffset { get; }

        public int[] BiasOffset { get; }

        public ParameterLayout Layout { get; }

        public Activation ActivationOf(int layer) => Activation[layer - 1];
    }
}
