using System;
using System.Collections.Generic;
using System.Threading;

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
    /// smooth the kink is at θ itself, where no derivative exists: the entry is then judged against the interval
    /// between the one-sided differences, when both are decisive, and left unjudged (Inconclusive) otherwise.
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

        /// <summary>At most this many levels below h: h / 4⁸ ≈ h / 65536.</summary>
        public const int MaxLevels = 8;

        private readonly IGradientObjective _objective;
        private readonly double[] _theta;
        private readonly EntryTable _table;
        private readonly double _cost, _noise;

        public StepSequence(IGradientObjective objective, double[] theta, EntryTable table, double cost, double noise)
        {
            _objective = objective;
            _theta = theta;
            _table = table;
            _cost = cost;
            _noise = noise;
        }

        /// <summary>How many costs the sequence evaluated.</summary>
        public long Evaluations { get; private set; }

        /// <summary>The differences along one entry at one step.</summary>
        private struct Level
        {
            public double Step, Forward, Backward, Centred, Largest;
            public bool Crossed;

            public double Gap => Math.Abs(Forward - Backward);
        }

        /// <summary>
        /// Judges <paramref name="entries"/> afresh from their costs at ±h (in the table) downwards, and writes the
        /// outcome into the table: a decided estimate, a one-sided one at a kink at θ, or Unjudged.
        /// </summary>
        public void Resolve(int[] entries, double h, CheckOptions options, CancellationToken cancel,
            Action<CheckProgress> progress)
        {
            var state = new EntryState[entries.Length];
            for (int j = 0; j < entries.Length; j++)
            {
                state[j].Previous = First(entries[j], h);
                state[j].Kinked = _table.Kink[entries[j]];
            }
            var open = new List<int>();
            for (int j = 0; j < entries.Length; j++) open.Add(j);
            for (int k = 1; k <= MaxLevels && open.Count > 0; k++)
            {
                double step = h / Math.Pow(Shrink, k);
                var levels = Evaluate(entries, open, step, options, cancel, progress);
                open = Decide(entries, open, state, levels);
            }
            foreach (int j in open) JudgeAtKink(entries[j], state[j]);
        }

        /// <summary>An open entry's last two levels, and whether any level so far did not look smooth.</summary>
        private struct EntryState
        {
            public Level Earlier, Previous;
            public bool Kinked;
        }

        /// <summary>Level 0: the costs at ±h that the first step already has.</summary>
        private Level First(int i, double h)
        {
            double plus = _table.CostPlus[i], minus = _table.CostMinus[i];
            return Differences(i, h, plus, minus, _table.CrossedNear[i]);
        }

        private Level Differences(int i, double step, double plus, double minus, bool crossed)
        {
            double up = (_theta[i] + step) - _theta[i], down = _theta[i] - (_theta[i] - step);
            return new Level
            {
                Step = (up + down) / 2,
                Forward = (plus - _cost) / up,
                Backward = (_cost - minus) / down,
                Centred = (plus - minus) / (up + down),
                Largest = Math.Max(Math.Abs(_cost), Math.Max(Math.Abs(plus), Math.Abs(minus))),
                Crossed = crossed,
            };
        }

        /// <summary>The costs at ±step for the open entries, on every core where the objective allows.</summary>
        private Level[] Evaluate(int[] entries, List<int> open, double step, CheckOptions options,
            CancellationToken cancel, Action<CheckProgress> progress)
        {
            var positions = new int[open.Count];
            for (int n = 0; n < open.Count; n++) positions[n] = entries[open[n]];
            var (costs, crossed) = PerturbedCosts.Evaluate(_objective, _theta, positions, new[] { step, -step },
                options.DegreeOfParallelism, cancel, progress);
            Evaluations += 2L * positions.Length;
            var levels = new Level[open.Count];
            for (int n = 0; n < open.Count; n++)
            {
                int i = positions[n];
                Validation.PerturbedCost(costs[0][n], _objective.Layout, i, step);
                Validation.PerturbedCost(costs[1][n], _objective.Layout, i, -step);
                bool cross = crossed != null && (crossed[0][n] || crossed[1][n]);
                levels[n] = Differences(i, step, costs[0][n], costs[1][n], cross);
            }
            return levels;
        }

        /// <summary>Decides what the new level allows; returns the entries still open.</summary>
        private List<int> Decide(int[] entries, List<int> open, EntryState[] state, Level[] levels)
        {
            var still = new List<int>();
            for (int n = 0; n < open.Count; n++)
            {
                int j = open[n], i = entries[j];
                var current = levels[n];
                bool smooth = Smooth(state[j].Previous, current);
                state[j].Kinked |= !smooth;
                // Past the step where rounding alone exceeds |g| and |D| no smaller step can tell anything.
                double size = Math.Max(Math.Abs(_table.Analytic[i]), Math.Abs(current.Centred));
                bool exhausted = Tolerances.EntrySafetyFactor * Noise(current) / current.Step > size;
                bool decided = smooth && TryDecide(i, state[j].Previous, current, state[j].Kinked, exhausted);
                state[j].Earlier = state[j].Previous;
                state[j].Previous = current;
                if (decided) continue;
                if (exhausted) JudgeAtKink(i, state[j]);
                else still.Add(j);
            }
            return still;
        }

        private bool Smooth(Level previous, Level current)
        {
            if (_table.BranchAware) return !current.Crossed;
            double rounding = KinkRoundingFactor * Noise(current) / current.Step;
            return current.Gap <= SmoothRatio * previous.Gap + rounding;
        }

        private double Noise(Level level) => EntryEstimator.NoiseFloor(_noise, level.Largest);

        /// <summary>
        /// Writes the entry's estimate at a smooth level when it decides, or when <paramref name="final"/> says no
        /// later level can do better; says whether it wrote one.
        /// </summary>
        private bool TryDecide(int i, Level previous, Level current, bool kinked, bool final)
        {
            double rounding = Noise(current) / current.Step;
            double gap = Math.Abs(previous.Centred - current.Centred);
            double sigma = Math.Max(gap + rounding, Tolerances.AbsoluteFloor);
            double g = _table.Analytic[i], error = Math.Abs(g - current.Centred);
            double size = Math.Max(Math.Abs(g), Math.Abs(current.Centred));
            bool wrong = error > Tolerances.EntrySafetyFactor * sigma;
            bool decisive = gap <= RoundingDominance * rounding
                || Tolerances.EntrySafetyFactor * sigma <= DecisiveFraction * size;
            if (!wrong && !decisive && !final) return false;
            _table.Set(i, _table.Numerical[i], new EntryEstimate
            {
                Reference = current.Centred,
                Sigma = sigma,
                Method = EstimateMethod.Centred,
                Kink = kinked,
            }, current.Step);
            return true;
        }

        /// <summary>
        /// No step looked smooth: the kink lies within the smallest step, at θ for all a finite difference can tell,
        /// where every slope between the two one-sided ones is a fair gradient (the subdifferential; ReLU′(0) may be
        /// taken as 0, ½ or 1). g is judged against the nearest point of that interval, with the larger σ of the two
        /// sides (each side's change across the last two levels plus its rounding); when that σ is not decisive,
        /// the entry stays unjudged.
        /// </summary>
        private void JudgeAtKink(int i, EntryState state)
        {
            var last = state.Previous;
            var forward = OneSided(last.Forward, state.Earlier.Forward, last, EstimateMethod.Forward);
            var backward = OneSided(last.Backward, state.Earlier.Backward, last, EstimateMethod.Backward);
            double g = _table.Analytic[i];
            var nearer = Math.Abs(g - forward.Reference) <= Math.Abs(g - backward.Reference) ? forward : backward;
            double low = Math.Min(forward.Reference, backward.Reference);
            double high = Math.Max(forward.Reference, backward.Reference);
            nearer.Reference = Math.Min(high, Math.Max(low, g));
            nearer.Sigma = Math.Max(forward.Sigma, backward.Sigma);
            double rounding = 2 * Noise(last) / last.Step;
            double size = Math.Max(Math.Abs(g), Math.Max(Math.Abs(low), Math.Abs(high)));
            bool decisive = nearer.Sigma <= (1 + RoundingDominance) * rounding
                || Tolerances.EntrySafetyFactor * nearer.Sigma <= DecisiveFraction * size;
            if (!decisive) nearer = new EntryEstimate
            {
                Reference = _table.Numerical[i],
                Sigma = double.PositiveInfinity,
                Method = EstimateMethod.Unjudged,
                Kink = true,
            };
            _table.Set(i, _table.Numerical[i], nearer, last.Step);
        }

        /// <summary>
        /// A one-sided difference at the last level; σ = |its change since the level before| + 2σ_J / s.
        /// </summary>
        private EntryEstimate OneSided(double value, double before, Level last, EstimateMethod method) =>
            new EntryEstimate
            {
                Reference = value,
                Sigma = Math.Max(Math.Abs(value - before) + 2 * Noise(last) / last.Step, Tolerances.AbsoluteFloor),
                Method = method,
                Kink = true,
            };
    }
}
