using System;

namespace GradCheck
{
    /// <summary>Checks on what objectives return, each raising a named error.</summary>
    internal static class Validation
    {
        public static void Parameters(ParameterLayout layout, double[] theta) => Parameters(layout, theta, null);

        /// <summary>
        /// As <see cref="Parameters(ParameterLayout, double[])"/>; <paramref name="subject"/>, when given, names
        /// entry i in the user's words ("Entry 3 of the -Parameter value"), and the error's target is the value
        /// itself.
        /// </summary>
        public static void Parameters(ParameterLayout layout, double[] theta, Func<int, string> subject)
        {
            if (layout.Count == 0)
                throw new GradCheckException(ErrorIds.ParameterEmpty, GradCheckErrorKind.InvalidArgument, theta,
                    Text.Format("ParameterEmpty"));
            if (theta.Length != layout.Count)
                throw new GradCheckException(ErrorIds.VectorLayoutMismatch, GradCheckErrorKind.InvalidArgument, theta,
                    Text.Format("ParameterCountMismatch", layout.Count, layout, theta.Length));
            int i = FirstNotFinite(theta);
            if (i >= 0) throw NotFinite(layout, theta, i, subject);
        }

        /// <summary>
        /// The first entry of <paramref name="values"/> that is NaN or infinite; −1 when all are finite (checked at
        /// the kernel's speed first, since nearly every vector is).
        /// </summary>
        private static int FirstNotFinite(double[] values)
        {
            if (Kernels.AllFinite(values)) return -1;
            for (int i = 0; i < values.Length; i++)
                if (double.IsNaN(values[i]) || double.IsInfinity(values[i])) return i;
            return -1;
        }

        /// <summary>The upstream gradient u of a vector-Jacobian check: finite in every entry.</summary>
        public static void OutputGradient(ParameterLayout layout, double[] u)
        {
            int i = FirstNotFinite(u);
            if (i >= 0)
                throw new GradCheckException(ErrorIds.OutputGradientNotFinite, GradCheckErrorKind.InvalidArgument,
                    layout.EntryName(i),
                    Text.Format("OutputGradientNotFinite", layout.EntryName(i), Format.Number(u[i])));
        }

        /// <summary>
        /// θ as the check's precision holds it stays finite: a double beyond ±3.4e38 rounds to an infinite float32.
        /// </summary>
        public static void Rounded(ParameterLayout layout, double[] theta, double[] rounded)
        {
            int i = ReferenceEquals(theta, rounded) ? -1 : FirstNotFinite(rounded);
            if (i >= 0)
                throw new GradCheckException(ErrorIds.ParameterNotFinite, GradCheckErrorKind.InvalidData,
                    layout.EntryName(i),
                    Text.Format("ParameterOverflowsSingle", layout.EntryName(i), Format.Number(theta[i])));
        }

        private static GradCheckException NotFinite(ParameterLayout layout, double[] theta, int i,
            Func<int, string> subject) =>
            subject == null
                ? new GradCheckException(ErrorIds.ParameterNotFinite, GradCheckErrorKind.InvalidData,
                    layout.EntryName(i),
                    Text.Format("ParameterNotFinite", layout.EntryName(i), Format.Number(theta[i])))
                : new GradCheckException(ErrorIds.ParameterNotFinite, GradCheckErrorKind.InvalidData, theta[i],
                    Text.Format("NotFiniteAt", Capitalised(subject(i)), Format.Number(theta[i])));

        private static string Capitalised(string text) =>
            string.IsNullOrEmpty(text) ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

        /// <summary>
        /// Runs the objective's gradient; anything it throws other than our own errors becomes GradientThrew.
        /// </summary>
        public static T Guard<T>(Func<T> call) =>
            Guard(call, ErrorIds.GradientThrew, e => Text.Format("GradientThrew", e.Message));

        /// <summary>
        /// θᵢ ± εᵢ must move θᵢ on <paramref name="grid"/> (in single precision, to another float32 number) for every
        /// entry, εᵢ being entry i's step for ε, or the difference measures nothing. <paramref name="subject"/>, when
        /// given, names the entry in the user's words, and the error's target is then the ε that is too small.
        /// </summary>
        public static void StepResolves(ParameterLayout layout, double[] theta, double epsilon, StepGrid grid,
            Func<int, string> subject = null)
        {
            if (grid.ResolvesEverywhere(epsilon)) return;
            for (int i = 0; i < theta.Length; i++)
            {
                if (!grid.Resolves(i, grid.Step(i, epsilon))) throw TooSmall(layout, theta, i, epsilon, subject, grid);
            }
        }

