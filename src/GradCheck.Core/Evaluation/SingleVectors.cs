namespace GradCheck
{
    /// <summary>Conversions between the checker's double vectors and float32 code's.</summary>
    internal static class SingleVectors
    {
        /// <summary>
        /// Each entry rounded to the nearest float32 (exact for the checker's single-precision points).
        /// </summary>
        public static float[] Narrow(double[] values)
        {
            if (values == null) return null;
            var narrow = new float[values.Length];
            for (int i = 0; i < values.Length; i++) narrow[i] = (float)values[i];
            return narrow;
        }

        /// <summary>Each entry widened to double, exactly.</summary>
        public static double[] Widen(float[] values)
        {
            if (values == null) return null;
            var wide = new double[values.Length];
            for (int i = 0; i < values.Length; i++) wide[i] = values[i];
            return wide;
        }
    }
}
