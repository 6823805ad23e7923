using System;
using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>1 / (1 + exp(−z)), as the course writes it; its derivative is a·(1 − a).</summary>
    internal sealed class SigmoidActivation : ElementwiseActivation
    {
        public override Activation Kind => Activation.Sigmoid;

        [MethodImpl(HotPath.Optimize)]
        public override double Value(double z) => 1 / (1 + Math.Exp(-z));

        public override double Derivative(double z, double a) => a * (1 - a);

        public override float Value(float z) => 1 / (1 + SingleMath.Exp(-z));

        public override float Derivative(float z, float a) => a * (1 - a);
    }
}
