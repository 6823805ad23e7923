namespace GradCheck
{
    /// <summary>The steps a finite difference really takes, once θ ± h is rounded to a double.</summary>
    internal static class Steps
    {
        /// <summary>
        /// ((θ + h) − (θ − h)) / 2: the half-width of the centred difference as stored, exact by Sterbenz's lemma.
        /// </summary>
        public static double Realised(double theta, double h) => ((theta + h) - (theta - h)) / 2;

        /// <summary>
        /// The smallest power of two at least <paramref name="spacing"/> and four ulps of the largest |θᵢ|: then
        /// every θᵢ + k·spacing is exact, and a line of points through θ carries no rounding of θ itself, which
        /// would otherwise read as noise of J.
        /// </summary>
        public static double Exact(double[] theta, double spacing)
        {
            double largest = 0;
            foreach (double t in theta) largest = System.Math.Max(largest, System.Math.Abs(t));
            double ulp = System.BitConverter.Int64BitsToDouble(System.BitConverter.DoubleToInt64Bits(largest) + 1)
                - largest;
            double wanted = System.Math.Max(spacing, 4 * ulp);
            return System.Math.Pow(2, System.Math.Ceiling(System.Math.Log(wanted, 2)));
        }
    }
}
