using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// The entry mode, every entry or a stratified sample, in the stages that each look only where the one before
    /// could not decide: ±h for all (the course's centred differences, judged on rounding alone); σ_J and ±2h where
    /// an entry or block fails or looks kinked; smaller steps where the first step cannot decide
    /// (<see cref="StepSequence"/>); 100·h for suspects; 10·h … 10⁴·h for entries too small to resolve at h.
    /// </summary>
    internal sealed class EntryChecker
    {
        private readonly CheckOptions _options;
        private readonly IGradientObjective _objective;
        private readonly ParameterLayout _layout;
        private readonly double[] _theta;
        private readonly CheckStart _start;
        private readonly CancellationToken _cancel;
        private readonly Action<CheckProgress> _progress;
        private readonly double _h;
        private readonly StepGrid _grid;
        private long _evaluations;

        public EntryChecker(CheckOptions options, IGradientObjective objective, double[] theta, CheckStart start,
            CancellationToken cancel, Action<CheckProgress> progress)
        {
            _options = options;
            _objective = objective;
            _layout = objective.Layout;
            _theta = theta;
            _start = start;
            _cancel = cancel;
            _progress = progress;
            _h = options.Epsilon;
            _grid = start.Grid;
        }

        /// <summary>Entry i's step h (scaled by max(1, |θᵢ|) in a single-precision check of the default ε).</summary>
        private double Step(int i) => _grid.Step(i, _h);

        public GradientCheckResult Check(double[] analytic)
        {
            int? seed = _options.Sample > 0 ? _options.Seed ?? GradientChecker.NewSeed() : (int?)null;
            int[] entries = seed.HasValue
                ? EntrySampler.Stratified(_layout, _options.Sample, seed.Value)
                : Indices.All(_layout.Count);
            var near = Evaluate(entries, new[] { _h, -_h });
            _start.DetectPrecision(near.Costs);
            var table = First(entries, analytic, near);
            Widen(table, entries, near);
            // In single precision an entry that rounding leaves unresolved goes to larger steps, not smaller ones.
            Resolve(table, Indices.Where(Undecided(table), i => !_grid.Single || !Verdict.IsUnresolved(table, i)));
            Refine(table);
            Coarsen(table);
            return Result(table, entries, seed);
        }

        /// <summary>The undecided entries judged afresh at smaller steps (see <see cref="StepSequence"/>).</summary>
        private void Resolve(EntryTable table, int[] undecided)
        {
            if (undecided.Length == 0) return;
            var lines = new EntryLines(this, undecided, table.BranchAware);
            var sequence = new StepSequence(lines, _start.Cost, _start.Noise);
            var outcomes = sequence.Resolve(Pick(table.Analytic, undecided), Pick(table.CostPlus, undecided),
                Pick(table.CostMinus, undecided), Pick(table.CrossedNear, undecided), Pick(table.Kink, undecided),
                Pick(table.Numerical, undecided), _h);
            for (int j = 0; j < undecided.Length; j++)
                table.Set(undecided[j], table.Numerical[undecided[j]], outcomes[j].Estimate, outcomes[j].Step);
        }

        private static T[] Pick<T>(T[] values, int[] positions) => positions.Select(i => values[i]).ToArray();

        /// <summary>
        /// The lines θ + s·eᵢ through the undecided entries, evaluated like every other perturbed cost.
        /// </summary>
        private sealed class EntryLines : IStepLines
        {
            private readonly EntryChecker _checker;
            private readonly int[] _entries;

            public EntryLines(EntryChecker checker, int[] entries, bool branchAware)
            {
                _checker = checker;
                _entries = entries;
                BranchAware = branchAware;
            }

            public bool BranchAware { get; }

            public double Up(int line, double step) =>
                _checker._grid.Up(_entries[line], _checker._grid.Step(_entries[line], step));

            public double Down(int line, double step) =>
                _checker._grid.Down(_entries[line], _checker._grid.Step(_entries[line], step));

            /// <summary>Up and Down are the realised sides themselves: their asymmetry is accounted for.</summary>
            public double Wobble(int line) => 0;

            public (double[] Plus, double[] Minus, bool[] Crossed) Costs(int[] lines, double step)
            {
                var (costs, crossed) = _checker.Evaluate(Pick(_entries, lines), new[] { step, -step });
                var changed = new bool[lines.Length];
                for (int n = 0; n < lines.Length; n++) changed[n] = crossed != null && (crossed[0][n] || crossed[1][n]);
                return (costs[0], costs[1], changed);
            }
        }

        /// <summary>
        /// Costs at θ + δᵢ·eᵢ for every entry and δ, counted and validated: δᵢ is entry i's step for δ, on the grid.
        /// </summary>
        /// <param name="optional">
        /// Larger looks that the verdict can do without (100·h for suspects, 10·h … 10⁴·h): a cost that is not finite
        /// there (a sigmoid saturated to 1 in float32, log 0) only rules that look out, rather than the whole check.
        /// </param>
        private (double[][] Costs, bool[][] Crossed) Evaluate(int[] entries, double[] deltas, bool optional = false)
        {
            var evaluated = PerturbedCosts.Evaluate(_objective, _theta, entries, deltas, _grid,
                _options.DegreeOfParallelism, _cancel, _progress);
            _evaluations += (long)deltas.Length * entries.Length;
            if (optional) return evaluated;
            for (int j = 0; j < entries.Length; j++)
                for (int s = 0; s < deltas.Length; s++)
                    Validation.PerturbedCost(evaluated.Costs[s][j], _layout, entries[j], deltas[s]);
            return evaluated;
        }

        /// <summary>
        /// ±h for every entry, the course's centred differences. Judged against rounding alone, most entries of a
        /// right gradient pass already, and a larger σ (with truncation) could only pass them too. σ_J is at least
        /// one rounding of J, so measuring it can only widen tolerances: when everything passes on that floor
        /// already, the measurement could change nothing and is skipped.
        /// </summary>
        private EntryTable First(int[] entries, double[] analytic, (double[][] Costs, bool[][] Crossed) near)
        {
            var table = new EntryTable(_layout.Count, entries, analytic)
            {
                BranchAware = near.Crossed != null, RoughNoise = _grid.Single,
            };
            for (int j = 0; j < entries.Length; j++)
            {
                int i = entries[j];
                table.CostPlus[i] = near.Costs[0][j];
                table.CostMinus[i] = near.Costs[1][j];
                table.CrossedNear[i] = near.Crossed != null && (near.Crossed[0][j] || near.Crossed[1][j]);
                table.Plateau[i] = near.Costs[0][j] == _start.Cost && near.Costs[1][j] == _start.Cost
                    && analytic[i] != 0;
            }
            JudgeOnRounding(table, near.Costs);
            if (!table.BranchAware) MarkSidesDisagree(table);
            if (_options.AlwaysMeasureTruncation || AnySuspect(table))
            {
                _start.MeasureNoise(_h, _cancel, quiet: () => QuietDirection(table));
                JudgeOnRounding(table, near.Costs);
            }
            return table;
        }

        /// <summary>
        /// Every checked entry judged against its centred difference with rounding alone: σᵢ = σ_J / h.
        /// </summary>
        /// <remarks>
        /// Numerical keeps the course's (J₊ − J₋)/2h; the entry is judged against the same difference over the step
        /// actually realised in θ, (θ + h) − (θ − h), which differs from 2h wherever h is not a whole number of
        /// θ's ulps (for θ = 1e8 and h = 1e-7, by 4%).
        /// </remarks>
        private void JudgeOnRounding(EntryTable table, double[][] costs)
        {
            for (int j = 0; j < table.Checked.Length; j++)
            {
                int i = table.Checked[j];
                double step = _grid.Realised(i, Step(i));
                double reference = FiniteDifference.Centred(costs[0][j], costs[1][j], step);
                double largest = Math.Max(Math.Abs(_start.Cost),
                    Math.Max(Math.Abs(costs[0][j]), Math.Abs(costs[1][j])));
                double up = _grid.Up(i, Step(i)), down = _grid.Down(i, Step(i));
                double sigma = EntryEstimator.NoiseFloor(_start.Noise, largest) / step + EntryEstimator.Displacement(
                    (costs[0][j] - _start.Cost) / up, (_start.Cost - costs[1][j]) / down, up, down);
                var estimate = new EntryEstimate
                {
                    Reference = reference,
                    Sigma = Math.Max(sigma, Tolerances.AbsoluteFloor),
                    Method = EstimateMethod.Centred,
                };
                // The course's Numerical divides by its 2h; on the float32 grid the points moved by the realised step.
                double numerical = FiniteDifference.Centred(costs[0][j], costs[1][j], _grid.Single ? step : Step(i));
                table.Set(i, numerical, estimate, step);
            }
        }

        /// <summary>
        /// Where the objective cannot tell its branches: entries whose one-sided slopes at h disagree beyond what
        /// a smooth J's h·|J″| and rounding allow. The centred difference of a kink right at θ is the mean of the
        /// two slopes and may match a g that is neither; for a smooth J this flags little beyond stationary points,
        /// which the smaller steps then settle at once.
        /// </summary>
        private void MarkSidesDisagree(EntryTable t)
        {
            double cost = _start.Cost;
            foreach (int i in t.Checked)
            {
                double up = _grid.Up(i, Step(i)), down = _grid.Down(i, Step(i));
                double forward = (t.CostPlus[i] - cost) / up, backward = (cost - t.CostMinus[i]) / down;
                double largest = Math.Max(Math.Abs(cost), Math.Max(Math.Abs(t.CostPlus[i]), Math.Abs(t.CostMinus[i])));
                double rounding = StepSequence.KinkRoundingFactor
                    * EntryEstimator.NoiseFloor(_start.Noise, largest) / up;
                t.SidesDisagree[i] = Math.Abs(forward - backward)
                    > Tolerances.KinkRelativeGap * Math.Max(Math.Abs(forward), Math.Abs(backward)) + rounding;
            }
        }

        /// <summary>
        /// For an objective that cannot tell its branches, a second direction for the noise lines: along the few
        /// entries whose ±h moved J most while their one-sided slopes agreed. Through every parameter at once, a
        /// layer with many units next to their kinks (or inputs large against their weights) makes every line cross
        /// some kink, and ECnoise reads the kinks as noise orders of magnitude above it. Null when no entry
        /// qualifies.
        /// </summary>
        private double[] QuietDirection(EntryTable table)
        {
            var agreeing = Indices.Where(table.Checked, i => !table.SidesDisagree[i]);
            var quiet = Ranking.Top(agreeing, i => Math.Abs(table.CostPlus[i] - table.CostMinus[i]),
                CostNoise.QuietAxes);
            if (quiet.Length == 0 || table.CostPlus[quiet[0]] == table.CostMinus[quiet[0]]) return null;
            var signs = CostNoise.Direction(_layout.Count);
            var direction = new double[_layout.Count];
            foreach (int i in quiet) direction[i] = signs[i];
            return direction;
        }

        /// <summary>Whether any entry lies beyond SuspicionThreshold·σ or any block fails its rms test.</summary>
        private bool AnySuspect(EntryTable table) =>
            Indices.Any(table.Checked, i => table.Score(i) > Tolerances.SuspicionThreshold)
                || Verdict.JudgeBlocks(_layout, table).Any(b => !b.Passed);

        /// <summary>
        /// ±2h where truncation could change the verdict, and each such entry's estimate from its five costs.
        /// </summary>
        private void Widen(EntryTable table, int[] entries, (double[][] Costs, bool[][] Crossed) near)
        {
            int[] far = _options.AlwaysMeasureTruncation ? entries : NeedingTruncation(table, near.Crossed);
            var wide = Evaluate(far, new[] { 2 * _h, -2 * _h });
            int[] slot = new int[_layout.Count];
            for (int j = 0; j < entries.Length; j++) slot[entries[j]] = j;
            for (int k = 0; k < far.Length; k++)
            {
                int i = far[k], j = slot[i];
                var points = Points(i, Step(i), near.Costs[0][j], near.Costs[1][j], wide.Costs[0][k],
                    wide.Costs[1][k]);
                var crossing = near.Crossed == null || wide.Crossed == null ? (BranchCrossing?)null
                    : new BranchCrossing
                    {
                        Plus1 = near.Crossed[0][j], Minus1 = near.Crossed[1][j],
                        Plus2 = wide.Crossed[0][k], Minus2 = wide.Crossed[1][k],
                    };
                var estimate = EntryEstimator.Estimate(points, Step(i), _start.Noise, table.Analytic[i], crossing);
                table.Set(i, table.Numerical[i], estimate, _grid.Realised(i, Step(i)));
            }
        }

        /// <summary>
        /// Entries whose verdict could change once truncation is measured: those outside their rounding-only
        /// tolerance, those whose one-sided slopes disagree, those whose ±h changed an activation branch, and every
        /// entry of a block that fails its rounding-only rms test. Ascending.
        /// </summary>
        private int[] NeedingTruncation(EntryTable table, bool[][] crossed)
        {
            var needed = new bool[_layout.Count];
            for (int j = 0; j < table.Checked.Length; j++)
            {
                int i = table.Checked[j];
                if (table.Score(i) > Tolerances.EntrySafetyFactor || table.SidesDisagree[i]
                    || crossed != null && (crossed[0][j] || crossed[1][j])) needed[i] = true;
            }
            var judged = Verdict.JudgeBlocks(_layout, table);
            for (int k = 0; k < judged.Length; k++)
            {
                if (judged[k].Passed) continue;
                var block = _layout.Blocks[k];
                foreach (int i in table.Checked)
                    if (i >= block.Offset && i < block.Offset + block.Count) needed[i] = true;
            }
            return Indices.Where(table.Checked, i => needed[i]);
        }

        /// <summary>
        /// Entries the first step cannot decide, for <see cref="StepSequence"/>: every unjudged one; and, where the
        /// objective cannot say which steps cross a kink, every failing one (a kink or curvature within reach of h
        /// fails a right gradient too), every one judged by the kink heuristic or whose one-sided slopes disagree,
        /// and every one whose tolerance is wide with truncation (its truncation exceeds its rounding and its
        /// tolerance DecisiveFraction of |g|). A plateau (J the same at θ and θ ± h) is no kink: smaller steps
        /// cannot move the cost either, and it goes to the larger steps instead.
        /// </summary>
        private static int[] Undecided(EntryTable t) => Indices.Where(t.Checked, i => !t.Judged(i)
            || !t.BranchAware && !t.Plateau[i] && (t.Kink[i] || t.SidesDisagree[i]
                || t.Score(i) > Tolerances.EntrySafetyFactor || WideWithTruncation(t, i)));

        private static bool WideWithTruncation(EntryTable t, int i)
        {
            double truncation = t.Truncation[i], rounding = t.Sigma[i] - truncation;
            double size = Math.Max(Math.Abs(t.Analytic[i]), Math.Abs(t.Reference[i]));
            return truncation > rounding
                && Tolerances.EntrySafetyFactor * t.Sigma[i] > StepSequence.DecisiveFraction * size;
        }

        /// <summary>
        /// Each entry's estimate from J at θ ± step and θ ± 2·step (with the branches, where known), and whether its
        /// one-sided slopes show a kink within the step: for a smooth J, F − B = s·J″ doubles from step to 2·step,
        /// while a kink within the step keeps it at the slope jump.
        /// </summary>
        private (EntryEstimate Estimate, bool Kinked)[] FivePointEstimates(EntryTable table, int[] entries, double step)
        {
            var (costs, crossed) = Evaluate(entries, new[] { step, -step, 2 * step, -2 * step }, optional: true);
            var estimates = new (EntryEstimate, bool)[entries.Length];
            for (int k = 0; k < entries.Length; k++)
            {
                int i = entries[k];
                double own = _grid.Step(i, step);
                var points = Points(i, own, costs[0][k], costs[1][k], costs[2][k], costs[3][k]);
                var crossing = crossed == null ? (BranchCrossing?)null
                    : new BranchCrossing
                    {
                        Plus1 = crossed[0][k], Minus1 = crossed[1][k], Plus2 = crossed[2][k], Minus2 = crossed[3][k],
                    };
                var estimate = EntryEstimator.Estimate(points, own, _start.Noise, table.Analytic[i], crossing);
                estimates[k] = Finite(points) ? (estimate, crossed == null && SidesKinked(points, own)) : Unusable;
            }
            return estimates;
        }

        /// <summary>A larger look that met a cost that is not finite: no estimate, and never trusted.</summary>
        private static readonly (EntryEstimate, bool) Unusable = (new EntryEstimate
        {
            Reference = double.NaN, Sigma = double.PositiveInfinity, Kink = true, Method = EstimateMethod.Unjudged,
        }, true);

        private static bool Finite(FivePoints p) =>
            !double.IsNaN(p.Largest) && !double.IsInfinity(p.Largest);

        /// <summary>
        /// The five costs along entry i at ±step and ±2·step, with the distances θᵢ ± step really lie at.
        /// </summary>
        private FivePoints Points(int i, double step, double plus1, double minus1, double plus2, double minus2) =>
            new FivePoints
            {
                Plus1 = plus1, Minus1 = minus1, Centre = _start.Cost, Plus2 = plus2, Minus2 = minus2,
                StepPlus1 = _grid.Up(i, step), StepMinus1 = _grid.Down(i, step),
                StepPlus2 = _grid.Up(i, 2 * step), StepMinus2 = _grid.Down(i, 2 * step),
            };

        private bool SidesKinked(FivePoints p, double step)
        {
            double near = Math.Abs((p.Plus1 - p.Centre) - (p.Centre - p.Minus1)) / step;
            double far = Math.Abs((p.Plus2 - p.Centre) - (p.Centre - p.Minus2)) / (2 * step);
            double rounding = StepSequence.KinkRoundingFactor
                * EntryEstimator.NoiseFloor(_start.Noise, p.Largest) / step;
            return near > rounding && far < Tolerances.SmoothGrowth * near;
        }

        /// <summary>
        /// A second, better-conditioned look at every suspect: an entry within its tolerance but more than
        /// <see cref="Tolerances.SuspicionThreshold"/> σ off. At H = RefinementStepFactor·h the rounding error
        /// σ_J/H is a hundred times smaller, so a mismatch of a few rounding units at h, invisible there,
        /// stands out at H if it is real. An entry that fails at H takes H's estimate; one that passes keeps h's.
        /// Without branch information a failure at H counts only where H looks smooth: a kink within 2H would
        /// otherwise be taken for a bug that the small steps had already ruled out.
        /// </summary>
        private void Refine(EntryTable table)
        {
            int[] suspects = Indices.Where(table.Checked, i => table.Judged(i)
                && table.Score(i) > Tolerances.SuspicionThreshold
                && table.Score(i) <= Tolerances.EntrySafetyFactor);
            if (suspects.Length == 0) return;
            double wide = Tolerances.RefinementStepFactor * _h;
            var estimates = FivePointEstimates(table, suspects, wide);
            for (int k = 0; k < suspects.Length; k++)
            {
                int i = suspects[k];
                var (refined, kinked) = estimates[k];
                bool trusted = table.BranchAware || !refined.Kink && !kinked;
                if (trusted
                    && Math.Abs(table.Analytic[i] - refined.Reference) > Tolerances.EntrySafetyFactor * refined.Sigma)
                    table.Set(i, table.Numerical[i], refined, _grid.Realised(i, _grid.Step(i, wide)));
            }
        }

        /// <summary>
        /// Entries too small for their tolerance at h (rounding σ_J / h exceeds |g| and the reference), looked at
        /// with steps CoarserStepFactor times larger, up to CoarserLevels times, where rounding weighs less: a
        /// float32 cost, whose rounding is 2⁻²³·|J|, resolves nothing at the course's 1e-7. Each step with no kink in
        /// reach that gives a smaller σ judges the entry; the search goes on while rounding still dominates σ
        /// (see Sharpening), and a kink ends it. An entry on a plateau (J the same at θ and θ ± h, though g is not 0)
        /// takes the first larger step at which J moves; if J never moves, the plateau's failure stands. Loose
        /// entries, which pass only on a tolerance wider than DecisiveFraction of their scale (see Loose), go too.
        /// </summary>
        private void Coarsen(EntryTable table)
        {
            double[] blockScale = _grid.Single ? null : BlockScales(table);
            int[] open = Indices.Where(table.Checked, i => table.Judged(i) && !table.Kink[i]
                && (Verdict.IsUnresolved(table, i) || table.Plateau[i]
                    || Loose(table, i, LooseScale(table, i, blockScale))));
            for (int level = 1; level <= Tolerances.CoarserLevels && open.Length > 0; level++)
            {
                double wide = _h * Math.Pow(Tolerances.CoarserStepFactor, level);
                var estimates = FivePointEstimates(table, open, wide);
                var still = new List<int>();
                for (int k = 0; k < open.Length; k++)
                    if (TakeCoarser(table, open[k], estimates[k].Estimate, estimates[k].Kinked, wide))
                        still.Add(open[k]);
                open = still.ToArray();
            }
        }

        /// <summary>
        /// Judges entry i by its estimate at the coarser step <paramref name="wide"/> where that sharpens it (see
        /// Coarsen); whether a still coarser step could sharpen it more. In single precision, an estimate that
        /// contradicts the entry's current one beyond both their errors shows that one of the two σ was too small: a
        /// float32 cost that cancels (log(1 − a) for a sigmoid near 1) rounds in steps far above 2⁻²³·|J| that only
        /// the longer step spans, or the longer step's truncation outgrew its estimate. Which one cannot be told, so
        /// the entry takes the coarser estimate with at least the gap as its σ.
        /// </summary>
        private bool TakeCoarser(EntryTable table, int i, EntryEstimate estimate, bool kinked, double wide)
        {
            if (estimate.Kink || kinked || estimate.Method != EstimateMethod.Centred) return false;
            bool moved = estimate.Reference != 0 || estimate.Truncation != 0;
            if (table.Plateau[i] && !moved) return true;
            double gap = Math.Abs(estimate.Reference - table.Reference[i]);
            bool contradicts = _grid.Single && !table.Plateau[i] && gap > estimate.Sigma + table.Sigma[i];
            if (contradicts) estimate.Sigma = Math.Max(estimate.Sigma, gap);
            if (estimate.Sigma < table.Sigma[i] || table.Plateau[i] || contradicts)
                table.Set(i, table.Numerical[i], estimate, _grid.Realised(i, _grid.Step(i, wide)));
            table.Plateau[i] = false;
            return Sharpening(table, i, estimate);
        }

        /// <summary>
        /// An entry that passes on a tolerance rounding dominates and that is not yet within DecisiveFraction of
        /// <paramref name="scale"/>: rounding can hide a bug of a few percent in it at the first step, as the coarser
        /// steps would not.
        /// </summary>
        private static bool Loose(EntryTable table, int i, double scale)
        {
            double tolerance = Tolerances.EntrySafetyFactor * table.Sigma[i];
            return Math.Abs(table.Analytic[i] - table.Reference[i]) <= tolerance
                && table.Truncation[i] < table.Sigma[i] - table.Truncation[i]
                && tolerance > StepSequence.DecisiveFraction * scale;
        }

        /// <summary>
        /// What a loose tolerance is measured against. In single precision the entry's own |g|: float32 rounding is
        /// coarse against most entries, and the coarser steps are what resolves them. In double precision the
        /// largest |g| or reference of the entry's block: only a cost whose rounding dwarfs a whole block (J = 10⁷ + L,
        /// or a block whose share of J lies below J's last bit, down to a block left out as zeros) needs them, and
        /// the small entries of an ordinary block do not.
        /// </summary>
        private double LooseScale(EntryTable table, int i, double[] blockScale) => _grid.Single
            ? Math.Max(Math.Abs(table.Analytic[i]), Math.Abs(table.Reference[i]))
            : blockScale[_layout.BlockIndexOf(i)];

        /// <summary>Per block, the largest |g| or reference among its judged entries (0 for none).</summary>
        private double[] BlockScales(EntryTable table)
        {
            var scale = new double[_layout.Blocks.Count];
            foreach (int i in table.Checked)
            {
                if (!table.Judged(i)) continue;
                int b = _layout.BlockIndexOf(i);
                scale[b] = Math.Max(scale[b], Math.Max(Math.Abs(table.Analytic[i]), Math.Abs(table.Reference[i])));
            }
            return scale;
        }

        /// <summary>
        /// Whether a larger step could still sharpen the entry's verdict: rounding, not truncation, dominates its σ,
        /// it does not fail, and its tolerance is not yet within DecisiveFraction of |g|.
        /// </summary>
        private static bool Sharpening(EntryTable table, int i, EntryEstimate estimate)
        {
            double size = Math.Max(Math.Abs(table.Analytic[i]), Math.Abs(estimate.Reference));
            double tolerance = Tolerances.EntrySafetyFactor * estimate.Sigma;
            bool failing = Math.Abs(table.Analytic[i] - estimate.Reference) > tolerance;
            return !failing && estimate.Truncation < estimate.Sigma - estimate.Truncation
                && tolerance > StepSequence.DecisiveFraction * size;
        }

        private GradientCheckResult Result(EntryTable table, int[] entries, int? seed)
        {
            var blocks = Verdict.JudgeBlocks(_layout, table);
            var result = ResultBuilder.Start(CheckMode.Entries, _options, _start, _layout, table.Analytic);
            result.Difference = Verdict.RelativeDifference(table, 0, entries.Length);
            result.CheckedCount = entries.Length;
            result.SampledEntries = seed.HasValue ? entries : null;
            result.Seed = seed;
            result.Numerical = table.Numerical;
            result.Blocks = blocks;
            result.Worst = Verdict.Worst(_layout, table, _options.Top);
            foreach (var b in blocks)
            {
                result.FailedCount += b.FailedCount;
                result.KinkCount += b.KinkCount;
                result.InconclusiveCount += b.InconclusiveCount;
            }
            result.UnresolvedCount = Verdict.Unresolved(table);
            result.FailedBlocks = Verdict.FailedBlocks(blocks).ToArray();
            result.NumericalError = RootMeanSquare(table.Sigma, entries);
            return ResultBuilder.Finish(result, _options, _start, _evaluations, Verdict.Overall(table, blocks),
                Verdict.Message);
        }

        /// <summary>
        /// √(mean σ²) over the entries, an infinite σ counted as 0; 0 for none. Summed in order, as LINQ's Average.
        /// </summary>
        private static double RootMeanSquare(double[] sigma, int[] entries)
        {
            if (entries.Length == 0) return 0;
            double sum = 0;
            foreach (int i in entries) sum += double.IsPositiveInfinity(sigma[i]) ? 0 : sigma[i] * sigma[i];
            return Math.Sqrt(sum / entries.Length);
        }
    }
}
