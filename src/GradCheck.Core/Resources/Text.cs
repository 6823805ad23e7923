using System.Globalization;
using System.Resources;

namespace GradCheck
{
    /// <summary>
    /// The messages people read, from Resources/Messages.resx: English by default, and the zh-CN satellite
    /// assembly (zh-Hans, so zh-CN, zh-SG and zh-Hans all find it) when the UI culture is Simplified Chinese: the course's readers write Chinese.
    /// </summary>
    internal static class Text
    {
        private static readonly ResourceManager Resources = new ResourceManager("GradCheck.Resources.Messages", typeof(Text).Assembly);

        /// <summary>The message <paramref name="name"/> in the current UI culture, its placeholders filled invariantly.</summary>
        public static string Format(string name, params object[] args) =>
            string.Format(CultureInfo.InvariantCulture, Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name, args);
    }
}
