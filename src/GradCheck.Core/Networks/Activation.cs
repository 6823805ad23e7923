using System;
using System.Linq;

namespace GradCheck
{
    /// <summary>Activation functions of a layer.</summary>
    public enum Activation
    {
        ReLU,

        /// <summary>max(z, 0.01·z).</summary>
        LeakyReLU,
        Tanh,
        Sigmoid,
        Linear,
    }

    /// <summary>What a network's output is scored with; the cost averages it over the m examples.</summary>
    public enum Loss
    {
        /// <summary>The course's logistic cost: −(1/m)·Σ [y·log a + (1 − y)·log(1 − a)].</summary>
        CrossEntropy,

        /// <summary>(1/2m)·Σ (a − y)².</summary>
        MeanSquaredError,
    }

    /// <summary>The activations as pure functions, and name parsing with named errors.</summary>
    public static class Activations
    {
        /// <summary>The slope of LeakyReLU for z ≤ 0.</summary>
        public const double LeakySlope = 0.01;

        public static double Apply(Activation f, double z)
        {
            switch (f)
            {
                // Written so that NaN passes through, as numpy's maximum lets it: z > 0 ? z : 0 would hide it as 0.
                case Activation.ReLU: return z <= 0 ? 0 : z;
                case Activation.LeakyReLU: return z <= 0 ? LeakySlope * z : z;
                case Activation.Tanh: return Math.Tanh(z);
                case Activation.Sigmoid: return 1 / (1 + Math.Exp(-z));
                default: return z;
            }
        }

        /// <summary>a[k] = f(z[k]) for k in [start, start + count), with the choice of f made once, outside the loop.</summary>
        public static void ApplyRange(Activation f, double[] z, double[] a, int start, int count)
        {
            int end = start + count;
            switch (f)
            {
                case Activation.ReLU:
                    Kernels.Rectify(z, a, start, count, 0);
                    break;
                case Activation.LeakyReLU:
                    Kernels.Rectify(z, a, start, count, LeakySlope);
                    break;
                default:
                    // Tanh, sigmoid and linear: the transcendental dominates, so the choice inside Apply costs nothing.
                    for (int k = start; k < end; k++) a[k] = Apply(f, z[k]);
                    break;
            }
        }

        /// <summary>
        /// f′ from z and a = f(z), as backprop writes it: ReLU (a &gt; 0), LeakyReLU 1 or 0.01, tanh 1 − a²,
        /// sigmoid a(1 − a), linear 1. At a kink (z = 0) ReLU takes 0, as the course's (A &gt; 0) does.
        /// </summary>
        public static double Derivative(Activation f, double z, double a)
        {
            switch (f)
            {
                case Activation.ReLU: return a > 0 ? 1 : 0;
                case Activation.LeakyReLU: return z > 0 ? 1 : LeakySlope;
                case Activation.Tanh: return 1 - a * a;
                case Activation.Sigmoid: return a * (1 - a);
                default: return 1;
            }
        }

        /// <summary>Whether f has a kink at 0, where a finite difference straddling it is not a derivative.</summary>
        public static bool HasKink(Activation f) => f == Activation.ReLU || f == Activation.LeakyReLU;

        public static Activation Parse(string name) =>
            ParseEnum<Activation>(name, ErrorIds.ActivationUnknown, "ActivationUnknown");

        public static Loss ParseLoss(string name) =>
            ParseEnum<Loss>(name, ErrorIds.LossUnknown, "LossUnknown");

        private static T ParseEnum<T>(string name, string errorId, string message) where T : struct
        {
            // Enum.TryParse reads "Tanh,Sigmoid" as flags and returns one of them: a comma is never a name.
            if (name != null && name.IndexOf(',') < 0 && Enum.TryParse(name.Trim(), true, out T value) && Enum.IsDefined(typeof(T), value) && !name.Trim().All(char.IsDigit))
                return value;
            throw new GradCheckException(errorId, GradCheckErrorKind.InvalidArgument, name,
                Text.Format(message, name, string.Join(", ", Enum.GetNames(typeof(T)))));
        }
    }
}
