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
        [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
        public Network Network { get; set; }

        [Parameter]
        public object Parameter { get; set; }

        protected override void ProcessRecord() => ForEachInput(() =>
            WriteObject(Network.Gradient(NetworkParameters.For(Network, Parameter)), enumerateCollection: false));
    }
}
