using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>
    /// Backprop's gradient dW1, db1, … of a network, faults included (the course's backward_propagation_n).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "BackwardPropagation")]
    [OutputType(typeof(System.Collections.Specialized.OrderedDictionary))]
    public sealed class InvokeBackwardPropagationCommand : GradCheckCmdlet
    {
        /// <summary>
        /// Gets or sets the network to back-propagate through; each network piped gives one gradient.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
        public Network Network { get; set; }

        /// <summary>
        /// Gets or sets parameters to use instead of the network's: a dictionary W1, b1, … or a ParameterVector.
        /// </summary>
        [Parameter]
        public object Parameter { get; set; }

        protected override void ProcessRecord() => ForEachInput(() =>
            WriteObject(Network.Gradient(NetworkParameters.For(Network, Parameter)), enumerateCollection: false));
    }
}
