using System;

namespace GradCheck
{
    /// <summary>
    /// What one loss computes: its per-entry terms and their average, ∂J/∂Z at the output, which output
    /// activation and which labels it can take, and how random labels are drawn for it. The terms are kept per
    /// entry of the n_L × m output and recomputed per example (column), so that the incremental evaluation
    /// can redo only the examples a perturbation reached. One subclass per <see cref="Loss"/>, each in a file of
    /// its own under Networks/Losses. The float[] overloads are the same loss in float32 arithmetic, for a network
    /// of <see cref="Precision.Single"/>.
    /// </summary>
    internal abstract class LossFunction
    {
        private static readonly LossFunction[] All =
        {
            new CrossEntropyLoss(), new MeanSquaredErrorLoss(), new CategoricalCrossEntropyLoss(),
        };

        /// <summary>The type that computes <paramref name="kind"/>.</summary>
        public static LossFunction Of(Loss kind)
        {
            foreach (var loss in All)
                if (loss.Kind == kind) return loss;
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "No LossFunction computes this loss.");
        }

        public abstract Loss Kind { get; }

        /// <summary>Refuses an output activation this loss cannot score.</summary>
        public virtual void ValidateOutput(Activation output)
        {
        }

        /// <summary>
        /// Refuses labels this loss cannot take, naming the first culprit as Label[r,c]. <paramref name="rounding"/>
        /// is how far, relative to itself, each label may have moved by being held in the network's precision
        /// (<see cref="NetworkPrecision.LabelRounding"/>): a sum the labels must make is allowed that much more.
        /// </summary>
        public abstract void ValidateLabels(double[] y, int rows, int m, double rounding);

        /// <summary>
        /// Random labels for a drawn network (rows × m), drawn in row-major order from <paramref name="random"/>.
        /// </summary>
        public abstract void DrawLabels(LegacyRandomState random, double[] y, int rows, int m);

        /// <summary>
        /// terms[t] for every entry of the rows × m output, from its pre-activation z and activation a.
        /// </summary>
        public abstract void Terms(double[] z, double[] a, double[] y, double[] terms, int rows, int m);

        /// <summary>The terms of the examples listed in columns[0..count) only, every unit of each.</summary>
        public abstract void ColumnTerms(double[] z, double[] a, double[] y, double[] terms, int rows, int m,
            int[] columns, int count);

        /// <summary>J from the terms, summed in numpy's (pairwise) order and averaged over the m examples.</summary>
        public abstract double Total(double[] terms, int m);

        /// <summary>∂J/∂Z_L times m (the 1/m is applied with dW and db, as the course does), into dz.</summary>
        public abstract void OutputDelta(ActivationFunction output, double[] z, double[] a, double[] y, double[] dz,
            int rows, int m);

        /// <summary><see cref="Terms(double[], double[], double[], double[], int, int)"/> in float32.</summary>
        public abstract void Terms(float[] z, float[] a, float[] y, float[] terms, int rows, int m);

        /// <summary>J from the float32 terms, summed pairwise in float32 as numpy sums a float32 array.</summary>
        public abstract float Total(float[] terms, int m);

        /// <summary>
        /// <see cref="OutputDelta(ActivationFunction, double[], double[], double[], double[], int, int)"/> in float32.
        /// </summary>
        public abstract void OutputDelta(ActivationFunction output, float[] z, float[] a, float[] y, float[] dz,
            int rows, int m);

        /// <summary>A label that is NaN or infinite, which no loss can score.</summary>
        protected static void RefuseNotFinite(double[] y, int m)
        {
            for (int t = 0; t < y.Length; t++)
                if (double.IsNaN(y[t]) || double.IsInfinity(y[t]))
                    throw LabelError(ErrorIds.LabelOutOfRange, "LabelNotFinite", t, m, y[t]);
        }

        protected static GradCheckException LabelError(string errorId, string message, int t, int m, double y) =>
            new GradCheckException(errorId, GradCheckErrorKind.InvalidData, $"Label[{t / m},{t % m}]",
                Text.Format(message, t / m, t % m, y));

        public override string ToString() => Kind.ToString();
    }
}
