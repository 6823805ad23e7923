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

        /// <summary>Gets or sets the layer sizes n⁰, n¹, …, nᴸ: the input size first, the output size last.</summary>
        [Parameter(ParameterSetName = RandomSet, Mandatory = true, Position = 0)]
        [Parameter(ParameterSetName = DataSet, Mandatory = true, Position = 0)]
        [WholeNumbers]
        public int[] LayerSize { get; set; }

        /// <summary>
        /// Gets or sets one activation per layer after the input (by default ReLU on hidden layers, Sigmoid on the
        /// output).
        /// </summary>
        [Parameter(ParameterSetName = RandomSet)]
        [Parameter(ParameterSetName = DataSet)]
        [ArgumentCompleter(typeof(NameCompleter))]
        public string[] Activation { get; set; }

        /// <summary>
        /// Gets or sets what the output is scored with: CrossEntropy, MeanSquaredError or CategoricalCrossEntropy.
        /// </summary>
        [Parameter(ParameterSetName = RandomSet)]
        [Parameter(ParameterSetName = DataSet)]
        [ArgumentCompleter(typeof(NameCompleter))]
        public string Loss { get; set; } = nameof(GradCheck.Loss.CrossEntropy);

        /// <summary>Gets or sets how many random examples to draw when no -Input is given.</summary>
        [Parameter(ParameterSetName = RandomSet)]
        [WholeNumbers]
        public int ExampleCount { get; set; } = 8;

        /// <summary>Gets or sets the examples X, features × examples, as a [double[,]] or arrays of rows.</summary>
        [Parameter(ParameterSetName = DataSet, Mandatory = true)]
        public object Input { get; set; }

        /// <summary>Gets or sets the labels Y, outputs × examples.</summary>
        [Parameter(ParameterSetName = DataSet, Mandatory = true)]
        public object Label { get; set; }

        /// <summary>Gets or sets given parameters W1, b1, … instead of the seeded initialisation.</summary>
        [Parameter(ParameterSetName = RandomSet)]
        [Parameter(ParameterSetName = DataSet)]
        public object Parameter { get; set; }

        /// <summary>
        /// Gets or sets the np.random.seed the parameters (and random examples) are drawn after; a new one if unset.
        /// </summary>
        [Parameter(ParameterSetName = RandomSet)]
        [Parameter(ParameterSetName = DataSet)]
        [ValidateRange(0, int.MaxValue)]
        [WholeNumbers]
        public int? Seed { get; set; }

        /// <summary>
        /// Gets or sets planted bugs: block name (W2 or dW2) to the factor its gradient is multiplied by.
        /// </summary>
        [Parameter]
        [ArgumentCompleter(typeof(FaultCompleter))]
        public IDictionary Fault { get; set; }

        /// <summary>
        /// Gets or sets a network of the course's, such as CourseTestCase (gradient_check_n_test_case).
        /// </summary>
        [Parameter(ParameterSetName = PresetSet, Mandatory = true)]
        [ArgumentCompleter(typeof(NameCompleter))]
        public string Preset { get; set; }

        /// <summary>Gets or sets λ of the L2 penalty (λ/2m)·Σ‖W_l‖², in the cost and in backprop; 0 for none.</summary>
        [Parameter]
        public double L2 { get; set; }

        /// <summary>
        /// Gets or sets p, the probability that inverted dropout keeps a hidden unit; masks are drawn once. Unset:
        /// 1 (no dropout), or the course's 0.7 for -Preset CourseDropoutTestCase.
        /// </summary>
        [Parameter]
        public double? KeepProbability { get; set; }

        /// <summary>Gets or sets the np.random.seed the dropout masks are drawn after (the course's 1).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        [WholeNumbers]
        public int DropoutSeed { get; set; } = 1;

        /// <summary>
        /// Gets or sets what the network computes in: Double, or Single for float32 forward and backward passes on
        /// the same data and parameters rounded to float32.
        /// </summary>
        [Parameter]
        public Precision Precision { get; set; } = Precision.Double;

        /// <summary>
        /// Gets or sets what the network's results are called; by default its description ("4-5-3-1, fault W2×2").
        /// </summary>
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
                return Network.Create(new NetworkDefinition
                {
                    Preset = Preset,
                    Fault = fault,
                    L2 = L2,
                    KeepProbability = KeepProbability,
                    DropoutSeed = DropoutSeed,
                    Precision = Precision,
                });
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
                L2 = L2,
                KeepProbability = KeepProbability,
                DropoutSeed = DropoutSeed,
                Precision = Precision,
            });
        }
    }
}
