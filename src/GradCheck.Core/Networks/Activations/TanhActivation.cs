using System;
using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>tanh z, whose derivative backprop writes as 1 − a².</summary>
    internal sealed class TanhActivation : ElementwiseActivation
    {
        public override Activation Kind => Activation.Tanh;

        [MethodImpl(HotPath.Optimize)]
        public override double Value(double z) => Math.Tanh(z);

        public override double Derivative(double z, double a) => 1 - a * a;

        public override float Value(float z) => SingleMath.Tanh(z);

        public override float Derivative(float z, float a) => 1 - a * a;
    }
}
