namespace GradCheck.Commands
{
    /// <summary>
    /// The report's stylesheet, inlined into the page. System fonts only, so nothing is fetched; no '&lt;' or '&amp;',
    /// so the page stays well-formed XML.
    /// </summary>
    internal static class ReportStyle
    {
        public const string Css = @"
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 2rem auto; max-width: 72rem;"
            + @" padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; }
h2 { font-size: 1.25rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
section.result.fail h2 { color: #b2182b; }
section.result.pass h2 { color: #1a7f37; }
p.summary.fail, li.fail a { color: #b2182b; }
p.summary.pass, li.pass a { color: #1a7f37; }
section.result.inconclusive h2, p.summary.inconclusive, li.inconclusive a { color: #9a6700; }
p.message { font-weight: 600; }
p.command code { white-space: pre-wrap; }
p.note, figcaption, footer { color: #555; font-size: 0.9rem; }
table { border-collapse: collapse; margin: 0.5rem 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; white-space: nowrap; }
table.verdict td { white-space: normal; }
table.verdict th { background: #f6f6f6; font-weight: 600; }
tr.fail td { background: #fde0dc; color: #8b0000; font-weight: 600; }
tr.best td, tr.used td { background: #e6f4ea; }
figure { display: inline-block; margin: 0.5rem 1.5rem 0.5rem 0; vertical-align: top; }
svg { max-width: 100%; height: auto; }
svg text { font-size: 11px; fill: #333; }
svg text.mark-label { font-weight: 600; }
footer { margin-top: 3rem; }
@media print { body { margin: 0; } section { break-inside: avoid; } }
";
    }
}
