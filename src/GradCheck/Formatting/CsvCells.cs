using System;
using System.Collections.Generic;
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
        private const string TextProperty = "GradCheckText";

        private static readonly System.Reflection.MethodInfo TextMethod = typeof(CsvCells).GetMethod(nameof(Text));

        public static object Shape(PSObject instance) =>
            As<BlockResult, int[]>(instance, b => b.Shape, Display.Shape);

        public static object FailedBlocks(PSObject instance) =>
            As<GradientCheckResult, string[]>(instance, r => r.FailedBlocks, v => string.Join(";", v));

        public static object Analytic(PSObject instance) =>
            As<GradientCheckResult, double[]>(instance, r => r.Analytic, Numbers);

        public static object Numerical(PSObject instance) =>
            As<GradientCheckResult, double[]>(instance, r => r.Numerical, Numbers);

        public static object SampledEntries(PSObject instance) =>
            As<GradientCheckResult, int[]>(instance, r => r.SampledEntries, v => Summary(v.Select(i => i.ToString()), v.Length));

        public static object Blocks(PSObject instance) =>
            As<GradientCheckResult, BlockResult[]>(instance, r => r.Blocks, v => string.Join(";", v.Select(b => b.Name + " " + b.Verdict)));

        public static object Worst(PSObject instance) =>
            As<GradientCheckResult, EntryResult[]>(instance, r => r.Worst, v => string.Join(";", v.Select(e => e.Name)));

        public static object Directions(PSObject instance) =>
            As<GradientCheckResult, DirectionResult[]>(instance, r => r.Directions, v => v.Count(d => !d.Passed) + " of " + v.Length + " failed");

        public static object TaylorSteps(PSObject instance) =>
            As<GradientCheckResult, TaylorStep[]>(instance, r => r.TaylorSteps, v => v.Length + " steps");

        /// <summary>The ToString of a wrapped array: its readable text.</summary>
        public static object Text(PSObject instance) => instance.Properties[TextProperty]?.Value;

        private static object As<TOwner, TValue>(PSObject instance, Func<TOwner, TValue> get, Func<TValue, string> text)
            where TOwner : class where TValue : class
        {
            var value = instance?.BaseObject is TOwner owner ? get(owner) : null;
            if (value == null) return null;
            // PowerShell may keep instance members with the array itself, so a second wrapping finds them there.
            var wrapped = new PSObject(value);
            if (wrapped.Properties[TextProperty] == null) wrapped.Properties.Add(new PSNoteProperty(TextProperty, text(value)));
            if (!(wrapped.Methods["ToString"] is PSCodeMethod)) wrapped.Methods.Add(new PSCodeMethod("ToString", TextMethod));
            return wrapped;
        }

        private static string Numbers(double[] values) =>
            Summary(values.Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)), values.Length);

        /// <summary>The first five, then "… (N in all)".</summary>
        private static string Summary(IEnumerable<string> items, int count) =>
            string.Join(";", items.Take(5)) + (count > 5 ? ";… (" + count + " in all)" : string.Empty);
    }
}
