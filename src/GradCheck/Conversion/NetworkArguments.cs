using System;
using System.Collections;
using System.Collections.Generic;

namespace GradCheck.Commands
{
    /// <summary>Reads the PowerShell values New-GradCheckNetwork and friends take.</summary>
    internal static class NetworkArguments
    {
        /// <summary>A matrix from a [double[,]], a jagged array, or (for a single row) a flat array.</summary>
        public static double[,] Matrix(object value, string name)
        {
            if (value == null) return null;
            var (shape, data) = ParameterReader.ReadBlock(value, name, ParameterReader.Role.Parameter);
            int rows = shape.Length == 2 ? shape[0] : 1;
            int columns = shape.Length == 2 ? shape[1] : data.Length;
            return Matrices.FromFlat(data, 0, rows, columns);
        }

        /// <summary>Given parameters, as a dictionary or a ParameterVector.</summary>
        /// <summary>
        /// A network's parameters by block name. A flat vector (the course's habit after dictionary_to_vector) is
        /// refused as NetworkParameterExtra, as the one block 'theta' that belongs to no layer, but saying what came
        /// and how to give it instead.
        /// </summary>
        public static ParameterVector Parameters(object value)
        {
            if (value == null) return null;
            var input = ParameterReader.Read(value);
            if (input.Form != ParameterForm.Dictionary)
                throw new GradCheckException(ErrorIds.NetworkParameterExtra, GradCheckErrorKind.InvalidArgument,
                    Numbers.Unwrap(value), CommandText.Format("NetworkParametersFlat", input.Values.Length));
            return new ParameterVector(input.Values, input.Layout);
        }

        public static IDictionary<string, double> Fault(IDictionary fault)
        {
            if (fault == null) return null;
            var result = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in fault)
            {
                string key = Numbers.Unwrap(entry.Key)?.ToString() ?? string.Empty;
                if (!Numbers.TryGet(entry.Value, out double factor))
                    throw new GradCheckException(ErrorIds.FaultNotFinite, GradCheckErrorKind.InvalidArgument,
                        Numbers.Unwrap(entry.Value),
                        CommandText.Format("FaultNotNumber", key, Numbers.Describe(entry.Value)));
                result[key] = factor;
            }
            return result;
        }

        public static Activation[] Activations(string[] names)
        {
            if (names == null) return null;
            var result = new Activation[names.Length];
            for (int i = 0; i < names.Length; i++) result[i] = GradCheck.Activations.Parse(names[i]);
            return result;
        }
    }
}
