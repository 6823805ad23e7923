using System;

namespace GradCheck
{
    /// <summary>
    /// Parameters flattened into one vector with the layout that names every entry:
    /// the course's <c>dictionary_to_vector</c> result as one object.
    /// </summary>
    public sealed class ParameterVector
    {
        public ParameterVector(double[] values, ParameterLayout layout)
        {
            Values = values ?? throw new ArgumentNullException(nameof(values));
            Layout = layout ?? throw new ArgumentNullException(nameof(layout));
            if (values.Length != layout.Count)
                throw new GradCheckException(ErrorIds.VectorLayoutMismatch, GradCheckErrorKind.InvalidArgument, values,
                    Text.Format("VectorLayoutMismatch", values.Length, layout, layout.Count));
        }

        public double[] Values { get; }

        /// <summary>The block name of every entry, in order.</summary>
        public string[] Keys => Layout.Keys();

        public ParameterLayout Layout { get; }

        public int Count => Values.Length;

        public override string ToString() => $"ParameterVector[{Count}]: {Layout}";
    }
}
