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
    /// The one resource file pair every message comes from (src/GradCheck.Core/Resources): the Simplified
    /// Chinese file must say everything the English one says, with the same placeholders.
    /// </summary>
    public class LocalisationTests
    {
        private static readonly Regex Placeholder = new Regex(@"\{\d+(?:,-?\d+)?(?::[^}]*)?\}");

        /// <summary>The repository root: the first folder above the test assembly that holds the sources.</summary>
        private static readonly string Root = FindRoot();

        private static string Resources => Path.Combine(Root, "src", "GradCheck.Core", "Resources");

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "src", "GradCheck.Core", "Resources", "Messages.resx")))
                    return dir.FullName;
            throw new DirectoryNotFoundException(
                $"No src/GradCheck.Core/Resources/Messages.resx above {AppContext.BaseDirectory}.");
        }

        private static Dictionary<string, string> Read(string file) =>
            XDocument.Load(Path.Combine(Resources, file)).Root.Elements("data")
                .ToDictionary(d => (string)d.Attribute("name"), d => (string)d.Element("value"));

        private static string[] PlaceholdersOf(string text) =>
            Placeholder.Matches(text).Select(m => m.Value).Distinct().OrderBy(p => p, StringComparer.Ordinal).ToArray();

        [Fact]
        public void EveryMessageHasAChineseTranslationWithTheSamePlaceholders()
        {
            var english = Read("Messages.resx");
            var chinese = Read("Messages.zh-Hans.resx");
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
        public void TheCodeAsksOnlyForMessagesThatExistAndUsesEveryOne()
        {
            var keys = Read("Messages.resx").Keys.ToHashSet();
            var sources = Directory.GetFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(d => d == "bin" || d == "obj"))
                .Where(f => Path.GetFileName(f) != "ErrorIds.cs")   // ErrorIds share many names with the messages
                .Select(File.ReadAllText).ToArray();
            // On the lines that call Text, every capitalised identifier in quotes is a message name.
            var asked = sources.SelectMany(s => s.Split('\n'))
                .Where(line => line.Contains("Text.Format(") || line.Contains("Text.English("))
                .SelectMany(line => Regex.Matches(line, "\"([A-Z][A-Za-z]+)\"").Select(m => m.Groups[1].Value));
            string[] unknown = asked.Where(k => !keys.Contains(k)).Distinct().ToArray();
            string[] unused = keys.Where(k => !sources.Any(s => s.Contains("\"" + k + "\""))).ToArray();
            Assert.Empty(unknown);
            Assert.Empty(unused);
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
