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
}
