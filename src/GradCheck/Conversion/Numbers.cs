using System;
using System.Collections;
using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>Recognises the numbers PowerShell hands us, wrapped or not.</summary>
    internal static class Numbers
    {
        public static object Unwrap(object value) => value is PSObject ps ? ps.BaseObject : value;

        public static bool TryGet(object value, out double number)
        {
            switch (Unwrap(value))
            {
                case double d: number = d; return true;
                case float f: number = f; return true;
                case int i: number = i; return true;
                case long l: number = l; return true;
                case short s: number = s; return true;
                case byte b: number = b; return true;
                case sbyte sb: number = sb; return true;
                case uint ui: number = ui; return true;
                case ulong ul: number = ul; return true;
                case ushort us: number = us; return true;
                case decimal m: number = (double)m; return true;
                default: number = 0; return false;
            }
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
