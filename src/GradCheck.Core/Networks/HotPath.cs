using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>
    /// The method attribute for the loops a check spends its time in. The first check in a fresh shell would
    /// otherwise run them as tier-0 code (call counting delays the optimised rejit while other code is still being
    /// compiled), and each would be compiled twice; marked, each is compiled once, fully optimised, at its first
    /// call. netstandard2.0 has no name for the flag, but every runtime that loads us honours its value.
    /// </summary>
    internal static class HotPath
    {
        /// <summary>MethodImplOptions.AggressiveOptimization.</summary>
        public const MethodImplOptions Optimize = (MethodImplOptions)512;
    }
}
