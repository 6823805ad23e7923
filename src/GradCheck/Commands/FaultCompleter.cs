using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace GradCheck.Commands
{
    /// <summary>
    /// Completes -Fault with what binds to a dictionary: after -Fault, a whole hashtable per block (@{ W1 = 2 });
    /// inside a hashtable PowerShell has already begun (@{ W), the block names as keys. The blocks come from the
    /// -LayerSize already typed (three layers by default).
    /// </summary>
    public sealed class FaultCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName,
            string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var names = BlockNames(fakeBoundParameters);
            string word = wordToComplete ?? string.Empty;
            if (word.TrimStart().StartsWith("@{", StringComparison.Ordinal))
            {
                // Inside @{ : complete the key being typed, keeping what came before it.
                string typed = word.TrimStart().Substring(2).TrimStart();
                return names.Where(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                    .Select(n => Hashtable("@{ " + n + " = 2 }", n));
            }
            string bare = word.Trim('\'', '"');
            return names.Where(n => n.StartsWith(bare, StringComparison.OrdinalIgnoreCase))
                .Select(n => Hashtable("@{ " + n + " = 2 }", n));
        }

        private static IEnumerable<string> BlockNames(IDictionary fakeBoundParameters)
        {
            int layers = 3;
            if (fakeBoundParameters?["LayerSize"] is object sizes && Numbers.IsSequence(sizes))
                layers = Math.Max(1, ((IEnumerable)Numbers.Unwrap(sizes)).Cast<object>().Count() - 1);
            return Enumerable.Range(1, layers).SelectMany(l => new[] { "W" + l, "b" + l });
        }

        private static CompletionResult Hashtable(string text, string block) =>
            new CompletionResult(text, block, CompletionResultType.ParameterValue,
                CommandText.Format("CompletionFault", block));
    }
}
