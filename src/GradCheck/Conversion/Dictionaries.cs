using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace GradCheck.Commands
{
    /// <summary>
    /// The dictionaries users hand us: hashtables, [ordered], ConvertFrom-Json's objects and Import-Csv's rows.
    /// </summary>
    internal static class Dictionaries
    {
        private static readonly Regex Intermediate = new Regex(@"^d[ZA][0-9]+$", RegexOptions.CultureInvariant);

        /// <summary>
        /// A dictionary as it is, or an object's properties (a PSCustomObject from ConvertFrom-Json or Import-Csv) as
        /// an [ordered] dictionary in their order. Import-Csv's cells are strings: those that read as invariant numbers
        /// become numbers.
        /// </summary>
        public static bool TryRead(object value, out IDictionary dictionary)
        {
            dictionary = Numbers.Unwrap(value) as IDictionary;
            if (dictionary != null) return true;
            if (!(value is PSObject ps) || !(ps.BaseObject is PSCustomObject)) return false;
            var properties = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (var property in ps.Properties)
                if (property.MemberType == PSMemberTypes.NoteProperty)
                    properties[property.Name] = FromCell(property.Value);
            dictionary = properties;
            return true;
        }

        /// <summary>A plain hashtable keeps no order of its own, so its keys are put in the course's order.</summary>
        public static bool IsUnordered(IDictionary dictionary) => dictionary.GetType() == typeof(Hashtable);

        /// <summary>
        /// The course's backward_propagation_n also returns dZ3, dA2, …: d + Z or A + a layer number.
        /// </summary>
        public static bool IsIntermediateGradient(string key) => Intermediate.IsMatch(key);

        private static object FromCell(object value)
        {
            if (Numbers.Unwrap(value) is string text &&
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
                return number;
            return value;
        }
    }
}
