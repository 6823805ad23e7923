using System;
using System.Collections.Generic;
using System.Linq;

namespace GradCheck.Commands
{
    /// <summary>One point of a chart series.</summary>
    internal sealed class ChartPoint
    {
        public ChartPoint(double x, double y, string tooltip)
        {
            X = x;
            Y = y;
            Tooltip = tooltip;
        }

        public double X { get; }

        public double Y { get; }

        public string Tooltip { get; }

        /// <summary>Drawn as an open circle: a point that did not count (a Taylor step lost in noise).</summary>
        public bool Hollow { get; set; }

        /// <summary>
        /// Ringed, with this label beside it (the best ε of a sweep) unless it is empty; null for an ordinary point.
        /// </summary>
        public string Mark { get; set; }
    }

    /// <summary>A line through points, drawn in one colour.</summary>
    internal sealed class ChartSeries
    {
        public ChartSeries(string name, string colour, IEnumerable<ChartPoint> points)
        {
            Name = name;
            Colour = colour;
            Points = points.ToArray();
        }

        public string Name { get; }

        public string Colour { get; }

        public IReadOnlyList<ChartPoint> Points { get; }

        public bool Dashed { get; set; }

        /// <summary>False for guide lines (a reference slope), which need no dots.</summary>
        public bool ShowPoints { get; set; } = true;
    }

    /// <summary>
    /// A log-log line chart as inline SVG, with decade grid lines: step sizes and errors span many orders of
    /// magnitude, and the slopes people read off such charts (h versus h²) are straight lines only on log axes.
    /// Points that are zero, negative or not finite have no place on a log axis and are left out.
    /// </summary>
    internal static class LogLogChart
    {
        private const double Width = 640, Height = 340;
        private const double Left = 64, Right = 170, Top = 28, Bottom = 48;
        private const double PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;

        /// <summary>At most this many labelled decades per axis; more are thinned to every second, third, ….</summary>
        private const int MaxTicks = 8;

        public static void Render(Markup m, string title, string xLabel, string yLabel,
            IReadOnlyList<ChartSeries> series)
        {
            var plotted = series.SelectMany(s => s.Points).Where(Plottable).ToArray();
            if (plotted.Length == 0)
            {
                m.Element("p", $"{title}: nothing to plot, every value is zero or not finite.", "class", "note");
                return;
            }
            var x = new LogAxis(plotted.Select(p => p.X), Left, Left + PlotWidth);
            var y = new LogAxis(plotted.Select(p => p.Y), Top + PlotHeight, Top);

            m.Open("figure", "class", "chart").Line();
            m.Open("svg", "width", Markup.Coordinate(Width), "height", Markup.Coordinate(Height),
                "viewBox", $"0 0 {Markup.Coordinate(Width)} {Markup.Coordinate(Height)}", "role", "img",
                "aria-label", title).Line();
            m.Element("title", title);
            Grid(m, x, y);
            m.Empty("rect", "x", Markup.Coordinate(Left), "y", Markup.Coordinate(Top),
                "width", Markup.Coordinate(PlotWidth), "height", Markup.Coordinate(PlotHeight), "fill", "none",
                "stroke", "#444");
            m.Element("text", xLabel, "x", Markup.Coordinate(Left + PlotWidth / 2), "y", Markup.Coordinate(Height - 8),
                "text-anchor", "middle");
            double yMiddle = Top + PlotHeight / 2;
            m.Element("text", yLabel, "x", "14", "y", Markup.Coordinate(yMiddle), "text-anchor", "middle",
                "transform", $"rotate(-90 14 {Markup.Coordinate(yMiddle)})");
            for (int i = 0; i < series.Count; i++)
            {
                Series(m, series[i], x, y);
                LegendEntry(m, series[i], i);
            }
            m.Close("svg").Line();
            m.Element("figcaption", title);
            m.Close("figure").Line();
        }

        private static bool Plottable(ChartPoint p) =>
            p.X > 0 && p.Y > 0 && !double.IsInfinity(p.X) && !double.IsInfinity(p.Y);

