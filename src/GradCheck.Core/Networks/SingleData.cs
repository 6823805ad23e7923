namespace GradCheck
{
    /// <summary>
    /// What a float32 network's passes read besides θ, as float32: X, Y, the dropout masks D_l and the scalars p
    /// and λ. The shape (sizes, offsets, activations, loss) is the network's own <see cref="NetworkShape"/>.
    /// </summary>
    internal sealed class SingleData
    {
        private readonly float[][] _mask;

        public SingleData(NetworkShape shape)
        {
            Input = SingleVectors.Narrow(shape.Input);
            Label = SingleVectors.Narrow(shape.Label);
            Keep = (float)(shape.Dropout?.Keep ?? 1);
            L2 = (float)shape.L2;
            _mask = new float[shape.Layers + 1][];
            for (int l = 1; l <= shape.Layers; l++) _mask[l] = SingleVectors.Narrow(shape.MaskOf(l));
        }

        /// <summary>X, n₀ × m.</summary>
        public float[] Input { get; }

        /// <summary>Y, n_L × m.</summary>
        public float[] Label { get; }

        /// <summary>p, the probability that dropout keeps a unit (1 without dropout).</summary>
        public float Keep { get; }

        /// <summary>λ of the L2 penalty; 0 for none.</summary>
        public float L2 { get; }

        /// <summary>D_l of layer l (0 and 1), or null when the layer keeps every unit.</summary>
        public float[] MaskOf(int layer) => _mask[layer];

        /// <summary>a = (f·D_l) / p over a whole layer, as the course's A = A * D; A = A / keep_prob.</summary>
        public void Dropout(int layer, float[] f, float[] a)
        {
            float[] d = _mask[layer];
            for (int t = 0; t < d.Length; t++) a[t] = f[t] * d[t] / Keep;
        }
    }
}
