using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>
    /// The method attributes for the loops a check spends its time in. Unmarked and not precompiled, the first
    /// check in a fresh shell would run them as tier-0 code (call counting delays the optimised rejit while other
    /// code is still being compiled), and each would be compiled twice; marked, each is compiled once, fully
    /// optimised, at its first call. The net10.0 build ships them all precompiled instead (ReadyToRun, the loops
    /// over Vector&lt;T&gt; for x86-64-v3: GradCheck.csproj), so both attributes are then no flag, which the
    /// precompiler would otherwise honour by leaving the loops out. netstandard2.0 has no name for the flag, but every
    /// runtime that loads us honours its value.
    /// </summary>
    internal static class HotPath
    {
#if NET
        /// <summary>No flag: the net10.0 build ships these loops precompiled (ReadyToRun), which the flag would
        /// forbid.</summary>
        public const MethodImplOptions Optimize = 0;
#else
        /// <summary>MethodImplOptions.AggressiveOptimization.</summary>
        public const MethodImplOptions Optimize = (MethodImplOptions)512;
#endif

#if NET
        /// <summary>No flag: the net10.0 build precompiles the loops over Vector&lt;T&gt; too, for x86-64-v3
        /// (AVX2, Vector&lt;double&gt; of 4); the runtime uses that code wherever Vector&lt;T&gt; has that
        /// width.</summary>
        public const MethodImplOptions Vectorised = 0;
#else
        /// <summary>MethodImplOptions.AggressiveOptimization: loops over Vector&lt;T&gt;, whose width is the
        /// machine's, are not precompiled in this build, and would otherwise start as tier-0 code.</summary>
        public const MethodImplOptions Vectorised = (MethodImplOptions)512;
#endif
    }
}
