using System.Globalization;
using System.Linq;

namespace GradCheck.Commands
{
    /// <summary>The report's tables: the verdict, the blocks, the worst entries, directions and Taylor steps.</summary>
    internal static class Tables
    {
        public static void HeaderRow(Markup m, params string[] headers)
        {
            m.Open("tr");
            foreach (string header in headers) m.Element("th", header);
            m.Close("tr").Line();
        }

        public static void Cells(Markup m, params string[] cells)
        {
            foreach (string cell in cells) m.Element("td", cell);
        }

        /// <summary>
        /// A row that is highlighted when it fails; <paramref name="block"/> names it for readers and tests.
        /// </summary>
        private static void Row(Markup m, bool passed, string block, params string[] cells)
        {
            m.Open("tr", "class", passed ? "pass" : "fail", "data-block", block);
            Cells(m, cells);
            m.Close("tr").Line();
        }

        private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        public static void Verdict(Markup m, GradientCheckResult r)
        {
            m.Open("table", "class", "verdict").Line();
            void Item(string name, string value)
            {
                m.Open("tr").Element("th", name).Element("td", value).Close("tr").Line();
            }
            if (!string.IsNullOrEmpty(r.Name)) Item("Name", r.Name);
            Item("Verdict", r.Verdict.ToString());
            Item("Passed", r.Passed.ToString());
            Item("Message", r.Message);
            Item("Mode", r.Mode.ToString());
            if (r.Layout != null) Item("Layout", r.Layout.ToString());
            Item("Difference", Markup.Number(r.Difference));
            if (r.Mode != CheckMode.Taylor) Item("Epsilon", Markup.Number(r.Epsilon));
            if (r.Mode != CheckMode.Taylor)
                Item("Criterion", r.Criterion == VerdictCriterion.Course
                    ? $"Course (Difference < {Markup.Number(r.Threshold)})" : r.Criterion.ToString());
            if (r.Mode == CheckMode.Entries)
                Item("Entries",
                    $"{Count(r.CheckedCount)} checked of {Count(r.ParameterCount)}, {Count(r.FailedCount)} failed");
            else if (r.Mode == CheckMode.Directional)
                Item("Directions", $"{Count(r.CheckedCount)} checked, {Count(r.FailedCount)} failed, "
                    + $"over {Count(r.ParameterCount)} entries");
            if (r.FailedBlocks != null && r.FailedBlocks.Length > 0)
                Item("Failed blocks", string.Join(", ", r.FailedBlocks));
            Item("CostNoise", double.IsNaN(r.CostNoise) ? "not measured" : Markup.Number(r.CostNoise));
            Item("KinkCount", Count(r.KinkCount));
            Item("Cost J(θ)", Markup.Number(r.Cost));
            if (r.Mode == CheckMode.Entries)
                Item("NumericalError", Markup.Number(r.NumericalError)
                    + (r.BestEpsilon ? " (best ε of the sweep)" : string.Empty));
            if (r.Mode == CheckMode.Taylor) Item("TaylorSlope", Markup.Number(r.TaylorSlope));
            if (r.Seed.HasValue) Item("Seed", r.Seed.Value.ToString(CultureInfo.InvariantCulture));
            Item("Evaluations", Count(r.Evaluations));
            Item("Elapsed", Display.Elapsed(r.Elapsed));
            m.Close("table").Line();
        }

        public static void Blocks(Markup m, GradientCheckResult r)
        {
            m.Element("h3", CommandText.Format("ReportBlocks")).Line();
            m.Open("table", "class", "blocks").Line();
            HeaderRow(m, "Name", "Shape", "Difference", "MaxAbsError", "Max error / tolerance", "Failed / Count",
                "Kinks", "Verdict");
            foreach (var b in r.Blocks)
            {
                // A directional check re-checks a block along one direction and counts no entries as checked.
                bool sampled = r.Mode == CheckMode.Entries && b.CheckedCount < b.Count;
                string failed = Display.Failed(b) + (sampled ? $" ({Count(b.CheckedCount)} checked)" : string.Empty);
                Row(m, b.Passed, b.Name, b.Name, ShapeText.Format(b.Shape), Markup.Number(b.Difference),
                    Markup.Number(b.MaxAbsError), Markup.Number(b.MaxToleranceRatio), failed, Count(b.KinkCount),
                    b.Verdict.ToString());
            }
            m.Close("table").Line();
        }

