namespace GradCheck.Commands
{
    /// <summary>
    /// The form in which one block of θ came, so that the user's scriptblocks get it back the same way.
    /// </summary>
    internal enum BlockForm
    {
        /// <summary>One number, given back as a double.</summary>
        Number,

        /// <summary>A flat array or list, given back as a double[].</summary>
        Vector,

        /// <summary>Arrays of arrays, given back as double[][] (double[][][] for three levels, …).</summary>
        Jagged,

        /// <summary>
        /// A rectangular array of rank 2 or more ([double[,]], [int[,,]]), given back as double[,] (double[,,], …).
        /// </summary>
        Array,
    }
}