        private static void Grid(Markup m, LogAxis x, LogAxis y)
        {
            foreach (int decade in x.Ticks())
            {
                string at = Markup.Coordinate(x.Map(Math.Pow(10, decade)));
                m.Empty("line", "x1", at, "x2", at, "y1", Markup.Coordinate(Top),
                    "y2", Markup.Coordinate(Top + PlotHeight), "stroke", "#ddd");
                m.Element("text", DecadeLabel(decade), "x", at, "y", Markup.Coordinate(Top + PlotHeight + 16),
                    "text-anchor", "middle", "class", "tick");
            }
            foreach (int decade in y.Ticks())
            {
                string at = Markup.Coordinate(y.Map(Math.Pow(10, decade)));
                m.Empty("line", "x1", Markup.Coordinate(Left), "x2", Markup.Coordinate(Left + PlotWidth), "y1", at,
                    "y2", at, "stroke", "#ddd");
                m.Element("text", DecadeLabel(decade), "x", Markup.Coordinate(Left - 6), "y", at, "text-anchor", "end",
                    "dominant-baseline", "middle", "class", "tick");
            }
        }

        private static string DecadeLabel(int decade) => decade == 0 ? "1" : "1e" + decade;

        private static void Series(Markup m, ChartSeries s, LogAxis x, LogAxis y)
        {
            var points = s.Points.Where(Plottable).ToArray();
            if (points.Length > 1)
            {
                string path = string.Join(" ",
                    points.Select(p => Markup.Coordinate(x.Map(p.X)) + "," + Markup.Coordinate(y.Map(p.Y))));
                m.Empty("polyline", "points", path, "fill", "none", "stroke", s.Colour, "stroke-width", "2",
                    "stroke-dasharray", s.Dashed ? "6 4" : null);
            }
            if (!s.ShowPoints) return;
            foreach (var p in points)
            {
                string cx = Markup.Coordinate(x.Map(p.X)), cy = Markup.Coordinate(y.Map(p.Y));
                m.Open("circle", "cx", cx, "cy", cy, "r", "4", "fill", p.Hollow ? "#fff" : s.Colour, "stroke", s.Colour,
                    "stroke-width", "1.5")
                    .Element("title", p.Tooltip).Close("circle");
                if (p.Mark == null) continue;
                m.Empty("circle", "class", "mark", "cx", cx, "cy", cy, "r", "9", "fill", "none", "stroke", "#000",
                    "stroke-width", "2");
                if (p.Mark.Length > 0)
                    m.Element("text", p.Mark, "x", Markup.Coordinate(x.Map(p.X) + 12),
                        "y", Markup.Coordinate(y.Map(p.Y) - 10), "class", "mark-label");
            }
        }

        private static void LegendEntry(Markup m, ChartSeries s, int index)
        {
            double top = Top + 8 + 20 * index, left = Left + PlotWidth + 14;
            m.Empty("line", "x1", Markup.Coordinate(left), "x2", Markup.Coordinate(left + 24),
                "y1", Markup.Coordinate(top), "y2", Markup.Coordinate(top), "stroke", s.Colour, "stroke-width", "2",
                "stroke-dasharray", s.Dashed ? "6 4" : null);
            m.Element("text", s.Name, "x", Markup.Coordinate(left + 30), "y", Markup.Coordinate(top),
                "dominant-baseline", "middle", "class", "legend");
        }

        /// <summary>Maps values onto pixels on a log scale spanning whole decades around the data.</summary>
        private sealed class LogAxis
        {
            private readonly double _from, _to;

            public LogAxis(IEnumerable<double> values, double from, double to)
            {
                var logs = values.Select(Math.Log10).ToArray();
                Low = (int)Math.Floor(logs.Min());
                High = (int)Math.Ceiling(logs.Max());
                if (High == Low) { Low--; High++; }
                _from = from;
                _to = to;
            }

            public int Low { get; }

            public int High { get; }

            public double Map(double value) => _from + (Math.Log10(value) - Low) / (High - Low) * (_to - _from);

            public IEnumerable<int> Ticks()
            {
                int step = (High - Low + MaxTicks - 1) / MaxTicks;
                for (int decade = Low; decade <= High; decade += step) yield return decade;
            }
        }
    }
}
