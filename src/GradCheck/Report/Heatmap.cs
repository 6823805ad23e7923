using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GradCheck.Commands
{
    /// <summary>
    /// A weight or bias matrix as a grid of cells coloured by |g − g̃| / tolerance, the verdict's own scale, on a log
    /// scale: green well within tolerance, yellow at it, red beyond, so that a wrong row, column or single entry
    /// stands out at a glance and a correct block is never orange. The tolerance of an entry is estimated from its
    /// block (MaxAbsError / MaxToleranceRatio); in a block the verdict found correct no cell goes past yellow. Entries
    /// that were not checked (a sample) are grey; the worst entries of the result are outlined, solid when they fail.
    /// </summary>
    internal static class Heatmap
    {
        /// <summary>
        /// The colour scale spans |g − g̃| / tolerance from 1e-3 (and below) to 10: yellow at 1, the verdict's line.
        /// </summary>
        public const int LowestDecade = -3, HighestDecade = 1;

        /// <summary>Larger blocks are pooled into tiles showing their largest error, to keep the file small.</summary>
        private const int MaxCells = 10000;

        private const double MaxSide = 560, MinCell = 3, MaxCell = 28, Margin = 4;

        /// <summary>Room for the row indices on the left and the column indices on top.</summary>
        private const double Left = 30, Top = 16;

        private const string Unchecked = "#bdbdbd";

        /// <summary>Every matrix, biases (n, 1) included: the course's own bug is in b1.</summary>
        public static bool Applies(ParameterBlock block) => block.Rank == 2 && block.Count > 0;

        /// <summary>
        /// |g − g̃| over the block's tolerance scale; capped at 1 in a block whose verdict is Correct.
        /// </summary>
        public static double ToleranceRatio(GradientCheckResult result, ParameterBlock block, int position)
        {
            double analytic = result.Analytic[position], numerical = result.Numerical[position];
            if (double.IsNaN(numerical) || double.IsNaN(analytic)) return double.NaN;
            var verdict = result.Blocks?.FirstOrDefault(b => b.Name == block.Name);
            double error = Math.Abs(analytic - numerical);
            if (verdict == null || verdict.MaxToleranceRatio <= 0 || verdict.MaxAbsError <= 0)
                return error == 0 ? 0 : 1;
            double ratio = error * verdict.MaxToleranceRatio / verdict.MaxAbsError;
            return verdict.Verdict == CheckVerdict.Correct ? Math.Min(ratio, 1) : ratio;
        }

        public static double RelativeError(double analytic, double numerical)
        {
            if (double.IsNaN(numerical) || double.IsNaN(analytic)) return double.NaN;
            double scale = Math.Abs(analytic) + Math.Abs(numerical);
            return scale == 0 ? 0 : Math.Abs(analytic - numerical) / scale;
        }

        public static void Render(Markup m, GradientCheckResult result, ParameterBlock block)
        {
            int rows = block.Shape[0], columns = block.Shape[1];
            int tile = (int)Math.Ceiling(Math.Sqrt((double)block.Count / MaxCells));
            int tileRows = (rows + tile - 1) / tile, tileColumns = (columns + tile - 1) / tile;
            double cell = Math.Max(MinCell, Math.Min(MaxCell, Math.Floor(MaxSide / Math.Max(tileRows, tileColumns))));
            double width = Left + tileColumns * cell + Margin, height = Top + tileRows * cell + Margin;

            m.Open("figure", "class", "heatmap", "data-block", block.Name).Line();
            m.Open("svg", "width", Markup.Coordinate(width), "height", Markup.Coordinate(height),
                "viewBox", $"0 0 {Markup.Coordinate(width)} {Markup.Coordinate(height)}", "role", "img",
                "aria-label", $"Error over tolerance of each entry of {block.Name}").Line();
            Indices(m, tileRows, tileColumns, tile, cell);
            for (int r = 0; r < tileRows; r++)
            {
                for (int c = 0; c < tileColumns; c++)
                {
                    var (worst, checkedCount) = TileError(result, block, r * tile, c * tile, tile);
                    m.Open("rect", "x", Markup.Coordinate(Left + c * cell), "y", Markup.Coordinate(Top + r * cell),
                        "width", Markup.Coordinate(cell), "height", Markup.Coordinate(cell),
                        "fill", checkedCount == 0 ? Unchecked : Colour(worst));
                    m.Element("title", Tooltip(result, block, r, c, tile, worst, checkedCount)).Close("rect");
                }
                m.Line();
            }
            Outlines(m, result, block, tile, cell);
            m.Close("svg").Line();
            string pooled = tile == 1 ? string.Empty : $"; each cell is the largest error in a {tile}×{tile} tile";
            m.Element("figcaption", $"{block.Name} {ShapeText.Format(block.Shape)}: |g − g̃| / tolerance per entry, "
                + $"rows × columns{pooled}.");
            m.Close("figure").Line();
        }

        /// <summary>The colour bar, the grey of unchecked entries and the two outlines, once per result.</summary>
        public static void Legend(Markup m)
        {
            const int steps = 48;
            const double barWidth = 360, stepWidth = barWidth / steps, left = 20, width = 660;
            m.Open("svg", "class", "legend", "width", Markup.Coordinate(width), "height", "64",
                "viewBox", $"0 0 {Markup.Coordinate(width)} 64", "role", "img",
                "aria-label", "Colour scale of the heatmaps").Line();
            for (int i = 0; i < steps; i++)
            {
                double decade = LowestDecade + (HighestDecade - LowestDecade) * (i + 0.5) / steps;
                m.Empty("rect", "x", Markup.Coordinate(left + i * stepWidth), "y", "4",
                    "width", Markup.Coordinate(stepWidth + 0.5), "height", "16", "fill", Colour(Math.Pow(10, decade)));
            }
            for (int decade = LowestDecade; decade <= HighestDecade; decade++)
            {
                double x = left + barWidth * (decade - LowestDecade) / (HighestDecade - LowestDecade);
                m.Element("text",
                    decade == 0 ? "1" : decade == 1 ? "10" : "1e" + decade.ToString(CultureInfo.InvariantCulture),
                    "x", Markup.Coordinate(x), "y", "34", "text-anchor", "middle", "class", "tick");
            }
            m.Element("text", "|g − g̃| / tolerance (1 is the verdict's line)", "x", Markup.Coordinate(left), "y", "56",
                "class", "legend");
            double key = left + barWidth + 24;
            m.Empty("rect", "x", Markup.Coordinate(key), "y", "4", "width", "16", "height", "16", "fill", Unchecked);
            m.Element("text", "not checked", "x", Markup.Coordinate(key + 22), "y", "16", "class", "legend");
            m.Empty("rect", "x", Markup.Coordinate(key), "y", "28", "width", "16", "height", "16", "fill", "none",
                "stroke", "#000", "stroke-width", "2.5");
            m.Element("text", "worst, failing", "x", Markup.Coordinate(key + 22), "y", "40", "class", "legend");
            m.Empty("rect", "x", Markup.Coordinate(key + 120), "y", "28", "width", "16", "height", "16", "fill", "none",
                "stroke", "#000", "stroke-width", "1.5", "stroke-dasharray", "3 2");
            m.Element("text", "worst, passing", "x", Markup.Coordinate(key + 142), "y", "40", "class", "legend");
            m.Close("svg").Line();
        }

        /// <summary>
        /// Row indices down the left and column indices along the top, thinned so that labels do not overlap.
        /// </summary>
        private static void Indices(Markup m, int tileRows, int tileColumns, int tile, double cell)
        {
            int rowStep = (int)Math.Ceiling(12 / cell), columnStep = (int)Math.Ceiling(22 / cell);
            for (int r = 0; r < tileRows; r += rowStep)
            {
                m.Element("text", (r * tile).ToString(CultureInfo.InvariantCulture), "x", Markup.Coordinate(Left - 4),
                    "y", Markup.Coordinate(Top + (r + 0.5) * cell), "text-anchor", "end", "dominant-baseline", "middle",
                    "class", "tick");
            }
            for (int c = 0; c < tileColumns; c += columnStep)
            {
                m.Element("text", (c * tile).ToString(CultureInfo.InvariantCulture),
                    "x", Markup.Coordinate(Left + (c + 0.5) * cell), "y", Markup.Coordinate(Top - 4),
                    "text-anchor", "middle", "class", "tick");
            }
            m.Line();
        }

        /// <summary>
        /// The largest relative error over the checked entries of one tile, and how many were checked.
        /// </summary>
        private static (double Worst, int Checked) TileError(GradientCheckResult result, ParameterBlock block, int row0,
            int column0, int tile)
        {
            int rows = block.Shape[0], columns = block.Shape[1];
            double worst = 0;
            int checkedCount = 0;
            for (int r = row0; r < Math.Min(rows, row0 + tile); r++)
            {
                for (int c = column0; c < Math.Min(columns, column0 + tile); c++)
                {
                    int position = block.Offset + r * columns + c;
                    double error = ToleranceRatio(result, block, position);
                    if (double.IsNaN(error)) continue;
                    checkedCount++;
                    worst = Math.Max(worst, error);
                }
            }
            return (worst, checkedCount);
        }

        private static string Tooltip(GradientCheckResult result, ParameterBlock block, int tileRow, int tileColumn,
            int tile, double worst, int checkedCount)
        {
            if (tile > 1)
            {
                string range = $"{block.Name}[{tileRow * tile}..{tileRow * tile + tile - 1},"
                    + $"{tileColumn * tile}..{tileColumn * tile + tile - 1}]";
                return checkedCount == 0 ? range + ": not checked"
                    : $"{range}: largest error / tolerance {Markup.Number(worst)} over {checkedCount} checked entries";
            }
            int position = block.Offset + tileRow * block.Shape[1] + tileColumn;
            string name = block.Name + block.IndexText(position - block.Offset);
            if (checkedCount == 0) return name + ": not checked";
            return $"{name}: g = {Markup.Exact(result.Analytic[position])}, "
                + $"g̃ = {Markup.Exact(result.Numerical[position])}, error / tolerance {Markup.Number(worst)}";
        }

        private static void Outlines(Markup m, GradientCheckResult result, ParameterBlock block, int tile, double cell)
        {
            var drawn = new HashSet<(int, int)>();
            // Failing entries first, so a tile holding both gets the solid outline.
            foreach (var entry in (result.Worst ?? new EntryResult[0]).OrderBy(e => e.Passed))
            {
                int local = entry.Position - block.Offset;
                if (local < 0 || local >= block.Count) continue;
                int r = local / block.Shape[1] / tile, c = local % block.Shape[1] / tile;
                if (!drawn.Add((r, c))) continue;
                m.Open("rect", "class", entry.Passed ? "worst" : "worst fail", "x", Markup.Coordinate(Left + c * cell),
                    "y", Markup.Coordinate(Top + r * cell), "width", Markup.Coordinate(cell),
                    "height", Markup.Coordinate(cell), "fill", "none", "stroke", "#000",
                    "stroke-width", entry.Passed ? "1.5" : "2.5", "stroke-dasharray", entry.Passed ? "3 2" : null);
                m.Element("title",
                    $"{entry.Name}: {(entry.Passed ? "among the worst, within tolerance" : "outside its tolerance")}")
                    .Close("rect").Line();
            }
        }

        /// <summary>
        /// Green (1e-3 and below) through yellow (1) to red (10): log₁₀ of the ratio, clamped to the scale.
        /// </summary>
        private static string Colour(double relativeError)
        {
            double decade = relativeError <= 0 ? LowestDecade : Math.Log10(relativeError);
            double t = Math.Max(0, Math.Min(1, (decade - LowestDecade) / (HighestDecade - LowestDecade)));
            const double yellowAt = -LowestDecade / (double)(HighestDecade - LowestDecade);
            var (from, to, s) = t < yellowAt ? (Green, Yellow, t / yellowAt)
                : (Yellow, Red, (t - yellowAt) / (1 - yellowAt));
            int Channel(int shift) => (int)Math.Round(((from >> shift) & 0xFF) * (1 - s) + ((to >> shift) & 0xFF) * s);
            return "#" + Channel(16).ToString("x2", CultureInfo.InvariantCulture)
                + Channel(8).ToString("x2", CultureInfo.InvariantCulture)
                + Channel(0).ToString("x2", CultureInfo.InvariantCulture);
        }

        private const int Green = 0x1a9850, Yellow = 0xfee08b, Red = 0xd73027;
    }
}
