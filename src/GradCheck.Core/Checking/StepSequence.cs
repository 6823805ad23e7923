using System;
using System.Collections.Generic;

namespace GradCheck
{
    /// <summary>
    /// A second look, at ever smaller steps sₖ = h / 4ᵏ, at the entries the first step could not decide: those
    /// that fail at h, sit at a suspected kink, were left unjudged, or whose tolerance is wide with truncation.
    /// Each step costs J(θ ± sₖ·eᵢ); the differences at step sₖ are
    /// <code>
    ///   Fₖ = (J(θ+sₖ) − J(θ)) / sₖ,   Bₖ = (J(θ) − J(θ−sₖ)) / sₖ,   Dₖ = (J(θ+sₖ) − J(θ−sₖ)) / 2sₖ   (realised steps)
    ///   smooth at k  ⇔ |Fₖ − Bₖ| ≤ SmoothRatio · |Fₖ₋₁ − Bₖ₋₁| + KinkRoundingFactor · σ_J / sₖ
    ///                  (for a smooth J, F − B = s·J″ shrinks with s; a kink within the step keeps it at the slope
    ///                   jump; for an objective that tracks its branches: θ ± sₖ changed none)
    ///   Eₖ = |Dₖ₋₁ − Dₖ| + σ_J / sₖ          the error of Dₖ where J is smooth: the gap bounds its truncation
    ///   at a smooth step: Wrong      ⇔ |g − Dₖ| > EntrySafetyFactor · Eₖ
    ///                     Correct    ⇔ otherwise, once Eₖ is decisive: its gap within RoundingDominance rounding
    ///                                  units (a smaller step only adds rounding) or EntrySafetyFactor · Eₖ within
    ///                                  DecisiveFraction of |g| and |Dₖ|
    /// </code>
    /// A kink at distance d from θ keeps every step above d from looking smooth, and the first step below it
    /// decides; so a kink 1e-10 from θ is judged at about 1e-11. When no step down to the rounding floor looks
    /// smooth the kink is at θ itself, where no derivative exists: the entry is then judged against the one-sided
    /// differences and their mean, when both are decisive, and left unjudged (Inconclusive) otherwise.
    /// </summary>
    internal sealed class StepSequence
    {
        /// <summary>
        /// |F − B| of a smooth J shrinks in proportion to s (by 4 a level); a kink keeps it nearly level.
        /// </summary>
        public const double SmoothRatio = 0.5;

        /// <summary>
        /// Units of σ_J / s that rounding may add to |F − B| (each one-sided difference carries 2σ_J / s).
        /// </summary>
        public const double KinkRoundingFactor = 8.0;

        /// <summary>After a kink, the largest share of the previous |F − B| that rounding may excuse.</summary>
        public const double KinkedRoundingShare = 0.25;

        /// <summary>
        /// A gap within this many rounding units σ_J / s is rounding: a smaller step cannot sharpen it.
        /// </summary>
        public const double RoundingDominance = 2.0;

        /// <summary>
        /// A tolerance within this fraction of |g| resolves a bug of that relative size: no need to go on.
        /// </summary>
        public const double DecisiveFraction = 1e-3;

        /// <summary>Each level divides the step by this.</summary>
        public const double Shrink = 4.0;

        /// <summary>At most this many levels below h: h / 4¹⁰ ≈ 1e-6·h.</summary>
        public const int MaxLevels = 10;

        private readonly IStepLines _lines;
        private readonly double _cost, _noise;
        private double[] _analytic;
        private Outcome[] _outcomes;

        public StepSequence(IStepLines lines, double cost, double noise)
        {
            _lines = lines;
            _cost = cost;
            _noise = noise;
        }

        /// <summary>What the sequence concluded for one line: the estimate to judge g by, and its step.</summary>
        public struct Outcome
        {
            public EntryEstimate Estimate;
            public double Step;
        }

        /// <summary>How many costs the sequence evaluated.</summary>
        public long Evaluations { get; private set; }

        /// <summary>The differences along one entry at one step.</summary>
        private struct Level
        {
            public double Step, Forward, Backward, Centred, Largest;

            /// <summary>
            /// The centred difference's error from points off their place (EntryEstimator.Displacement).
            /// </summary>
            public double Displacement;
            public bool Crossed;

            public double Gap => Math.Abs(Forward - Backward);
        }

