using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>An activation applied to each unit alone: a = f(z), and backprop multiplies by f′.</summary>
    internal abstract class ElementwiseActivation : ActivationFunction
    {
        public abstract double Value(double z);

        /// <summary>f′ from z and a = f(z), as backprop writes it.</summary>
        public abstract double Derivative(double z, double a);

        /// <summary>f(z) in float32.</summary>
        public abstract float Value(float z);

        /// <summary>f′ from z and a = f(z) in float32.</summary>
        public abstract float Derivative(float z, float a);

        [MethodImpl(HotPath.Optimize)]
        public override void ActivateRow(double[] z, double[] a, int start, int count)
        {
            // The transcendental dominates here, so the virtual call per entry costs nothing; rectifiers override.
            for (int k = start; k < start + count; k++) a[k] = Value(z[k]);
        }

        [MethodImpl(HotPath.Optimize)]
        public override void ActivateColumns(double[] z, double[] a, int rows, int m, int[] columns, int count)
        {
            for (int q = 0; q < rows; q++)
                for (int k = 0; k < count; k++)
                {
                    int t = q * m + columns[k];
                    a[t] = Value(z[t]);
                }
        }

        [MethodImpl(HotPath.Optimize)]
        public override void Backward(double[] delta, double[] z, double[] a, int rows, int m)
        {
            for (int t = 0; t < rows * m; t++) delta[t] *= Derivative(z[t], a[t]);
        }

        public override void ActivateRow(float[] z, float[] a, int start, int count)
        {
            for (int k = start; k < start + count; k++) a[k] = Value(z[k]);
        }

        public override void Backward(float[] delta, float[] z, float[] a, int rows, int m)
        {
            for (int t = 0; t < rows * m; t++) delta[t] *= Derivative(z[t], a[t]);
        }
    }
}
