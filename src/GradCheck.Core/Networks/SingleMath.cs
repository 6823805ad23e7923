using System;

namespace GradCheck
{
    /// <summary>
    /// The float32 elementary functions of the float32 network. netstandard2.0 has no MathF, so each is the double
    /// function of the float32 argument rounded once to float32: the correctly rounded float32 result but for rare
    /// double-rounding ties, as accurate as a float32 libm's (within an ulp) and, like one, a function of float32
    /// numbers to float32 numbers only.
    /// </summary>
    internal static class SingleMath
    {
        public static float Exp(float x) => (float)Math.Exp(x);

        public static float Log(float x) => (float)Math.Log(x);

        public static float Tanh(float x) => (float)Math.Tanh(x);
    }
}
