using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// The step-free check: along a random direction v the first-order Taylor remainder
    /// r(h) = |J(θ+hv) − J(θ) − h·g·v| falls like h² when g is the gradient and like h when it is not.
    /// The observed order is the least-squares slope of log r against log h over the smallest steps whose
    /// remainder stands clear of noise; it passes when the slope is nearer 2 than 1.
    /// </summary>
    internal static class TaylorChecker
    {
        /// <summary>Steps from 10⁻¹ down to 10⁻⁶ (times max(1, max|θᵢ|)), a factor √10 apart.</summary>
        public const int StepCount = 11;

        public const double LargestStep = 0.1;

        /// <summary>A remainder enters the fit only above this many σ_J.</summary>
        public const double NoiseMargin = 100;

        /// <summary>How many of the smallest usable steps the slope is fitted over.</summary>
        public const int FitPoints = 4;

        /// <summary>The slope that separates 'like h²' from 'like h'.</summary>
        public const double PassingSlope = 1.5;

        /// <summary>
        /// A slope of 2 says Correct only when the steps resolve g·v: an error e in g·v adds |e|·h to r(h), so at
        /// the smallest fitted step h₀ one of r(h₀)/h₀ hides in the curvature. Correct needs r(h₀)/h₀ ≤
        /// ResolvedShare·‖g‖₂; steps too long for the function (coordinates of scales 1e-6 and 1e6 in one θ) leave
        /// even a negated gradient's slope at 2, and are Inconclusive instead.
        /// </summary>
        public const double ResolvedShare = 1e-2;

        public static GradientCheckResult Check(GradientChecker checker, IGradientObjective objective, double[] theta,
            double[] analytic, CancellationToken cancel)
        {
            var options = checker.Options;
            var start = checker.Prepare(objective, ref theta, ref analytic);
            int seed = options.Seed ?? GradientChecker.NewSeed();
            var signs = SignDirection.Draw(new MersenneTwister(unchecked((uint)seed)), theta.Length);
            var v = signs.ToArray();
            double dot = signs.Dot(analytic);
            double scale = Math.Max(1, theta.Max(Math.Abs));
            double noise = EntryEstimator.NoiseFloor(start.MeasureNoise(options.Epsilon, cancel), Math.Abs(start.Cost));
            var point = new double[theta.Length];
            var steps = new List<TaylorStep>();
            for (int k = 0; k < StepCount; k++)
            {
                cancel.ThrowIfCancellationRequested();
                double h = LargestStep * scale * Math.Pow(10, -k / 2.0);
                // On the float32 grid the point moved by p − θ, not h·v: the linear term is taken along that.
                double moved = 0;
                for (int i = 0; i < theta.Length; i++)
                {
                    point[i] = start.Grid.Point(theta[i] + h * v[i]);
                    moved += analytic[i] * (point[i] - theta[i]);
                }
                double linear = start.Grid.Single ? moved : h * dot;
                double cost = Validation.Cost(() => objective.Cost(point), "CostPointTaylor", Format.Number(h));
                double remainder = Math.Abs(cost - start.Cost - linear);
                steps.Add(new TaylorStep { Step = h, Remainder = remainder, Used = remainder > NoiseMargin * noise });
            }
            var fit = steps.Where(s => s.Used).Reverse().Take(FitPoints).ToList();
            foreach (var s in steps) s.Used = fit.Contains(s);
            double slope = fit.Count >= 2 ? Slope(fit) : double.NaN;

            var result = ResultBuilder.Start(CheckMode.Taylor, options, start, objective.Layout, analytic);
            result.CheckedCount = 1;
            result.Seed = seed;
            result.TaylorSlope = slope;
            result.TaylorSteps = steps.ToArray();
            result.Difference = double.NaN;
            // Every remainder at noise level: J is linear along v and g·v is right to rounding.
            // One step clear of noise gives no slope at all: Inconclusive, never Correct.
            var verdict = double.IsNaN(slope) ? fit.Count == 0 ? CheckVerdict.Correct : CheckVerdict.Inconclusive
                : slope < PassingSlope ? CheckVerdict.Wrong
                : Resolved(fit, analytic) ? CheckVerdict.Correct : CheckVerdict.Inconclusive;
            result.FailedCount = verdict == CheckVerdict.Wrong ? 1 : 0;
            result.InconclusiveCount = verdict == CheckVerdict.Inconclusive ? 1 : 0;
            string message = double.IsNaN(slope)
                ? Text.Format(fit.Count == 0 ? "TaylorAtNoise" : "TaylorInconclusive")
                : verdict == CheckVerdict.Inconclusive ? Text.Format("TaylorUnresolved", slope)
                : Text.Format(verdict == CheckVerdict.Correct ? "TaylorCorrect" : "TaylorWrong", slope, seed);
            return ResultBuilder.Finish(result, options, start, StepCount, verdict, _ => message);
        }

        /// <summary>
        /// Whether the smallest fitted step resolves g·v to ResolvedShare of ‖g‖₂ (fit: smallest first).
        /// </summary>
        private static bool Resolved(IList<TaylorStep> fit, double[] analytic)
        {
            var smallest = fit[0];
            return smallest.Remainder / smallest.Step <= ResolvedShare * PowerOfTwo.Norm(analytic);
        }

        /// <summary>Least-squares slope of log r against log h.</summary>
        private static double Slope(IList<TaylorStep> points)
        {
            double mx = points.Average(p => Math.Log(p.Step)), my = points.Average(p => Math.Log(p.Remainder));
            double sxy = points.Sum(p => (Math.Log(p.Step) - mx) * (Math.Log(p.Remainder) - my));
            double sxx = points.Sum(p => (Math.Log(p.Step) - mx) * (Math.Log(p.Step) - mx));
            return sxy / sxx;
        }
    }
}
