using System;

namespace GradCheck
{
    /// <summary>
    /// What a network's precision changes besides its arithmetic: the numbers its matrices hold, and how far its
    /// labels may have moved by being held in it.
    /// </summary>
    internal static class NetworkPrecision
    {
        /// <summary>
        /// The values as a network of this precision holds them: as given for Double (the same array), rounded to the
        /// nearest float32 for Single, so that the matrices a user reads are the numbers the float32 passes use.
        /// </summary>
        public static double[] Round(double[] values, Precision precision)
        {
            switch (precision)
            {
                case Precision.Double: return values;
                case Precision.Single: return SingleVectors.Widen(SingleVectors.Narrow(values));
                default: throw Unknown(precision);
            }
        }

        /// <summary>
        /// How far, relative to itself, holding a label in this precision may have moved it: 0 for Double (labels
        /// are kept as given), 2⁻²⁴ for Single (one rounding to float32).
        /// </summary>
        public static double LabelRounding(Precision precision)
        {
            switch (precision)
            {
                case Precision.Double: return 0;
                case Precision.Single: return Tolerances.SingleRoundingUnit;
                default: throw Unknown(precision);
            }
        }

        internal static ArgumentOutOfRangeException Unknown(Precision precision) =>
            new ArgumentOutOfRangeException(nameof(precision), precision, "No network computes in this precision.");
    }
}
