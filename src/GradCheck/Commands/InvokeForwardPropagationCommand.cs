using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>
    /// The cost J of a network at its own parameters or at given ones (the course's forward_propagation_n); with
    /// -Cache, the cost together with the course's cache Z1, D1, A1, ….
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ForwardPropagation", DefaultParameterSetName = CostSet)]
    [OutputType(typeof(double), ParameterSetName = new[] { CostSet })]
    [OutputType(typeof(ForwardPass), ParameterSetName = new[] { CacheSet })]
    public sealed class InvokeForwardPropagationCommand : GradCheckCmdlet
    {
        public const string CostSet = "Cost";
        public const string CacheSet = "Cache";

        /// <summary>Gets or sets the network to propagate; each network piped gives one cost.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
        public Network Network { get; set; }

        /// <summary>
        /// Gets or sets parameters to use instead of the network's: a dictionary W1, b1, … or a ParameterVector.
        /// </summary>
        [Parameter]
        public object Parameter { get; set; }

        /// <summary>
        /// Gets or sets whether to return the cost with the cache (Z1, D1, A1, …, Z_L, A_L) instead of the cost
        /// alone.
        /// </summary>
        [Parameter(ParameterSetName = CacheSet, Mandatory = true)]
        public SwitchParameter Cache { get; set; }

        protected override void ProcessRecord() => ForEachInput(() =>
        {
            var parameters = NetworkParameters.For(Network, Parameter);
            if (Cache) WriteObject(Network.Forward(parameters));
            else WriteObject(Network.Cost(parameters));
        });
    }

    /// <summary>Given parameters for a network, checked against its layout.</summary>
    internal static class NetworkParameters
    {
        public static ParameterVector For(Network network, object value)
        {
            if (value == null) return null;
            var given = NetworkArguments.Parameters(value);
            if (given.Layout.SameAs(network.Layout)) return given;
            // Same blocks in another order or shape: let the network's own validation name the culprit.
            return Network.Create(new NetworkDefinition
            {
                LayerSize = network.LayerSize,
                Activation = network.Activation,
                Loss = network.Loss,
                Input = network.Input,
                Label = network.Label,
                Parameters = given,
            }).ToParameterVector();
        }
    }
}
