using System.Collections;
using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>Builds a fully connected network with its data, in the course's conventions.</summary>
    [Cmdlet(VerbsCommon.New, "GradCheckNetwork", DefaultParameterSetName = RandomSet)]
    [OutputType(typeof(Network))]
    public sealed class NewGradCheckNetworkCommand : GradCheckCmdlet
    {
        public const string RandomSet = "Random";
        public const string DataSet = "Data";
        public const string PresetSet = "Preset";

        [Parameter(ParameterSetName = RandomSet, Mandatory = true, Position = 0)]
        [Parameter(ParameterSetName = DataSet, Mandatory = true, Position = 0)]
        public int[] LayerSize { get; set; }

        [Parameter(ParameterSetName = RandomSet)]
        [Parameter(ParameterSetName = DataSet)]
        [ArgumentCompleter(typeof(NameCompleter))]
        public string[] Activation { get; set; }

        [Parameter(ParameterSetName = RandomSet)]
        [Parameter(ParameterSetName = DataSet)]
        [ArgumentCompleter(typeof(NameCompleter))]
        public string Loss { get; set; } = nameof(GradCheck.Loss.CrossEntropy);

        [Parameter(ParameterSetName = RandomSet)]
        public int ExampleCount { get; set; } = 8;

        [Parameter(ParameterSetName = DataSet, Mandatory = true)]
        public object Input { get; set; }

        [Parameter(ParameterSetName = DataSet, Mandatory = true)]
        public object Label { get; set; }

        [Parameter(ParameterSetName = RandomSet)]
        [Parameter(ParameterSetName = DataSet)]
        public object Parameter { get; set; }

        [Parameter(ParameterSetName = RandomSet)]
        [Parameter(ParameterSetName = DataSet)]
        public int? Seed { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(FaultCompleter))]
        public IDictionary Fault { get; set; }

        [Parameter(ParameterSetName = PresetSet, Mandatory = true)]
        [ArgumentCompleter(typeof(NameCompleter))]
        public string Preset { get; set; }

        /// <summary>Gets or sets what the network's results are called; by default its description ("4-5-3-1, fault W2×2").</summary>
        [Parameter]
        public string Name { get; set; }

        protected override void EndProcessing() => ForEachInput(() =>
        {
            var network = Build();
            if (!string.IsNullOrEmpty(Name)) network.Name = Name;
            WriteObject(network);
        });

        private Network Build()
        {
            var fault = NetworkArguments.Fault(Fault);
            if (ParameterSetName == PresetSet)
            {
                if (!string.Equals(Preset, Network.CoursePreset, System.StringComparison.OrdinalIgnoreCase))
                    throw new GradCheckException(ErrorIds.PresetUnknown, GradCheckErrorKind.InvalidArgument, Preset,
                        Text.Format("PresetUnknown", Preset, Network.CoursePreset));
                return Network.CourseTestCase(fault);
            }
            return Network.Create(new NetworkDefinition
            {
                LayerSize = LayerSize,
                Activation = NetworkArguments.Activations(Activation),
                Loss = Activations.ParseLoss(Loss),
                ExampleCount = ExampleCount,
                Input = NetworkArguments.Matrix(Input, nameof(Input)),
                Label = NetworkArguments.Matrix(Label, nameof(Label)),
                Parameters = NetworkArguments.Parameters(Parameter),
                Fault = fault,
                Seed = Seed,
            });
        }
    }
}
