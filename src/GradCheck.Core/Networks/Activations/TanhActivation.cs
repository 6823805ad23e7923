using System;

namespace GradCheck
{
    /// <summary>tanh z, whose derivative backprop writes as 1 − a².</summary>
    internal sealed class TanhActivation : ElementwiseActivation
    {
        public override Activation Kind => Activation.Tanh;

        public override double Value(double z) => Math.Tanh(z);

        public override double Derivative(double z, double a) => 1 - a * a;
    }
}
