using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GradCheck
{
    /// <summary>The order in which the course flattens parameter dictionaries.</summary>
    public static class ParameterOrder
    {
        /// <summary>
        /// The course's order for names whose order was not given: by the layer number in the name,
        /// then weights (W) before biases (b), then any other name alphabetically. So W1, b1, W2, b2, ….
        /// Names without a number come first.
        /// </summary>
        public static IEnumerable<string> Course(IEnumerable<string> names) =>
            names.OrderBy(LayerNumber).ThenBy(KindRank).ThenBy(n => n, StringComparer.Ordinal);

        /// <summary>The name a gradient key refers to: "dW1" → "W1" when the parameters have a W1 and no dW1.</summary>
        public static string ParameterNameOf(string gradientKey, Func<string, bool> isParameter)
        {
            if (isParameter(gradientKey)) return gradientKey;
            // Block names match whatever their case (dw1 finds W1), and so does the d of a gradient's key (DW1).
            bool prefixed = gradientKey.Length > 1 && (gradientKey[0] == 'd' || gradientKey[0] == 'D');
            if (prefixed && isParameter(gradientKey.Substring(1))) return gradientKey.Substring(1);
            return null;
        }

        private static long LayerNumber(string name)
        {
            int end = name.Length;
            while (end > 0 && !char.IsDigit(name[end - 1])) end--;
            int start = end;
            while (start > 0 && char.IsDigit(name[start - 1])) start--;
            if (start == end) return -1;
            return long.TryParse(name.Substring(start, Math.Min(end - start, 18)), NumberStyles.None,
                CultureInfo.InvariantCulture, out long n) ? n : long.MaxValue;
        }

        private static int KindRank(string name)
        {
            string stem = name.TrimEnd("0123456789".ToCharArray());
            if (stem == "W" || stem == "w") return 0;
            if (stem == "b" || stem == "B") return 1;
            return 2;
        }
    }
}
