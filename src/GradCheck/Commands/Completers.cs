using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace GradCheck.Commands
{
    /// <summary>Completes activation, loss and preset names from Core's own lists.</summary>
    public sealed class NameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName,
            string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            IEnumerable<string> names;
            switch (parameterName)
            {
                case "Activation": names = Enum.GetNames(typeof(Activation)); break;
                case "Loss": names = Enum.GetNames(typeof(Loss)); break;
                case "Preset": names = Network.Presets; break;
                // Attached to another parameter by mistake: PowerShell shows no completions and the tests say why.
                default: throw new ArgumentOutOfRangeException(nameof(parameterName), parameterName,
                    "NameCompleter has no names for it.");
            }
            return Complete(names, wordToComplete);
        }

        internal static IEnumerable<CompletionResult> Complete(IEnumerable<string> names, string word)
        {
            word = (word ?? string.Empty).Trim('\'', '"');
            return names.Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
        }
    }

    /// <summary>
    /// Completes -Fault keys with the block names (W1, b1, …) that the -LayerSize already typed implies.
    /// </summary>
    public sealed class FaultCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName,
            string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            int layers = 3;
            if (fakeBoundParameters?["LayerSize"] is object sizes && Numbers.IsSequence(sizes))
                layers = Math.Max(1, ((IEnumerable)Numbers.Unwrap(sizes)).Cast<object>().Count() - 1);
            var names = Enumerable.Range(1, layers).SelectMany(l => new[] { "W" + l, "b" + l });
            string word = (wordToComplete ?? string.Empty).TrimStart('@', '{', ' ');
            return NameCompleter.Complete(names, word);
        }
    }
}
