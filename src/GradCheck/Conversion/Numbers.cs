using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>Recognises the numbers PowerShell hands us, wrapped or not.</summary>
    internal static class Numbers
    {
        public static object Unwrap(object value) => value is PSObject ps ? ps.BaseObject : value;

        /// <summary>
        /// Whether <paramref name="value"/> is one of .NET's numeric types, and its value as a double: anything else,
        /// a numeric string included, is no number (PowerShell's own conversions would read '1e3' and '0x10').
        /// </summary>
        public static bool TryGet(object value, out double number)
        {
            value = Unwrap(value);
            bool numeric = value is double || value is float || value is int || value is long || value is short
                || value is byte || value is sbyte || value is uint || value is ulong || value is ushort
                || value is decimal;
            number = numeric ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : 0;
            return numeric;
        }

        /// <summary>Arrays and lists, but not strings or dictionaries, which are enumerable too.</summary>
        public static bool IsSequence(object value)
        {
            value = Unwrap(value);
            return value is IEnumerable && !(value is string) && !(value is IDictionary);
        }

        public static string Describe(object value)
        {
            value = Unwrap(value);
            if (value == null) return CommandText.Format("DescribeNull");
            if (value is string s)
                return CommandText.Format("DescribeString", s.Length > 40 ? s.Substring(0, 40) + "…" : s);
            if (value is Array a) return CommandText.Format("DescribeArray", a.GetType().Name, a.Length);
            return CommandText.Format("DescribeValue", value.GetType().FullName);
        }
    }
}