        /// <summary>
        /// Judges every line afresh from its costs at ±h downwards: a decided estimate, one against the
        /// subgradients at a kink at θ, or Unjudged (whose Reference is <paramref name="centred"/>).
        /// </summary>
        /// <param name="analytic">g (or g·v) on each line.</param>
        /// <param name="plus">J at the point +h along each line; <paramref name="minus"/> at −h.</param>
        /// <param name="kinked">Whether an earlier look already saw a kink within reach of h.</param>
        public Outcome[] Resolve(double[] analytic, double[] plus, double[] minus, bool[] crossed, bool[] kinked,
            double[] centred, double h)
        {
            _analytic = analytic;
            _outcomes = new Outcome[analytic.Length];
            var state = new EntryState[analytic.Length];
            var open = new List<int>();
            for (int j = 0; j < analytic.Length; j++)
            {
                state[j].Previous = Differences(j, h, plus[j], minus[j], crossed[j]);
                state[j].Kinked = kinked[j];
                state[j].BestForward.Sigma = state[j].BestBackward.Sigma = double.PositiveInfinity;
                open.Add(j);
            }
            for (int k = 1; k <= MaxLevels && open.Count > 0; k++)
            {
                double step = h / Math.Pow(Shrink, k);
                var levels = Evaluate(open, step);
                open = Decide(open, state, levels, centred);
            }
            foreach (int j in open) JudgeAtKink(j, state[j], centred[j]);
            return _outcomes;
        }

        /// <summary>An open entry's last two levels, and whether any level so far did not look smooth.</summary>
        private struct EntryState
        {
            public Level Earlier, Previous;
            public bool Kinked;

            /// <summary>The best one-sided differences so far (smallest σ), each with its σ and step.</summary>
            public EntryEstimate BestForward, BestBackward;
            public double ForwardStep, BackwardStep;
        }

        private Level Differences(int j, double step, double plus, double minus, bool crossed)
        {
            double up = _lines.Up(j, step), down = _lines.Down(j, step);
            double forward = (plus - _cost) / up, backward = (_cost - minus) / down;
            return new Level
            {
                Step = (up + down) / 2,
                Forward = forward,
                Backward = backward,
                Centred = (plus - minus) / (up + down),
                Displacement = EntryEstimator.Displacement(forward, backward, up, down, _lines.Wobble(j)),
                Largest = Math.Max(Math.Abs(_cost), Math.Max(Math.Abs(plus), Math.Abs(minus))),
                Crossed = crossed,
            };
        }

        /// <summary>The costs at ±step on the open lines.</summary>
        private Level[] Evaluate(List<int> open, double step)
        {
            var lines = open.ToArray();
            var (plus, minus, crossed) = _lines.Costs(lines, step);
            Evaluations += 2L * lines.Length;
            var levels = new Level[lines.Length];
            for (int n = 0; n < lines.Length; n++)
                levels[n] = Differences(lines[n], step, plus[n], minus[n], crossed[n]);
            return levels;
        }

        /// <summary>Decides what the new level allows; returns the entries still open.</summary>
        private List<int> Decide(List<int> open, EntryState[] state, Level[] levels, double[] centred)
        {
            var still = new List<int>();
            for (int n = 0; n < open.Count; n++)
            {
                int j = open[n];
                var current = levels[n];
                bool smooth = Smooth(state[j].Previous, current, state[j].Kinked);
                state[j].Kinked |= !smooth;
                // Past the step where rounding alone exceeds |g| and |D| no smaller step can tell anything.
                double size = Math.Max(Math.Abs(_analytic[j]), Math.Abs(current.Centred));
                bool exhausted = Tolerances.EntrySafetyFactor * Noise(current) / current.Step > size;
                bool decided = smooth && TryDecide(j, state[j].Previous, current, state[j].Kinked, exhausted);
                Remember(ref state[j], current);
                state[j].Earlier = state[j].Previous;
                state[j].Previous = current;
                if (decided) continue;
                if (exhausted) JudgeAtKink(j, state[j], centred[j]);
                else still.Add(j);
            }
            return still;
        }

        /// <summary>
        /// Whether the step looks smooth. Once a kink was seen, rounding may excuse at most a quarter of the previous
        /// gap: a σ_J that the kinks themselves inflated would otherwise call the same slope jump smooth at a small
        /// enough step.
        /// </summary>
        private bool Smooth(Level previous, Level current, bool kinked)
        {
            if (_lines.BranchAware) return !current.Crossed;
            double rounding = KinkRoundingFactor * Noise(current) / current.Step;
            if (kinked) rounding = Math.Min(rounding, KinkedRoundingShare * previous.Gap);
            return current.Gap <= SmoothRatio * previous.Gap + rounding;
        }

        private double Noise(Level level) => EntryEstimator.NoiseFloor(_noise, level.Largest);

        /// <summary>
        /// Writes the entry's estimate at a smooth level when it decides, or when <paramref name="final"/> says no
        /// later level can do better; says whether it wrote one.
        /// </summary>
        private bool TryDecide(int j, Level previous, Level current, bool kinked, bool final)
        {
            double rounding = Noise(current) / current.Step;
            double gap = Math.Abs(previous.Centred - current.Centred);
            double sigma = Math.Max(gap + rounding + current.Displacement, Tolerances.AbsoluteFloor);
            double g = _analytic[j], error = Math.Abs(g - current.Centred);
            double size = Math.Max(Math.Abs(g), Math.Abs(current.Centred));
            bool wrong = error > Tolerances.EntrySafetyFactor * sigma;
            bool decisive = gap <= RoundingDominance * rounding
                || Tolerances.EntrySafetyFactor * sigma <= DecisiveFraction * size;
            if (!wrong && !decisive && !final) return false;
            _outcomes[j] = new Outcome
            {
                Estimate = new EntryEstimate
                {
                    Reference = current.Centred,
                    Sigma = sigma,
                    Method = EstimateMethod.Centred,
                    Kink = kinked,
                },
                Step = current.Step,
            };
            return true;
        }

