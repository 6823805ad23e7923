using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace GradCheck.Core.Tests
{
    /// <summary>The golden fixtures written by tests/reference/make_fixtures.py (numpy and torch).</summary>
    internal static class Fixtures
    {
        public static JsonElement Load(string name)
        {
            string path = Path.Combine(AppContext.BaseDirectory, "fixtures", name + ".json");
            return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        }

        public static double[] Vector(JsonElement element) =>
            element.EnumerateArray().SelectMany(e => e.ValueKind == JsonValueKind.Array ? Vector(e)
                : new[] { e.GetDouble() }).ToArray();

        public static double[,] Matrix(JsonElement element)
        {
            var rows = element.EnumerateArray()
                .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
            var matrix = new double[rows.Length, rows.Length == 0 ? 0 : rows[0].Length];
            for (int r = 0; r < rows.Length; r++)
                for (int c = 0; c < rows[r].Length; c++) matrix[r, c] = rows[r][c];
            return matrix;
        }
    }
}
