using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>The cost J of a network at its own parameters or at given ones (the course's forward_propagation_n).</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ForwardPropagation")]
    [OutputType(typeof(double))]
    public sealed class InvokeForwardPropagationCommand : GradCheckCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
        public Network Network { get; set; }

        /// <summary>Parameters to use instead of the network's: a dictionary W1, b1, … or a ParameterVector.</summary>
        [Parameter]
        public object Parameter { get; set; }

        protected override void ProcessRecord() => ForEachInput(() =>
            WriteObject(Network.Cost(NetworkParameters.For(Network, Parameter))));
    }

    /// <summary>Backprop's gradient dW1, db1, … of a network, faults included (the course's backward_propagation_n).</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "BackwardPropagation")]
    [OutputType(typeof(System.Collections.Specialized.OrderedDictionary))]
    public sealed class InvokeBackwardPropagationCommand : GradCheckCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
        public Network Network { get; set; }

        [Parameter]
        public object Parameter { get; set; }

        protected override void ProcessRecord() => ForEachInput(() =>
            WriteObject(Network.Gradient(NetworkParameters.For(Network, Parameter)), enumerateCollection: false));
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
