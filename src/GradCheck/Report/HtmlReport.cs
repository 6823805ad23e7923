using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GradCheck.Commands
{
    /// <summary>
    /// One self-contained HTML page for one or more gradient checks: inline CSS and SVG only, no scripts, fonts,
    /// images or links to fetch, so it opens offline and can be attached to a CI run as it is.
    /// </summary>
    internal static class HtmlReport
    {
        public static string Render(IReadOnlyList<GradientCheckResult> results, string title, string generator,
            string commandLine)
        {
            var m = new Markup();
            m.Raw("<!DOCTYPE html>").Line();
            m.Open("html", "lang", "en").Line();
            m.Open("head").Line();
            m.Empty("meta", "charset", "utf-8").Line();
            m.Empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1").Line();
            m.Empty("meta", "name", "generator", "content", generator).Line();
            m.Element("title", title).Line();
            m.Open("style").Raw(ReportStyle.Css).Close("style").Line();
            m.Close("head").Line();
            m.Open("body").Line();
            m.Element("h1", title).Line();
            if (!string.IsNullOrWhiteSpace(commandLine))
                m.Open("p", "class", "command").Text(CommandText.Format("ReportCommand"))
                    .Element("code", commandLine.Trim()).Close("p").Line();
            Summary(m, results);
            foreach (var sweep in Sweeps(results)) SweepSection(m, sweep, results);
            for (int i = 0; i < results.Count; i++) ResultSection(m, results[i], i + 1, results.Count);
            m.Element("footer", CommandText.Format("ReportWrittenBy", generator,
                DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Line();
            m.Close("body").Line();
            m.Close("html").Line();
            return m.ToString();
        }

        private static string Verdict(GradientCheckResult r) => r.Verdict.ToString().ToUpperInvariant();

        private static string Css(GradientCheckResult r) =>
            r.Verdict == CheckVerdict.Correct ? "pass" : r.Verdict == CheckVerdict.Wrong ? "fail" : "inconclusive";

        /// <summary>ε, except for a Taylor check, which takes none.</summary>
        private static string Step(GradientCheckResult r) =>
            r.Mode == CheckMode.Taylor ? string.Empty : $", ε = {Markup.Number(r.Epsilon)}";

        private static string Anchor(int number) => "result-" + number.ToString(CultureInfo.InvariantCulture);

        private static void Summary(Markup m, IReadOnlyList<GradientCheckResult> results)
        {
            int passed = results.Count(r => r.Verdict == CheckVerdict.Correct),
                failed = results.Count(r => r.Verdict == CheckVerdict.Wrong);
            int inconclusive = results.Count - passed - failed;
            string also = inconclusive == 0 ? string.Empty
                : CommandText.Format("ReportSummaryInconclusive", inconclusive);
            m.Element("p", CommandText.Format(results.Count == 1 ? "ReportSummaryOne" : "ReportSummary",
                    results.Count, passed, failed, also),
                "class", "summary " + (passed == results.Count ? "pass" : failed > 0 ? "fail" : "inconclusive")).Line();
            if (results.Count == 1) return;
            m.Open("ol", "class", "contents").Line();
            for (int i = 0; i < results.Count; i++)
            {
                var r = results[i];
                m.Open("li", "class", Css(r)).Open("a", "href", "#" + Anchor(i + 1))
                    .Text($"{Verdict(r)} · {r.Name}{Step(r).Replace(",", " ·")} · {r.Message}")
                    .Close("a").Close("li").Line();
            }
            m.Close("ol").Line();
        }

        /// <summary>
        /// Runs of consecutive entry checks with different ε: Test-Gradient -Epsilon emits one sweep's results
        /// together, so a repeated ε or another parameter count starts the next sweep.
        /// </summary>
        private static IEnumerable<List<GradientCheckResult>> Sweeps(IReadOnlyList<GradientCheckResult> results)
        {
            var run = new List<GradientCheckResult>();
            foreach (var r in results)
            {
                bool continues = r.Mode == CheckMode.Entries && run.Count > 0
                    && run[0].ParameterCount == r.ParameterCount
                    && run.All(x => x.Epsilon != r.Epsilon);
                if (!continues)
                {
                    if (run.Count > 1) yield return run;
                    run = new List<GradientCheckResult>();
                }
                if (r.Mode == CheckMode.Entries) run.Add(r);
            }
            if (run.Count > 1) yield return run;
        }

        private static void SweepSection(Markup m, List<GradientCheckResult> sweep,
            IReadOnlyList<GradientCheckResult> all)
        {
            var ordered = sweep.OrderBy(r => r.Epsilon).ToList();
            m.Open("section", "class", "sweep").Line();
            m.Element("h2", CommandText.Format("ReportSweep", ordered.Count)).Line();
            ChartPoint Point(GradientCheckResult r, double value, string what, bool labelled) =>
                new ChartPoint(r.Epsilon, value, $"ε = {Markup.Number(r.Epsilon)}: {what} {Markup.Number(value)}")
                    { Mark = r.BestEpsilon ? (labelled ? "best ε" : string.Empty) : null };
            var series = new[]
            {
                new ChartSeries("Difference", "#1f77b4",
                    ordered.Select(r => Point(r, r.Difference, "Difference", false))),
                new ChartSeries("NumericalError", "#d62728",
                    ordered.Select(r => Point(r, r.NumericalError, "estimated error of g̃", true))) { Dashed = true },
            };
            LogLogChart.Render(m, "Difference and numerical error against ε", "ε", "value", series);
            m.Open("table", "class", "sweep-table").Line();
            Tables.HeaderRow(m, "ε", "Difference", "NumericalError", "Verdict", "Best ε", "Result");
            foreach (var r in ordered)
            {
                int number = IndexOf(all, r) + 1;
                m.Open("tr", "class", r.BestEpsilon ? "best" : null);
                Tables.Cells(m, Markup.Number(r.Epsilon), Markup.Number(r.Difference), Markup.Number(r.NumericalError),
                    r.Verdict.ToString(), r.BestEpsilon ? "best" : string.Empty);
                m.Open("td").Open("a", "href", "#" + Anchor(number))
                    .Text("#" + number.ToString(CultureInfo.InvariantCulture)).Close("a").Close("td");
                m.Close("tr").Line();
            }
            m.Close("table").Line();
            m.Close("section").Line();
        }

        private static int IndexOf(IReadOnlyList<GradientCheckResult> results, GradientCheckResult result)
        {
            for (int i = 0; i < results.Count; i++) if (ReferenceEquals(results[i], result)) return i;
            return -1;
        }

        private static void ResultSection(Markup m, GradientCheckResult r, int number, int count)
        {
            m.Open("section", "id", Anchor(number), "class", "result " + Css(r)).Line();
            string which = count == 1 ? CommandText.Format("ReportResult")
                : CommandText.Format("ReportResultOf", number, count);
            string name = string.IsNullOrEmpty(r.Name) ? string.Empty : $" {r.Name}:";
            m.Element("h2", $"{which}:{name} {Verdict(r)} ({r.Mode}{Step(r)})").Line();
            m.Element("p", r.Message, "class", "message").Line();
            Tables.Verdict(m, r);
            if (r.Blocks != null && r.Blocks.Length > 0) Tables.Blocks(m, r);
            if (r.Mode == CheckMode.Entries) Heatmaps(m, r);
            if (r.Worst != null && r.Worst.Length > 0) Tables.Worst(m, r);
            if (r.Directions != null && r.Directions.Length > 0) Tables.Directions(m, r);
            if (r.TaylorSteps != null && r.TaylorSteps.Length > 0) Tables.Taylor(m, r);
            m.Close("section").Line();
        }

        private static void Heatmaps(Markup m, GradientCheckResult r)
        {
            if (r.Layout == null || r.Analytic == null || r.Numerical == null) return;
            var blocks = r.Layout.Blocks.Where(Heatmap.Applies).ToArray();
            if (blocks.Length == 0) return;
            m.Element("h3", CommandText.Format("ReportHeatmaps")).Line();
            Heatmap.Legend(m);
            m.Open("div", "class", "heatmaps").Line();
            foreach (var block in blocks) Heatmap.Render(m, r, block);
            m.Close("div").Line();
        }
    }
}
