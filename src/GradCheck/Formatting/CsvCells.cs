using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>
    /// Code properties (GradCheck.types.ps1xml) over the array properties of results and blocks. Each returns the typed
    /// array itself, so that scripts keep indexing and casting it, wrapped with a ToString that reads in a cell:
    /// Export-Csv writes Shape as 5×4 and FailedBlocks as b1;W2 instead of System.Int32[] and System.String[].
    /// </summary>
    public static class CsvCells
    {
        public static object Shape(PSObject instance) =>
            Wrap(instance is null ? null : (instance.BaseObject as BlockResult)?.Shape, nameof(ShapeText));

        public static object FailedBlocks(PSObject instance) => Wrap(Result(instance)?.FailedBlocks, nameof(NamesText));

        public static object Analytic(PSObject instance) => Wrap(Result(instance)?.Analytic, nameof(NumbersText));

        public static object Numerical(PSObject instance) => Wrap(Result(instance)?.Numerical, nameof(NumbersText));

        public static object SampledEntries(PSObject instance) =>
            Wrap(Result(instance)?.SampledEntries, nameof(PositionsText));

        public static object Blocks(PSObject instance) => Wrap(Result(instance)?.Blocks, nameof(BlocksText));

        public static object Worst(PSObject instance) => Wrap(Result(instance)?.Worst, nameof(EntriesText));

        public static object Directions(PSObject instance) =>
            Wrap(Result(instance)?.Directions, nameof(DirectionsText));

        public static object TaylorSteps(PSObject instance) => Wrap(Result(instance)?.TaylorSteps, nameof(StepsText));

        public static object JacobianFailedBlocks(PSObject instance) =>
            Wrap(Jacobian(instance)?.FailedBlocks, nameof(NamesText));

        public static object ForwardFailedBlocks(PSObject instance) =>
            Wrap(Jacobian(instance)?.ForwardFailedBlocks, nameof(NamesText));

        public static object JacobianBlocks(PSObject instance) => Wrap(Jacobian(instance)?.Blocks, nameof(PairsText));

        public static object JacobianWorst(PSObject instance) =>
            Wrap(Jacobian(instance)?.Worst, nameof(JacobianEntriesText));

        public static object AnalyticJacobian(PSObject instance) =>
            Wrap(Jacobian(instance)?.AnalyticJacobian, nameof(MatrixText));

        public static object NumericalJacobian(PSObject instance) =>
            Wrap(Jacobian(instance)?.NumericalJacobian, nameof(MatrixText));

        public static object JacobianDirections(PSObject instance) =>
            Wrap(Jacobian(instance)?.Directions, nameof(DirectionsText));

        // The ToString of each kind of wrapped array. Code methods, not note properties: ConvertTo-Json writes an
        // object's notes beside its value, but ignores its methods.
        public static string ShapeText(PSObject instance) => Display.Shape(instance.BaseObject as int[]);

        public static string NamesText(PSObject instance) => string.Join(";", (string[])instance.BaseObject);

        public static string NumbersText(PSObject instance) =>
            Summary(((double[])instance.BaseObject).Select(v => v.ToString("G6", CultureInfo.InvariantCulture)));

        public static string PositionsText(PSObject instance) =>
            Summary(((int[])instance.BaseObject).Select(i => i.ToString(CultureInfo.InvariantCulture)));

        public static string BlocksText(PSObject instance) =>
            string.Join(";", ((BlockResult[])instance.BaseObject).Select(b => b.Name + " " + b.Verdict));

        public static string EntriesText(PSObject instance) =>
            string.Join(";", ((EntryResult[])instance.BaseObject).Select(e => e.Name));

        public static string DirectionsText(PSObject instance)
        {
            var directions = (DirectionResult[])instance.BaseObject;
            return directions.Count(d => !d.Passed) + " of " + directions.Length + " failed";
        }

        public static string PairsText(PSObject instance) =>
            string.Join(";", ((JacobianBlockResult[])instance.BaseObject).Select(b => b.Name + " " + b.Verdict));

        public static string JacobianEntriesText(PSObject instance) =>
            string.Join(";", ((JacobianEntryResult[])instance.BaseObject).Select(e => e.Name));

        /// <summary>"2 × 11: 0.3;-0.7;…", row-major.</summary>
        public static string MatrixText(PSObject instance)
        {
            var matrix = (double[,])instance.BaseObject;
            return matrix.GetLength(0) + " × " + matrix.GetLength(1) + ": "
                + Summary(matrix.Cast<double>().Select(v => v.ToString("G6", CultureInfo.InvariantCulture)));
        }

        public static string StepsText(PSObject instance) => ((TaylorStep[])instance.BaseObject).Length + " steps";

        private static GradientCheckResult Result(PSObject instance) => instance?.BaseObject as GradientCheckResult;

        private static JacobianCheckResult Jacobian(PSObject instance) => instance?.BaseObject as JacobianCheckResult;

        /// <summary>The array itself, with a ToString of the kind <paramref name="text"/> names.</summary>
        private static object Wrap(Array value, string text)
        {
            if (value == null) return null;
            // PowerShell may keep instance members with the array itself, so a second wrapping finds them there.
            var wrapped = new PSObject(value);
            if (!(wrapped.Methods["ToString"] is PSCodeMethod))
                wrapped.Methods.Add(new PSCodeMethod("ToString", typeof(CsvCells).GetMethod(text)));
            return wrapped;
        }

        /// <summary>The first five, then "… (N in all)".</summary>
        private static string Summary(IEnumerable<string> items)
        {
            var all = items.ToList();
            return string.Join(";", all.Take(5)) + (all.Count > 5 ? ";… (" + all.Count + " in all)" : string.Empty);
        }
    }
}
