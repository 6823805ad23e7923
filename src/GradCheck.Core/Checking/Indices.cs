using System;

namespace GradCheck
{
    /// <summary>
    /// Entry indices chosen by a test, in order. Not LINQ's Range, Where(…).ToArray(), Any and Count over int: generic
    /// code over int that no precompiled image holds, compiled afresh at the first check in every new shell.
    /// </summary>
    internal static class Indices
    {
        /// <summary>0, 1, …, count − 1.</summary>
        public static int[] All(int count)
        {
            var all = new int[count];
            for (int i = 0; i < count; i++) all[i] = i;
            return all;
        }

        /// <summary>The items that pass <paramref name="keep"/>, in their order.</summary>
        public static int[] Where(int[] items, Func<int, bool> keep)
        {
            var passed = new int[items.Length];
            int n = 0;
            foreach (int i in items)
                if (keep(i)) passed[n++] = i;
            if (n == items.Length) return passed;
            var kept = new int[n];
            Array.Copy(passed, kept, n);
            return kept;
        }

        /// <summary>Whether any item passes <paramref name="test"/>.</summary>
        public static bool Any(int[] items, Func<int, bool> test)
        {
            foreach (int i in items)
                if (test(i)) return true;
            return false;
        }

        /// <summary>How many items pass <paramref name="test"/>.</summary>
        public static int Count(int[] items, Func<int, bool> test)
        {
            int n = 0;
            foreach (int i in items)
                if (test(i)) n++;
            return n;
        }
    }
}
