using System;

namespace GradCheck
{
    /// <summary>Per-thread buffers for one forward and backward pass: no allocation per evaluation.</summary>
    internal sealed class PropagationBuffers
    {
        public PropagationBuffers(NetworkShape shape)
        {
            int m = shape.Examples;
            Z = new double[shape.Layers + 1][];
            F = new double[shape.Layers + 1][];
            A = new double[shape.Layers + 1][];
            A[0] = shape.Input;
            for (int l = 1; l <= shape.Layers; l++)
            {
                Z[l] = new double[shape.Sizes[l] * m];
                A[l] = new double[shape.Sizes[l] * m];
                // Only a layer with dropout needs f(Z) apart from A: backprop's f′ reads it.
                F[l] = shape.MaskOf(l) == null ? A[l] : new double[shape.Sizes[l] * m];
            }
            Terms = new double[shape.Sizes[shape.Layers] * m];
            DeltaZ = new double[shape.WidestLayer * m];
            DeltaPrevious = new double[shape.WidestLayer * m];
            Squares = shape.L2 == 0 ? null : new double[shape.LargestWeightBlock];
        }

        /// <summary>
        /// Buffers that read the forward pass <paramref name="forward"/> holds (shared, not copied) and own only
        /// backprop's scratch: for backprop from a shared <see cref="ForwardAtTheta"/>, which it must not write.
        /// </summary>
        public PropagationBuffers(PropagationBuffers forward)
        {
            Z = forward.Z;
            F = forward.F;
            A = forward.A;
            Terms = forward.Terms;
            Squares = forward.Squares;
            DeltaZ = new double[forward.DeltaZ.Length];
            DeltaPrevious = new double[forward.DeltaPrevious.Length];
        }

        /// <summary>Z_l and A_l, n_l × m; A[0] is X. A_l is what layer l + 1 reads: F_l after dropout.</summary>
        public double[][] Z { get; }
        public double[][] A { get; }

        /// <summary>F_l = f_l(Z_l) before dropout; the same array as A_l where no unit is dropped.</summary>
        public double[][] F { get; }

        /// <summary>The per-entry loss terms, summed in numpy's order.</summary>
        public double[] Terms { get; }

        public double[] DeltaZ { get; }
        public double[] DeltaPrevious { get; }

        /// <summary>W² of one block at a time, for the L2 penalty; null without one.</summary>
        public double[] Squares { get; }
    }
}
