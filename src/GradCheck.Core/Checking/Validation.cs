using System;

namespace GradCheck
{
    /// <summary>Checks on what objectives return, each raising a named error.</summary>
    internal static class Validation
    {
        public static void Parameters(ParameterLayout layout, double[] theta)
        {
            if (layout.Count == 0)
                throw new GradCheckException(ErrorIds.ParameterEmpty, GradCheckErrorKind.InvalidArgument, theta,
                    "There are no parameters to check: expected at least one number, got an empty set.");
            if (theta.Length != layout.Count)
                throw new GradCheckException(ErrorIds.VectorLayoutMismatch, GradCheckErrorKind.InvalidArgument, theta,
                    $"Expected {layout.Count} parameter values for layout {layout}, got {theta.Length}.");
            for (int i = 0; i < theta.Length; i++)
                if (double.IsNaN(theta[i]) || double.IsInfinity(theta[i]))
                    throw new GradCheckException(ErrorIds.ParameterNotFinite, GradCheckErrorKind.InvalidData, layout.EntryName(i),
                        $"Parameter {layout.EntryName(i)} is {Format.Number(theta[i])}; expected a finite number.");
        }

        /// <summary>Runs an objective call; anything it throws other than our own errors becomes <paramref name="errorId"/>.</summary>
        public static T Guard<T>(Func<T> call, string errorId = ErrorIds.GradientThrew, string what = "The gradient")
        {
            try { return call(); }
            catch (GradCheckException) { throw; }
            catch (OperationCanceledException) { throw; }
            catch (Exception e)
            {
                throw new GradCheckException(errorId, GradCheckErrorKind.InvalidResult, null, $"{what} threw: {e.Message}", e);
            }
        }

        public static double Cost(Func<double> call, string where)
        {
            double cost = Guard(call, ErrorIds.CostThrew, $"The cost at {where}");
            if (double.IsNaN(cost) || double.IsInfinity(cost))
                throw new GradCheckException(ErrorIds.CostNotFinite, GradCheckErrorKind.InvalidResult, where,
                    $"The cost at {where} is {Format.Number(cost)}; expected a finite number.");
            return cost;
        }

        public static void PerturbedCost(double cost, ParameterLayout layout, int entry, double delta)
        {
            if (double.IsNaN(cost) || double.IsInfinity(cost))
            {
                string where = $"θ with {layout.EntryName(entry)} {(delta < 0 ? "-" : "+")} {Format.Number(Math.Abs(delta))}";
                throw new GradCheckException(ErrorIds.CostNotFinite, GradCheckErrorKind.InvalidResult, layout.EntryName(entry),
                    $"The cost at {where} is {Format.Number(cost)}; expected a finite number.");
            }
        }

        public static double[] Gradient(ParameterLayout layout, double[] gradient)
        {
            if (gradient == null)
                throw new GradCheckException(ErrorIds.GradientReturnedNothing, GradCheckErrorKind.InvalidResult, null,
                    $"The gradient is missing: expected {layout.Count} numbers laid out as {layout}.");
            if (gradient.Length != layout.Count)
                throw new GradCheckException(ErrorIds.GradientLengthMismatch, GradCheckErrorKind.InvalidResult, gradient,
                    $"The gradient has {gradient.Length} entries; expected {layout.Count}, laid out as {layout}.");
            for (int i = 0; i < gradient.Length; i++)
                if (double.IsNaN(gradient[i]) || double.IsInfinity(gradient[i]))
                    throw new GradCheckException(ErrorIds.GradientNotFinite, GradCheckErrorKind.InvalidResult, layout.EntryName(i),
                        $"Gradient entry {layout.EntryName(i)} is {Format.Number(gradient[i])}; expected a finite number.");
            return gradient;
        }
    }
}
