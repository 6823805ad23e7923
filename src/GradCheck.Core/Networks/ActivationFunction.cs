using System;

namespace GradCheck
{
    /// <summary>
    /// What one activation computes: its value, its derivative (as backprop applies it), whether it has a kink,
    /// where in a network it may stand, and how the incremental evaluation pushes a rank-1 change through it.
    /// One subclass per <see cref="Activation"/>, each in a file of its own under Networks/Activations. The float[]
    /// overloads are the same activation in float32 arithmetic, for a network of <see cref="Precision.Single"/>.
    /// </summary>
    internal abstract class ActivationFunction
    {
        private static readonly ActivationFunction[] All =
        {
            new ReLUActivation(), new LeakyReLUActivation(), new TanhActivation(),
            new SigmoidActivation(), new LinearActivation(), new SoftmaxActivation(),
        };

        /// <summary>The type that computes <paramref name="kind"/>.</summary>
        public static ActivationFunction Of(Activation kind)
        {
            foreach (var f in All)
                if (f.Kind == kind) return f;
            throw new ArgumentOutOfRangeException(nameof(kind), kind,
                "No ActivationFunction computes this activation.");
        }

        public abstract Activation Kind { get; }

        /// <summary>Whether f′ jumps at z = 0, where a finite difference straddling it is not a derivative.</summary>
        public virtual bool HasKink => false;

        /// <summary>
        /// Refuses a place in the network this activation cannot take (layer is 1-based, of
        /// <paramref name="layers"/>).
        /// </summary>
        public virtual void ValidatePosition(int layer, int layers)
        {
        }

        /// <summary>
        /// a[k] = f(z[k]) over [start, start + count), called for each row as soon as it is computed. An activation
        /// that couples the units of an example does nothing here and waits for
        /// <see cref="CompleteLayer(double[], double[], int, int)"/>.
        /// </summary>
        public abstract void ActivateRow(double[] z, double[] a, int start, int count);

        /// <summary>
        /// Finishes a rows × m layer once every row of z is computed; elementwise activations are done by then.
        /// </summary>
        public virtual void CompleteLayer(double[] z, double[] a, int rows, int m)
        {
        }

        /// <summary>A whole rows × m layer.</summary>
        public void ActivateLayer(double[] z, double[] a, int rows, int m)
        {
            ActivateRow(z, a, 0, rows * m);
            CompleteLayer(z, a, rows, m);
        }

        /// <summary><see cref="ActivateRow(double[], double[], int, int)"/> in float32.</summary>
        public abstract void ActivateRow(float[] z, float[] a, int start, int count);

        /// <summary><see cref="CompleteLayer(double[], double[], int, int)"/> in float32.</summary>
        public virtual void CompleteLayer(float[] z, float[] a, int rows, int m)
        {
        }

        /// <summary>A whole rows × m layer in float32.</summary>
        public void ActivateLayer(float[] z, float[] a, int rows, int m)
        {
            ActivateRow(z, a, 0, rows * m);
            CompleteLayer(z, a, rows, m);
        }

        /// <summary>
        /// The examples (columns) listed in columns[0..count) of a rows × m layer, every unit of each.
        /// </summary>
        public abstract void ActivateColumns(double[] z, double[] a, int rows, int m, int[] columns, int count);

        /// <summary>
        /// Backprop through f over a rows × m layer: <paramref name="delta"/> holds ∂J/∂A on entry and ∂J/∂Z on
        /// return. <paramref name="a"/> is f(z), before any dropout.
        /// </summary>
        public abstract void Backward(double[] delta, double[] z, double[] a, int rows, int m);

        /// <summary><see cref="Backward(double[], double[], double[], int, int)"/> in float32.</summary>
        public abstract void Backward(float[] delta, float[] z, float[] a, int rows, int m);

        /// <summary>
        /// The incremental evaluation's step into a hidden layer: zOut = z + w·d and aOut = f(zOut)·s over
        /// [start, start + n), d indexed from 0, s the dropout mask divided by the keep probability (null: none).
        /// Returns whether the pre-activation of a kept unit crossed a kink (a dropped unit has none). zOut is
        /// scratch: nothing reads a hidden layer's z′ afterwards, so an override need not write it.
        /// </summary>
        public virtual bool RankOne(double[] zOut, double[] aOut, double[] z, int start, double w, double[] d,
            int n, double[] s)
        {
            Kernels.ScaledSum(zOut, start, z, start, w, d, n);
            ActivateRow(zOut, aOut, start, n);
            if (s != null) Kernels.Multiply(aOut, s, start, n);
            return false;
        }

        public override string ToString() => Kind.ToString();
    }
}
