// Part of the corpus in Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Corpus
{
    /// <summary>
    /// One case of the corpus: a network, the gradient handed to the checker, and what its bug changes.
    /// </summary>
    public sealed class CorpusCase
    {
        internal CorpusCase() { }

        public int Id { get; internal set; }

        /// <summary>The seed of the LegacyRandomState the case was drawn from.</summary>
        public uint Seed { get; internal set; }

        public CorpusNet Net { get; internal set; }

        public int[] LayerSize => Net.LayerSize;

        public Activation[] Activation => Net.Activation;

        public string[] ActivationNames => Net.Activation.Select(f => f.ToString()).ToArray();

        public Loss Loss => Net.Loss;

        public string LossName => Net.Loss.ToString();

        public int Examples => Net.Examples;

        public ParameterLayout Layout => Net.Layout;

        /// <summary>Whether a ReLU or LeakyReLU pre-activation was placed within 1e-9..1e-7 of its kink.</summary>
        public bool NearKink { get; internal set; }

        /// <summary>Which pre-activation was placed next to the kink, e.g. "Z2[1,3]"; null when none.</summary>
        public string KinkAt { get; internal set; }

        /// <summary>Its value, within 1e-9..1e-7 of 0.</summary>
        public double KinkZ { get; internal set; } = double.NaN;

        /// <summary>
        /// min |z| over every ReLU and LeakyReLU pre-activation of the network (the nearest kink, placed or not).
        /// </summary>
        public double NearestKink { get; internal set; } = double.PositiveInfinity;

        public CorpusBug Bug { get; internal set; }

        public BugKind Kind => Bug.Kind;

        public bool IsBuggy => Bug.Kind != BugKind.None;

        /// <summary>The gradient handed to the checker: BuggyBackprop with the case's bug.</summary>
        public double[] Gradient { get; internal set; }

        /// <summary>BuggyBackprop without a bug.</summary>
        public double[] CleanGradient { get; internal set; }

        /// <summary>Per block, ‖g_bug,B − g_B‖₂ / ‖g_B‖₂ (∞ when ‖g_B‖ = 0 and the bug changes it).</summary>
        public double[] BlockChange { get; internal set; }

        /// <summary>The blocks whose gradient the bug changes, in layout order.</summary>
        public string[] AffectedBlocks { get; internal set; }

        /// <summary>The block-relative effect: the largest <see cref="BlockChange"/>.</summary>
        public double Effect { get; internal set; }

        public double[,] InputMatrix() => ToMatrix(Net.Input, 0, Net.LayerSize[0], Net.Examples);

        public double[,] LabelMatrix() => ToMatrix(Net.Label, 0, Net.LayerSize[Net.Layers], Net.Examples);

        /// <summary>W1, b1, W2, … → double[,], for New-GradCheckNetwork -Parameter.</summary>
        public OrderedDictionary ParameterDictionary() => Dictionary(Net.Theta, string.Empty);

        /// <summary>dW1, db1, … → double[,] of the (buggy) gradient.</summary>
        public OrderedDictionary GradientDictionary() => Dictionary(Gradient, "d");

        public ParameterVector ThetaVector() => new ParameterVector((double[])Net.Theta.Clone(), Net.Layout);

        public ParameterVector GradientVector() => new ParameterVector((double[])Gradient.Clone(), Net.Layout);

        public NetworkDefinition Definition() => new NetworkDefinition
        {
            LayerSize = (int[])Net.LayerSize.Clone(),
            Activation = (Activation[])Net.Activation.Clone(),
            Loss = Net.Loss,
            Input = InputMatrix(),
            Label = LabelMatrix(),
            Parameters = ThetaVector(),
        };

        public Network CreateNetwork() => Network.Create(Definition());

        /// <summary>"4-5-3-1 ReLU,Tanh,Sigmoid CrossEntropy m=3".</summary>
        public string Shape =>
            $"{string.Join("-", Net.LayerSize)} {string.Join(",", ActivationNames)} {LossName} m={Net.Examples}";

        public override string ToString() =>
            $"case {Id}: {Shape}; {Bug.Description}" +
                (NearKink ? $"; {KinkAt} = {CorpusText.Number(KinkZ)}" : string.Empty);

        private OrderedDictionary Dictionary(double[] values, string prefix)
        {
            var result = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (var block in Net.Layout.Blocks)
                result.Add(prefix + block.Name, ToMatrix(values, block.Offset, block.Shape[0], block.Shape[1]));
            return result;
        }

        internal static double[,] ToMatrix(double[] data, int offset, int rows, int columns)
        {
            var matrix = new double[rows, columns];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++) matrix[r, c] = data[offset + r * columns + c];
            return matrix;
        }
    }
}
