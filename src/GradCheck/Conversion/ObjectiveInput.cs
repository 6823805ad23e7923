using System;
using System.Linq;

namespace GradCheck.Commands
{
    /// <summary>
    /// θ as a compiled objective lays it out. A flat vector is taken in the objective's order, as long as it has as
    /// many numbers; a dictionary is matched by block name, whatever order it came in (a hashtable's is not the
    /// objective's), and refused when its blocks are not the objective's.
    /// </summary>
    internal static class ObjectiveInput
    {
        /// <summary>
        /// <paramref name="input"/> in <paramref name="layout"/>'s order; as it is when the objective has no layout,
        /// which the command refuses on its own.
        /// </summary>
        public static ParameterInput LaidOut(ParameterInput input, ParameterLayout layout, object parameter)
        {
            if (layout == null) return input;
            var values = Values(input, layout, parameter);
            return ReferenceEquals(values, input.Values) ? input
                : new ParameterInput(layout, values, input.Form, null, input.Subject);
        }

        /// <summary>The values of <paramref name="input"/> in <paramref name="layout"/>'s order.</summary>
        private static double[] Values(ParameterInput input, ParameterLayout layout, object parameter)
        {
            if (input.Form != ParameterForm.Dictionary || input.Layout.SameAs(layout))
            {
                if (input.Values.Length != layout.Count) throw CountMismatch(input, layout, parameter);
                return input.Values;
            }
            var values = new double[layout.Count];
            foreach (var block in layout.Blocks)
            {
                var given = input.Layout.Blocks.FirstOrDefault(b =>
                    string.Equals(b.Name, block.Name, StringComparison.OrdinalIgnoreCase));
                if (given == null || input.Layout.Blocks.Count != layout.Blocks.Count
                    || !ShapeText.Same(given.Shape, block.Shape))
                    throw new GradCheckException(ErrorIds.VectorLayoutMismatch, GradCheckErrorKind.InvalidArgument,
                        parameter, CommandText.Format("ObjectiveBlocksMismatch", layout, input.Layout));
                Array.Copy(input.Values, given.Offset, values, block.Offset, block.Count);
            }
            return values;
        }

        private static GradCheckException CountMismatch(ParameterInput input, ParameterLayout layout,
            object parameter) =>
            new GradCheckException(ErrorIds.VectorLayoutMismatch, GradCheckErrorKind.InvalidArgument, parameter,
                CommandText.Format("ObjectiveParameterCountMismatch", layout.Count, layout, input.Values.Length));
    }
}
