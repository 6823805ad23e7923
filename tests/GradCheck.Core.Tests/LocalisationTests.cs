using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace GradCheck.Core.Tests
{
    /// <summary>
    /// The two resource file pairs every message comes from: Core's (src/GradCheck.Core/Resources, read through
    /// GradCheck.Text) and the cmdlets' (src/GradCheck/Resources, through GradCheck.Commands.CommandText). Each
    /// Simplified Chinese file must say everything its English one says, with the same placeholders; each pair must
    /// hold exactly the messages its callers ask for; and Core must carry no message that only the cmdlets use.
    /// </summary>
    public class LocalisationTests
    {
        private static readonly Regex Placeholder = new Regex(@"\{\d+(?:,-?\d+)?(?::[^}]*)?\}");

        /// <summary>A call of Core's Text, not of CommandText.</summary>
        private static readonly Regex CoreCall = new Regex(@"(?<![A-Za-z.])Text\.(?:Format|English)\(");

        private static readonly Regex CommandCall = new Regex(@"(?<![A-Za-z.])CommandText\.(?:Format|English)\(");

        /// <summary>A capitalised identifier in quotes: on the line of a call, a message name.</summary>
        private static readonly Regex Name = new Regex("\"([A-Z][A-Za-z0-9]+)\"");

        /// <summary>The repository root: the first folder above the test assembly that holds the sources.</summary>
        private static readonly string Root = FindRoot();

        public static TheoryData<string> Pairs => new TheoryData<string> { "GradCheck.Core", "GradCheck" };

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "src", "GradCheck.Core", "Resources", "Messages.resx")))
                    return dir.FullName;
            throw new DirectoryNotFoundException(
                $"No src/GradCheck.Core/Resources/Messages.resx above {AppContext.BaseDirectory}.");
        }

        private static Dictionary<string, string> Read(string project, string file) =>
            XDocument.Load(Path.Combine(Root, "src", project, "Resources", file)).Root.Elements("data")
                .ToDictionary(d => (string)d.Attribute("name"), d => (string)d.Element("value"));

        private static string[] PlaceholdersOf(string text) =>
            Placeholder.Matches(text).Select(m => m.Value).Distinct().OrderBy(p => p, StringComparer.Ordinal).ToArray();

        /// <summary>
        /// The C# sources of one project under src/, or of all of them; not ErrorIds, which share names with messages.
        /// </summary>
        private static string[] Sources(string project = null) =>
            Directory.GetFiles(Path.Combine(Root, "src", project ?? string.Empty), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(d => d == "bin" || d == "obj"))
                .Where(f => Path.GetFileName(f) != "ErrorIds.cs")
                .Select(File.ReadAllText).ToArray();

        /// <summary>
        /// The message names the sources ask <paramref name="call"/> for: the quoted names on each line that calls it,
        /// or on the next line when the call ends its line.
        /// </summary>
        private static IEnumerable<string> Asked(IEnumerable<string> sources, Regex call)
        {
            foreach (var lines in sources.Select(s => s.Split('\n')))
                for (int i = 0; i < lines.Length; i++)
                {
                    if (!call.IsMatch(lines[i])) continue;
                    var names = Name.Matches(lines[i]);
                    if (names.Count == 0 && i + 1 < lines.Length) names = Name.Matches(lines[i + 1]);
                    foreach (Match m in names) yield return m.Groups[1].Value;
                }
        }

        private static bool Mentions(IEnumerable<string> sources, string name) =>
            sources.Any(s => s.Contains("\"" + name + "\""));

        [Theory]
        [MemberData(nameof(Pairs))]
        public void EveryMessageHasAChineseTranslationWithTheSamePlaceholders(string project)
        {
            var english = Read(project, "Messages.resx");
            var chinese = Read(project, "Messages.zh-Hans.resx");
            Assert.NotEmpty(english);
            Assert.Empty(english.Keys.Except(chinese.Keys));
            Assert.Empty(chinese.Keys.Except(english.Keys));
            foreach (var pair in english)
            {
                Assert.False(string.IsNullOrWhiteSpace(chinese[pair.Key]), pair.Key);
                Assert.True(PlaceholdersOf(pair.Value).SequenceEqual(PlaceholdersOf(chinese[pair.Key])),
                    $"{pair.Key}: '{pair.Value}' and '{chinese[pair.Key]}' differ in their placeholders.");
            }
        }

        [Fact]
        public void CoreIsAskedOnlyForItsOwnMessagesAndCarriesNoneOnlyTheCmdletsUse()
        {
            var keys = Read("GradCheck.Core", "Messages.resx").Keys.ToHashSet();
            var core = Sources("GradCheck.Core");
            string[] unknown = Asked(Sources(), CoreCall).Where(k => !keys.Contains(k)).Distinct().ToArray();
            string[] onlyTheCmdlets = keys.Where(k => !Mentions(core, k)).ToArray();
            Assert.Empty(unknown);
            Assert.Empty(onlyTheCmdlets);
        }

        [Fact]
        public void TheCmdletsAskOnlyForTheirOwnMessagesAndUseEveryOne()
        {
            var keys = Read("GradCheck", "Messages.resx").Keys.ToHashSet();
            var cmdlets = Sources("GradCheck");
            string[] unknown = Asked(cmdlets, CommandCall).Where(k => !keys.Contains(k)).Distinct().ToArray();
            string[] unused = keys.Where(k => !Mentions(cmdlets, k)).ToArray();
            string[] inBoth = keys.Intersect(Read("GradCheck.Core", "Messages.resx").Keys).ToArray();
            Assert.Empty(unknown);
            Assert.Empty(unused);
            Assert.Empty(inBoth);
        }

        [Fact]
        public void MessagesFollowTheUiCultureAndTargetsStayEnglish()
        {
            var saved = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
                Assert.Equal("Epsilon 必须是大于 0 的有限数，例如 1e-7；实际为 -0.5。", Text.Format("EpsilonInvalid", -0.5));
                Assert.Equal("θ + 1E-07·v (direction 2)", Text.English("CostPointDirection", "1E-07", 2));
                CultureInfo.CurrentUICulture = new CultureInfo("en-US");
                Assert.Equal("Epsilon must be a finite number greater than 0, such as 1e-7; it was -0.5.",
                    Text.Format("EpsilonInvalid", -0.5));
            }
            finally
            {
                CultureInfo.CurrentUICulture = saved;
            }
        }
    }
}