        private static GradCheckException TooSmall(ParameterLayout layout, double[] theta, int i, double epsilon,
            Func<int, string> subject, StepGrid grid)
        {
            string smallest = Format.Number(grid.Smallest(theta[i]));
            if (subject == null)
                return new GradCheckException(ErrorIds.EpsilonTooSmall, GradCheckErrorKind.InvalidArgument,
                    layout.EntryName(i),
                    Text.Format("EpsilonTooSmall", Format.Number(epsilon), layout.EntryName(i), Format.Number(theta[i]),
                        smallest));
            return new GradCheckException(ErrorIds.EpsilonTooSmall, GradCheckErrorKind.InvalidArgument, epsilon,
                Text.Format("EpsilonTooSmallAt", Format.Number(epsilon), subject(i), Format.Number(theta[i]),
                    smallest));
        }

        /// <summary>
        /// An exception of the objective's own: neither ours nor a cancellation, which pass through unchanged.
        /// </summary>
        public static bool IsForeign(Exception e) => !(e is GradCheckException || e is OperationCanceledException);

        /// <summary>
        /// Runs an objective call; anything it throws other than our own errors becomes <paramref name="errorId"/>.
        /// </summary>
        /// <param name="target">What the error names as its culprit: the upstream gradient, say; null for none.</param>
        private static T Guard<T>(Func<T> call, string errorId, Func<Exception, string> message,
            object target = null)
        {
            try { return call(); }
            catch (Exception e) when (IsForeign(e))
            {
                throw new GradCheckException(errorId, GradCheckErrorKind.InvalidResult, target, message(e), e);
            }
        }

        /// <summary>
        /// J at a point, checked. The point is the message <paramref name="where"/> of Messages.resx filled with
        /// <paramref name="args"/>: the error's message names it in the UI culture, its target in English.
        /// </summary>
        public static double Cost(Func<double> call, string where, params object[] args)
        {
            // The culprit is the point the objective failed at, named as CostNotFinite names it.
            double cost = Guard(call, ErrorIds.CostThrew,
                e => Text.Format("CostAtThrew", Text.Format(where, args), e.Message), Text.English(where, args));
            if (double.IsNaN(cost) || double.IsInfinity(cost))
                throw new GradCheckException(ErrorIds.CostNotFinite, GradCheckErrorKind.InvalidResult,
                    Text.English(where, args),
                    Text.Format("CostNotFinite", Text.Format(where, args), Format.Number(cost)));
            return cost;
        }

        public static void PerturbedCost(double cost, ParameterLayout layout, int entry, double delta)
        {
            if (double.IsNaN(cost) || double.IsInfinity(cost))
            {
                string where = Text.Format("CostPointMoved", layout.EntryName(entry), delta < 0 ? "-" : "+",
                    Format.Number(Math.Abs(delta)));
                throw new GradCheckException(ErrorIds.CostNotFinite, GradCheckErrorKind.InvalidResult,
                    layout.EntryName(entry),
                    Text.Format("CostNotFinite", where, Format.Number(cost)));
            }
        }

        public static double[] Gradient(ParameterLayout layout, double[] gradient)
        {
            if (gradient == null)
                throw new GradCheckException(ErrorIds.GradientReturnedNothing, GradCheckErrorKind.InvalidResult, null,
                    Text.Format("GradientMissing", layout.Count, layout));
            if (gradient.Length != layout.Count)
                throw new GradCheckException(ErrorIds.GradientLengthMismatch, GradCheckErrorKind.InvalidResult,
                    gradient,
                    Text.Format("GradientLengthMismatch", gradient.Length, layout.Count, layout));
            int i = FirstNotFinite(gradient);
            if (i >= 0)
                throw new GradCheckException(ErrorIds.GradientNotFinite, GradCheckErrorKind.InvalidResult,
                    layout.EntryName(i),
                    Text.Format("GradientNotFinite", layout.EntryName(i), Format.Number(gradient[i])));
            return gradient;
        }
    

        /// <summary>
        /// What a vector function returned at a point, checked: something, of the output layout's length, every
        /// entry finite. <paramref name="where"/> names the point (in English, for the error's target).
        /// </summary>
        public static double[] Output(ParameterLayout layout, double[] y, Func<string> where)
        {
            if (y == null)
                throw new GradCheckException(ErrorIds.FunctionReturnedNothing, GradCheckErrorKind.InvalidResult,
                    where(), Text.Format("FunctionReturnedNothing", where(), layout.Count, layout));
            if (y.Length != layout.Count)
                throw new GradCheckException(ErrorIds.OutputShapeChanged, GradCheckErrorKind.InvalidResult, where(),
                    Text.Format("OutputLengthChanged", where(), y.Length, layout.Count, layout));
            for (int i = 0; i < y.Length; i++)
                if (double.IsNaN(y[i]) || double.IsInfinity(y[i]))
                    throw new GradCheckException(ErrorIds.FunctionNotFinite, GradCheckErrorKind.InvalidResult,
                        layout.EntryName(i),
                        Text.Format("FunctionNotFinite", layout.EntryName(i), where(), Format.Number(y[i])));
            return y;
        }

