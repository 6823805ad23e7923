using System.Globalization;
using System.Resources;

namespace GradCheck.Commands
{
    /// <summary>
    /// The messages only the cmdlets speak (what PowerShell handed over, scriptblocks, -Verbose narration, progress,
    /// the report), from src/GradCheck/Resources/Messages.resx, with the zh-Hans satellite beside GradCheck.dll.
    /// Core's own messages stay in Core (GradCheck.Text): a C# caller of Core gets its errors and verdicts in full
    /// without carrying the shell's words.
    /// </summary>
    internal static class CommandText
    {
        private static readonly ResourceManager Resources = new ResourceManager(
            "GradCheck.Commands.Resources.Messages", typeof(CommandText).Assembly);

        /// <summary>
        /// The message <paramref name="name"/> in the current UI culture, its placeholders filled invariantly.
        /// </summary>
        public static string Format(string name, params object[] args) =>
            Fill(Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name, args);

        /// <summary>
        /// The message <paramref name="name"/> in English whatever the UI culture: for values that scripts match
        /// on, such as an error's target.
        /// </summary>
        public static string English(string name, params object[] args) =>
            Fill(Resources.GetString(name, CultureInfo.InvariantCulture) ?? name, args);

        private static string Fill(string text, object[] args) =>
            string.Format(CultureInfo.InvariantCulture, text, args);
    }
}