        /// <summary>
        /// Keeps each side's best one-sided difference: σ = |its change since the level before| + 2σ_J / s, smallest
        /// where the side is clean (no other kink within the step) and the step still large against rounding.
        /// </summary>
        private void Remember(ref EntryState state, Level current)
        {
            var forward = OneSided(current.Forward, state.Previous.Forward, current, EstimateMethod.Forward);
            var backward = OneSided(current.Backward, state.Previous.Backward, current, EstimateMethod.Backward);
            if (forward.Sigma < state.BestForward.Sigma)
            {
                state.BestForward = forward;
                state.ForwardStep = current.Step;
            }
            if (backward.Sigma < state.BestBackward.Sigma)
            {
                state.BestBackward = backward;
                state.BackwardStep = current.Step;
            }
        }

        /// <summary>
        /// No step looked smooth: the kink lies within the smallest step, at θ for all a finite difference can tell.
        /// Each side is taken at its best level (see Remember). g is judged against the nearest of the values a kink's
        /// conventions give: either one-sided slope (ReLU′(0) taken as 0 or 1, a tie of a max given to one side) or
        /// their mean (sign(0) = 0 for |θ|, ReLU′(0) = ½), with the larger σ of the two sides. Any other g between
        /// them is a subgradient too, but so is a bug that lands there (a leaky ReLU's slope scaled by 1.001), and a
        /// g outside them can be autograd's own convention where several kinks meet at θ (every tied unit off): both
        /// are left unjudged rather than passed or failed. So is an entry whose sides never settle.
        /// </summary>
        private void JudgeAtKink(int j, EntryState state, double centred)
        {
            var forward = state.BestForward;
            var backward = state.BestBackward;
            double g = _analytic[j];
            bool forwardNearer = Math.Abs(g - forward.Reference) <= Math.Abs(g - backward.Reference);
            var nearer = forwardNearer ? forward : backward;
            double step = forwardNearer ? state.ForwardStep : state.BackwardStep;
            double low = Math.Min(forward.Reference, backward.Reference);
            double high = Math.Max(forward.Reference, backward.Reference);
            nearer.Reference = Convention(g, low, high);
            nearer.Sigma = Math.Max(forward.Sigma, backward.Sigma);
            double size = Math.Max(Math.Abs(g), Math.Max(Math.Abs(low), Math.Abs(high)));
            bool decisive = Tolerances.EntrySafetyFactor * nearer.Sigma <= DecisiveFraction * size
                || nearer.Sigma <= (1 + RoundingDominance) * Rounding(forward, backward);
            bool inside = Math.Abs(g - nearer.Reference) <= Tolerances.EntrySafetyFactor * nearer.Sigma;
            if (!decisive || !inside) nearer = new EntryEstimate
            {
                Reference = centred,
                Sigma = double.PositiveInfinity,
                Method = EstimateMethod.Unjudged,
                Kink = true,
            };
            nearer.Truncation = 0;
            _outcomes[j] = new Outcome { Estimate = nearer, Step = step };
        }

        /// <summary>Of the one-sided slopes <paramref name="low"/> and <paramref name="high"/> and their mean, the
        /// nearest to g.</summary>
        private static double Convention(double g, double low, double high)
        {
            double mean = low + (high - low) / 2;
            double nearer = Math.Abs(g - low) <= Math.Abs(g - high) ? low : high;
            return Math.Abs(g - mean) < Math.Abs(g - nearer) ? mean : nearer;
        }

        /// <summary>The rounding part of the two sides' σ, the larger.</summary>
        private static double Rounding(EntryEstimate forward, EntryEstimate backward) =>
            Math.Max(forward.Sigma - forward.Truncation, backward.Sigma - backward.Truncation);

        /// <summary>
        /// A one-sided difference at <paramref name="level"/>; σ = |its change since the level before| + 2σ_J / s.
        /// Truncation carries the change alone.
        /// </summary>
        private EntryEstimate OneSided(double value, double before, Level level, EstimateMethod method)
        {
            double change = Math.Abs(value - before);
            return new EntryEstimate
            {
                Reference = value,
                Sigma = Math.Max(change + 2 * Noise(level) / level.Step, Tolerances.AbsoluteFloor),
                Truncation = change,
                Method = method,
                Kink = true,
            };
        }
    }
}
