using System;

namespace GradCheck
{
    /// <summary>
    /// <see cref="ILineCostSource"/> for a direction read in ranges (<see cref="LineDirection"/>), so that a random
    /// direction of P signs need not be written out as P numbers for the line.
    /// </summary>
    internal interface IDirectionLineSource
    {
        /// <summary>
        /// A function t ↦ J(θ + t·v), used by one thread at a time; it reads <paramref name="theta"/> and
        /// <paramref name="direction"/> when called, so neither may change while it is in use.
        /// </summary>
        Func<double, double> Line(double[] theta, LineDirection direction);
    }
}
