using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>
    /// Turns a ParameterVector back into an [ordered] dictionary of [double[,]] (vector_to_dictionary).
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "ParameterVector")]
    [OutputType(typeof(System.Collections.Specialized.OrderedDictionary))]
    public sealed class ConvertFromParameterVectorCommand : GradCheckCmdlet
    {
        /// <summary>Gets or sets the ParameterVector to turn back into an [ordered] dictionary of its blocks.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
        public ParameterVector InputObject { get; set; }

        /// <summary>Gets or sets the prefix for every key, e.g. 'd' for a gradient dictionary dW1, db1, ….</summary>
        [Parameter]
        public string Prefix { get; set; } = string.Empty;

        protected override void ProcessRecord() => ForEachInput(() =>
            WriteObject(ParameterInput.ToDictionary(InputObject.Layout, InputObject.Values, Prefix),
                enumerateCollection: false));
    }
}
