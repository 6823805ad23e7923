using System;

namespace GradCheck
{
    /// <summary>
    /// Optional capability: J along a line θ + t·v for many t, cheaper than a full evaluation per t (the
    /// network precomputes what is linear in t). Directional and Taylor checks use it.
    /// </summary>
    public interface ILineCostSource
    {
        /// <summary>
        /// A function t ↦ J(θ + t·v). Used by one thread at a time. It reads <paramref name="theta"/> and
        /// <paramref name="direction"/> when called (copying 2P numbers per line would cost more than the line
        /// saves on a large network), so they must not change while it is in use.
        /// </summary>
        Func<double, double> Line(double[] theta, double[] direction);
    }
}
