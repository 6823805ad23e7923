using System;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// J under test as a matrix [outputs, inputs]: the user's whole Jacobian, or row i = Backward(x, eᵢ), or (for a
    /// forward derivative) column j = Forward(x, eⱼ). A thread-safe function is called on every core, each call
    /// writing only its own row or column.
    /// </summary>
    internal static class AnalyticJacobian
    {
        public static double[,] FromRows(JacobianContext context)
        {
            if (context.Function is IJacobianMatrix matrix) return Given(context, matrix);
            int m = context.OutputCount, p = context.InputCount;
            var jacobian = new double[m, p];
            Each(context, m, i =>
            {
                var row = context.Backward(Unit(m, i), context.Function.OutputLayout.EntryName(i));
                for (int j = 0; j < p; j++) jacobian[i, j] = row[j];
            });
            return jacobian;
        }

        /// <summary>Column j = Forward(x, eⱼ): J as forward-mode code computes it.</summary>
        public static double[,] FromColumns(JacobianContext context, IForwardDerivative forward)
        {
            int m = context.OutputCount, p = context.InputCount;
            var jacobian = new double[m, p];
            Each(context, p, j =>
            {
                string tangent = context.Function.InputLayout.EntryName(j);
                context.CountDerivative();
                var column = Validation.GuardBackward(
                    () => forward.Forward((double[])context.X.Clone(), Unit(p, j)), tangent);
                Validation.Output(context.Function.OutputLayout, column, () => "Forward(x, " + tangent + ")");
                for (int i = 0; i < m; i++) jacobian[i, j] = column[i];
            });
            return jacobian;
        }

        public static double[] Row(double[,] jacobian, int i)
        {
            var row = new double[jacobian.GetLength(1)];
            for (int j = 0; j < row.Length; j++) row[j] = jacobian[i, j];
            return row;
        }

        private static double[,] Given(JacobianContext context, IJacobianMatrix matrix)
        {
            context.CountDerivative();
            var jacobian = Validation.GuardBackward(() => matrix.Jacobian((double[])context.X.Clone()), "J(x)");
            return Validation.Jacobian(context.Function, jacobian);
        }

        /// <summary>
        /// body(k) for k in [0, count): on every core for a thread-safe function (<see cref="WorkerLoop"/>, which
        /// rethrows the error of the lowest k that failed), otherwise in order on the calling thread.
        /// </summary>
        private static void Each(JacobianContext context, int count, Action<int> body)
        {
            if (context.Function is IThreadSafeObjective)
            {
                WorkerLoop.Run(count, context.Options.DegreeOfParallelism, body, context.Cancel,
                    Timeout.InfiniteTimeSpan, null);
                context.Cancel.ThrowIfCancellationRequested();
                return;
            }
            for (int k = 0; k < count; k++)
            {
                context.Cancel.ThrowIfCancellationRequested();
                body(k);
            }
        }

        internal static double[] Unit(int length, int index)
        {
            var unit = new double[length];
            unit[index] = 1;
            return unit;
        }
    }
}