        /// <summary>
        /// What a backward pass returned for one upstream gradient, checked as a gradient over the input layout.
        /// </summary>
        /// <param name="notFinite">
        /// The message for an entry that is not finite: a Hessian-vector product says so.
        /// </param>
        public static double[] Backward(ParameterLayout layout, double[] gradient, string upstream,
            string notFinite = "BackwardNotFinite")
        {
            if (gradient == null)
                throw new GradCheckException(ErrorIds.BackwardReturnedNothing, GradCheckErrorKind.InvalidResult,
                    upstream, Text.Format("BackwardReturnedNothing", upstream, layout.Count, layout));
            if (gradient.Length != layout.Count)
                throw new GradCheckException(ErrorIds.BackwardLengthMismatch, GradCheckErrorKind.InvalidResult,
                    gradient, Text.Format("BackwardLengthMismatch", upstream, gradient.Length, layout.Count, layout));
            int i = FirstNotFinite(gradient);
            if (i >= 0)
                throw new GradCheckException(ErrorIds.BackwardNotFinite, GradCheckErrorKind.InvalidResult,
                    layout.EntryName(i), Text.Format(notFinite, upstream, layout.EntryName(i),
                        Format.Number(gradient[i])));
            return gradient;
        }

        /// <summary>
        /// A call of the user's backward pass; anything it throws other than our errors is BackwardThrew.
        /// </summary>
        public static T GuardBackward<T>(Func<T> call, string upstream) =>
            Guard(call, ErrorIds.BackwardThrew, e => Text.Format("BackwardThrew", upstream, e.Message), upstream);
    

        /// <summary>A whole analytic Jacobian, checked: [outputs, inputs], every entry finite.</summary>
        public static double[,] Jacobian(IVectorFunction function, double[,] jacobian)
        {
            int m = function.OutputLayout.Count, p = function.InputLayout.Count;
            if (jacobian == null || jacobian.GetLength(0) != m || jacobian.GetLength(1) != p)
                throw new GradCheckException(ErrorIds.JacobianShapeMismatch, GradCheckErrorKind.InvalidResult,
                    jacobian, Text.Format("JacobianShapeMismatch", m, p, jacobian == null ? "null"
                        : jacobian.GetLength(0) + " × " + jacobian.GetLength(1)));
            for (int i = 0; i < m; i++)
                for (int j = 0; j < p; j++)
                    if (double.IsNaN(jacobian[i, j]) || double.IsInfinity(jacobian[i, j]))
                        throw new GradCheckException(ErrorIds.BackwardNotFinite, GradCheckErrorKind.InvalidResult,
                            function.InputLayout.EntryName(j), Text.Format("JacobianNotFinite",
                                function.OutputLayout.EntryName(i), function.InputLayout.EntryName(j),
                                Format.Number(jacobian[i, j])));
            return jacobian;
        }
    

        /// <summary>A whole analytic Hessian, checked: square, P × P.</summary>
        public static double[,] Hessian(ParameterLayout layout, double[,] hessian)
        {
            int p = layout.Count;
            if (hessian == null)
                throw new GradCheckException(ErrorIds.HessianSizeMismatch, GradCheckErrorKind.InvalidResult, null,
                    Text.Format("HessianSizeMismatch", p, "null"));
            int rows = hessian.GetLength(0), columns = hessian.GetLength(1);
            if (rows != columns)
                throw new GradCheckException(ErrorIds.HessianNotSquare, GradCheckErrorKind.InvalidResult, hessian,
                    Text.Format("HessianNotSquare", rows, columns, p));
            if (rows != p)
                throw new GradCheckException(ErrorIds.HessianSizeMismatch, GradCheckErrorKind.InvalidResult, hessian,
                    Text.Format("HessianSizeMismatch", p, rows + " × " + columns));
            for (int i = 0; i < p; i++)
                for (int j = 0; j < p; j++)
                    if (double.IsNaN(hessian[i, j]) || double.IsInfinity(hessian[i, j]))
                        throw new GradCheckException(ErrorIds.BackwardNotFinite, GradCheckErrorKind.InvalidResult,
                            layout.EntryName(j), Text.Format("HessianNotFinite", layout.EntryName(i),
                                layout.EntryName(j), Format.Number(hessian[i, j])));
            return hessian;
        }
    }
}
