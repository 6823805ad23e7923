using System;
using System.Collections.Specialized;

namespace GradCheck.Commands
{
    /// <summary>The shape in which the user gave θ, so that their scriptblocks get it back the same way.</summary>
    internal enum ParameterForm
    {
        Number,
        Vector,
        Dictionary,
    }

    /// <summary>Parameters read from a PowerShell value: the layout, the flat values and the original form.</summary>
    internal sealed class ParameterInput
    {
        public ParameterInput(ParameterLayout layout, double[] values, ParameterForm form)
        {
            Layout = layout;
            Values = values;
            Form = form;
        }

        public ParameterLayout Layout { get; }

        public double[] Values { get; }

        public ParameterForm Form { get; }

        /// <summary>
        /// θ in the user's form: a number, a double[], or an [ordered] dictionary of numbers, double[] and
        /// double[,].
        /// </summary>
        public object ToForm(double[] theta)
        {
            switch (Form)
            {
                case ParameterForm.Number: return theta[0];
                case ParameterForm.Vector: return (double[])theta.Clone();
                case ParameterForm.Dictionary: return ToDictionary(Layout, theta);
                default: throw new InvalidOperationException($"No conversion back to the form {Form}.");
            }
        }

        /// <summary>The course's vector_to_dictionary: each block back in its own shape.</summary>
        public static OrderedDictionary ToDictionary(ParameterLayout layout, double[] theta, string prefix = "")
        {
            var dictionary = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (var block in layout.Blocks)
                dictionary.Add(prefix + block.Name, BlockValue(block, theta));
            return dictionary;
        }

        private static object BlockValue(ParameterBlock block, double[] theta)
        {
            switch (block.Rank)
            {
                case 0:
                    return theta[block.Offset];
                case 1:
                    var vector = new double[block.Count];
                    Array.Copy(theta, block.Offset, vector, 0, block.Count);
                    return vector;
                case 2:
                    return Matrices.FromFlat(theta, block.Offset, block.Shape[0], block.Shape[1]);
                default:
                    throw new GradCheckException(ErrorIds.VectorLayoutMismatch, GradCheckErrorKind.InvalidArgument,
                        block.Name,
                        Text.Format("BlockRankNotSupported", block.Rank));
            }
        }
    }
}
