// Part of the corpus in Float32Layers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>A float32 point near θ with torch's float32 and float64 costs there.</summary>
    public sealed class Float32Probe
    {
        public float[] Theta { get; set; }

        /// <summary>torch's J in float32.</summary>
        public double J { get; set; }

        /// <summary>torch's J in float64 at the same point.</summary>
        public double J64 { get; set; }
    }
}
