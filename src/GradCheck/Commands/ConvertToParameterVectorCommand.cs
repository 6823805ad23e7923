using System.Collections;
using System.Linq;
using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>
    /// Flattens a parameter or gradient dictionary, or a network's parameters (dictionary_to_vector,
    /// gradients_to_vector).
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "ParameterVector")]
    [OutputType(typeof(ParameterVector))]
    public sealed class ConvertToParameterVectorCommand : GradCheckCmdlet
    {
        /// <summary>Gets or sets what to flatten: a dictionary of blocks, a network, a number or an array.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
        public object InputObject { get; set; }

        protected override void ProcessRecord() => ForEachInput(() =>
        {
            object value = Numbers.Unwrap(InputObject);
            if (value is Network network) { WriteObject(network.ToParameterVector()); return; }
            if (Dictionaries.TryRead(InputObject, out var dictionary)) value = dictionary;
            if (dictionary != null && IsGradientDictionary(dictionary)) value = WithoutLeadingD(dictionary);
            var input = ParameterReader.Read(value);
            WriteObject(new ParameterVector(input.Values, input.Layout));
        });

        // dW1, db1, …: every key is d + a course-style name (one letter and a layer number), so the vector gets the
        // parameters' layout. Names such as dense1 are left alone.
        private static bool IsGradientDictionary(IDictionary dictionary) =>
            dictionary.Count > 0 && dictionary.Keys.Cast<object>().All(k => k is string s && s.Length > 2 && s[0] == 'd'
                && char.IsLetter(s[1]) && s.Skip(2).All(char.IsDigit));

        /// <summary>
        /// dW1 → W1, …; the course's intermediate gradients (dZ1, dA2, …) are left out, as its gradients_to_vector
        /// does, and said so under -Verbose.
        /// </summary>
        private IDictionary WithoutLeadingD(IDictionary dictionary)
        {
            IDictionary renamed = Dictionaries.IsUnordered(dictionary)
                ? new Hashtable(System.StringComparer.OrdinalIgnoreCase)
                : (IDictionary)new System.Collections.Specialized.OrderedDictionary(
                    System.StringComparer.OrdinalIgnoreCase);
            var skipped = new System.Collections.Generic.List<string>();
            foreach (DictionaryEntry entry in dictionary)
            {
                string key = (string)entry.Key;
                if (Dictionaries.IsIntermediateGradient(key)) skipped.Add(key);
                else renamed[key.Substring(1)] = entry.Value;
            }
            if (skipped.Count > 0 && renamed.Count > 0)
                WriteVerbose(CommandText.Format("VerboseGradientKeysIgnored", string.Join(", ", skipped)));
            return renamed.Count > 0 ? renamed : dictionary;
        }
    }
}
