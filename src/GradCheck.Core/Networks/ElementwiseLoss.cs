using System.Runtime.CompilerServices;

namespace GradCheck
{
    /// <summary>A loss whose term for each output entry depends on that entry's activation and label alone.</summary>
    internal abstract class ElementwiseLoss : LossFunction
    {
        /// <summary>The loss term of one output entry from its pre-activation z, activation a and label y.</summary>
        public abstract double Term(double z, double a, double y);

        /// <summary>The loss term of one output entry, in float32.</summary>
        public abstract float Term(float z, float a, float y);

        public override void Terms(float[] z, float[] a, float[] y, float[] terms, int rows, int m)
        {
            for (int t = 0; t < rows * m; t++) terms[t] = Term(z[t], a[t], y[t]);
        }

        [MethodImpl(HotPath.Optimize)]
        public override void Terms(double[] z, double[] a, double[] y, double[] terms, int rows, int m)
        {
            for (int t = 0; t < rows * m; t++) terms[t] = Term(z[t], a[t], y[t]);
        }

        [MethodImpl(HotPath.Optimize)]
        public override void ColumnTerms(double[] z, double[] a, double[] y, double[] terms, int rows, int m,
            int[] columns, int count)
        {
            for (int q = 0; q < rows; q++)
                for (int k = 0; k < count; k++)
                {
                    int t = q * m + columns[k];
                    terms[t] = Term(z[t], a[t], y[t]);
                }
        }
    }
}
