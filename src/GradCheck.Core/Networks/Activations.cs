using System;
using System.Linq;

namespace GradCheck
{
    /// <summary>Activation and loss names as the user types them, with named errors.</summary>
    public static class Activations
    {
        /// <summary>The slope of LeakyReLU for z ≤ 0.</summary>
        public const double LeakySlope = 0.01;

        public static Activation Parse(string name) =>
            ParseEnum<Activation>(name, ErrorIds.ActivationUnknown, "ActivationUnknown");

        public static Loss ParseLoss(string name) =>
            ParseEnum<Loss>(name, ErrorIds.LossUnknown, "LossUnknown");

        private static T ParseEnum<T>(string name, string errorId, string message) where T : struct
        {
            // Enum.TryParse reads "Tanh,Sigmoid" as flags and returns one of them: a comma is never a name.
            if (name != null && name.IndexOf(',') < 0 && Enum.TryParse(name.Trim(), true, out T value)
                && Enum.IsDefined(typeof(T), value) && !name.Trim().All(char.IsDigit))
                return value;
            throw new GradCheckException(errorId, GradCheckErrorKind.InvalidArgument, name,
                Text.Format(message, name, string.Join(", ", Enum.GetNames(typeof(T)))));
        }
    }
}
