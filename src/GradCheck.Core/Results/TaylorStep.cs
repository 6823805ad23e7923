using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace GradCheck
{
    /// <summary>One step of the Taylor test.</summary>
    public sealed class TaylorStep
    {
        public double Step { get; internal set; }

        /// <summary>|J(θ+hv) − J(θ) − h·g·v|.</summary>
        public double Remainder { get; internal set; }

        /// <summary>Whether the remainder stood clear of rounding noise and entered the slope fit.</summary>
        public bool Used { get; internal set; }
    }
}
