using System.Globalization;
using System.Resources;

namespace GradCheck
{
    /// <summary>
    /// Core's messages (its errors, verdicts and notes), from Resources/Messages.resx: English by default, and the
    /// zh-Hans satellite assembly (so zh-CN, zh-SG and zh-Hans all find it) when the UI culture is Simplified
    /// Chinese: the course's readers write Chinese. The cmdlets read these through InternalsVisibleTo where they
    /// pass Core's words on; the words only the shell speaks are theirs (GradCheck.Commands.CommandText).
    /// </summary>
    internal static class Text
    {
        private static readonly ResourceManager Resources = new ResourceManager("GradCheck.Resources.Messages",
            typeof(Text).Assembly);

        /// <summary>
        /// The message <paramref name="name"/> in the current UI culture, its placeholders filled invariantly.
        /// </summary>
        public static string Format(string name, params object[] args) =>
            Fill(Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name, args);

        /// <summary>
        /// The message <paramref name="name"/> in English whatever the UI culture: for the values that scripts
        /// match on, such as an error's target, which must not change with the language of the messages.
        /// </summary>
        public static string English(string name, params object[] args) =>
            Fill(Resources.GetString(name, CultureInfo.InvariantCulture) ?? name, args);

        private static string Fill(string text, object[] args) =>
            string.Format(CultureInfo.InvariantCulture, text, args);
    }
}
