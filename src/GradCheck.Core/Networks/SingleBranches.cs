namespace GradCheck
{
    /// <summary>
    /// The float32 network's branches (z &gt; 0 of every kinked activation, as <see cref="Branches"/> for the double
    /// one), so that the checker knows which float32 perturbations cross a kink. A dropped unit has none.
    /// </summary>
    internal static class SingleBranches
    {
        public static bool[][] Of(NetworkShape shape, SingleBuffers buffers)
        {
            var branches = new bool[shape.Layers + 1][];
            for (int l = 1; l <= shape.Layers; l++)
            {
                if (!shape.ActivationOf(l).HasKink) continue;
                var z = buffers.Z[l];
                branches[l] = new bool[z.Length];
                for (int t = 0; t < z.Length; t++) branches[l][t] = z[t] > 0;
            }
            return branches;
        }

        /// <summary>
        /// Whether any kept, kinked pre-activation has another sign in the buffers than in the reference.
        /// </summary>
        public static bool Changed(NetworkShape shape, SingleBuffers buffers, bool[][] reference)
        {
            for (int l = 1; l <= shape.Layers; l++)
            {
                var branch = reference[l];
                if (branch == null) continue;
                var z = buffers.Z[l];
                double[] mask = shape.MaskOf(l);
                for (int t = 0; t < z.Length; t++)
                    if (z[t] > 0 != branch[t] && (mask == null || mask[t] != 0)) return true;
            }
            return false;
        }
    }
}
