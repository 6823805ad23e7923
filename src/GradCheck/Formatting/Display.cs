using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GradCheck.Commands
{
    /// <summary>
    /// Text for the format views (GradCheck.format.ps1xml calls these): numbers, times and shapes written invariantly,
    /// and cells wrapped at word boundaries, since a table wraps its cells at any character.
    /// </summary>
    public static class Display
    {
        /// <summary>
        /// Lines of at most <paramref name="width"/> characters, broken at spaces; a longer word keeps its line.
        /// </summary>
        public static string Wrap(string text, int width)
        {
            if (string.IsNullOrEmpty(text) || width < 1) return text ?? string.Empty;
            var lines = new List<string>();
            var line = new StringBuilder();
            foreach (string word in text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            if (line.Length > 0) lines.Add(line.ToString());
            return string.Join("\n", lines);
        }

        /// <summary>"0.3 ms", "57 ms" below a second, "7.38 s" above.</summary>
        public static string Elapsed(TimeSpan elapsed)
        {
            double ms = elapsed.TotalMilliseconds;
            if (ms < 10) return ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
            if (ms < 1000) return ms.ToString("0", CultureInfo.InvariantCulture) + " ms";
            return elapsed.TotalSeconds.ToString(elapsed.TotalSeconds < 100 ? "0.00" : "0",
                CultureInfo.InvariantCulture) + " s";
        }

        /// <summary>Four significant digits, invariantly; empty for NaN (a value that does not apply).</summary>
        public static string Number(double value) =>
            double.IsNaN(value) ? string.Empty : value.ToString("G4", CultureInfo.InvariantCulture);

        /// <summary>"5×4", "5" for a vector, "()" for a number: one cell, without commas.</summary>
        public static string Shape(int[] shape) =>
            shape == null ? string.Empty : shape.Length == 0 ? "()" : string.Join("×", shape);

        /// <summary>
        /// The Failed cell of a block: "4/15" entries, or "1 direction" for a block re-checked along directions.
        /// </summary>
        public static string Failed(BlockResult block)
        {
            if (block == null) return string.Empty;
            if (block.CheckedCount == 0 && block.Count > 0)
                return block.FailedCount + (block.FailedCount == 1 ? " direction" : " directions");
            return block.FailedCount + "/" + block.Count;
        }
    }
}
