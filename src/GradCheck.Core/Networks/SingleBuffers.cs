using System;

namespace GradCheck
{
    /// <summary>The float32 counterpart of <see cref="PropagationBuffers"/>: one pass's arrays, as float32.</summary>
    internal sealed class SingleBuffers
    {
        public SingleBuffers(NetworkShape shape, SingleData data)
        {
            int m = shape.Examples;
            Z = new float[shape.Layers + 1][];
            F = new float[shape.Layers + 1][];
            A = new float[shape.Layers + 1][];
            A[0] = data.Input;
            for (int l = 1; l <= shape.Layers; l++)
            {
                Z[l] = new float[shape.Sizes[l] * m];
                A[l] = new float[shape.Sizes[l] * m];
                // Only a layer with dropout needs f(Z) apart from A: backprop's f′ reads it.
                F[l] = data.MaskOf(l) == null ? A[l] : new float[shape.Sizes[l] * m];
            }
            Terms = new float[shape.Sizes[shape.Layers] * m];
            DeltaZ = new float[shape.WidestLayer * m];
            DeltaPrevious = new float[shape.WidestLayer * m];
            Squares = shape.L2 == 0 ? null : new float[shape.LargestWeightBlock];
        }

        /// <summary>Z_l and A_l, n_l × m; A[0] is X. A_l is what layer l + 1 reads: F_l after dropout.</summary>
        public float[][] Z { get; }
        public float[][] A { get; }

        /// <summary>F_l = f_l(Z_l) before dropout; the same array as A_l where no unit is dropped.</summary>
        public float[][] F { get; }

        public float[] Terms { get; }
        public float[] DeltaZ { get; }
        public float[] DeltaPrevious { get; }

        /// <summary>W² of one block at a time, for the L2 penalty; null without one.</summary>
        public float[] Squares { get; }
    }
}
