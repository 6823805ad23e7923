using System.Globalization;

namespace GradCheck
{
    /// <summary>Culture-independent number text for messages.</summary>
    internal static class Format
    {
        public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
    }
}
