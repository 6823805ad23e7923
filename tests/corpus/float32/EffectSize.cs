// Part of the corpus in Float32Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>A bug's effect relative to its block, in the bins the targets speak of.</summary>
    public enum EffectSize
    {
        /// <summary>≥ 1e-2: must be caught.</summary>
        Large,

        /// <summary>1e-3 ≤ effect &lt; 1e-2.</summary>
        Small,

        /// <summary>&lt; 1e-3.</summary>
        Tiny,
    }
}