        public static void Worst(Markup m, GradientCheckResult r)
        {
            m.Element("h3", CommandText.Format("ReportWorst")).Line();
            m.Open("table", "class", "worst").Line();
            HeaderRow(m, "Name", "Analytic", "Numerical", "Reference", "Method", "Step", "AbsError", "RelError",
                "Tolerance", "Error / tolerance", "Kink", "Passed");
            foreach (var e in r.Worst)
            {
                Row(m, e.Passed, e.Block, e.Name, Markup.Number(e.Analytic), Markup.Number(e.Numerical),
                    Markup.Number(e.Reference), e.Method.ToString(), Markup.Number(e.Step), Markup.Number(e.AbsError),
                    Markup.Number(e.RelError), Markup.Number(e.Tolerance), Markup.Number(e.ToleranceRatio),
                    e.Kink ? "yes" : string.Empty, e.Passed.ToString());
            }
            m.Close("table").Line();
        }

        public static void Directions(Markup m, GradientCheckResult r)
        {
            m.Element("h3", CommandText.Format("ReportDirections")).Line();
            m.Open("table", "class", "directions").Line();
            HeaderRow(m, "Direction", "Analytic g·v", "Numerical", "AbsError", "Tolerance", "Kink", "Passed");
            foreach (var d in r.Directions)
            {
                Row(m, d.Passed, null, d.Name, Markup.Number(d.Analytic), Markup.Number(d.Numerical),
                    Markup.Number(d.AbsError), Markup.Number(d.Tolerance), d.Kink ? "yes" : string.Empty,
                    d.Passed.ToString());
            }
            m.Close("table").Line();
        }

        /// <summary>
        /// The steps and a log-log chart of the remainder, with guide lines of slope 1 and 2 through the smallest step
        /// used, drawn over the steps used only: longer guides would stretch the chart over decades nobody reads.
        /// </summary>
        public static void Taylor(Markup m, GradientCheckResult r)
        {
            m.Element("h3", CommandText.Format("ReportTaylorSteps")).Line();
            var steps = r.TaylorSteps.OrderBy(s => s.Step).ToArray();
            var remainder = new ChartSeries("remainder", "#1f77b4", steps.Select(s =>
                new ChartPoint(s.Step, s.Remainder,
                    $"h = {Markup.Number(s.Step)}: remainder {Markup.Number(s.Remainder)}"
                        + $"{(s.Used ? string.Empty : " (not used)")}") { Hollow = !s.Used }));
            var series = new System.Collections.Generic.List<ChartSeries> { remainder };
            var anchor = steps.FirstOrDefault(s => s.Used && s.Remainder > 0);
            if (anchor != null)
            {
                ChartSeries Guide(string name, string colour, double order) => new ChartSeries(name, colour,
                    steps.Where(s => s.Used).Select(s =>
                        new ChartPoint(s.Step, anchor.Remainder * System.Math.Pow(s.Step / anchor.Step, order), name)))
                    { Dashed = true, ShowPoints = false };
                series.Add(Guide("slope 2 (right)", "#2ca02c", 2));
                series.Add(Guide("slope 1 (wrong)", "#d62728", 1));
            }
            LogLogChart.Render(m, $"Taylor remainder against step (observed slope {Markup.Number(r.TaylorSlope)})",
                "step h", "remainder", series);
            m.Open("table", "class", "taylor").Line();
            HeaderRow(m, "Step", "Remainder", "Used");
            foreach (var s in r.TaylorSteps)
            {
                m.Open("tr", "class", s.Used ? "used" : null);
                Cells(m, Markup.Number(s.Step), Markup.Number(s.Remainder), s.Used ? "yes" : "no");
                m.Close("tr").Line();
            }
            m.Close("table").Line();
        }
    }
}
