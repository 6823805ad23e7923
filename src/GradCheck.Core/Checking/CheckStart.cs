using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// What a check knows once it has started: J(θ), the clock, how many costs it has evaluated, and the
    /// cost's noise σ_J, which is measured (ECnoise on three lines through θ at spacings h, h/10 and h/100, 24 costs)
    /// only when asked for.
    /// </summary>
    internal sealed class CheckStart
    {
        private readonly IGradientObjective _objective;
        private readonly double[] _theta;
        private double _floor = double.NaN;

        public CheckStart(IGradientObjective objective, double[] theta, double cost, Stopwatch clock, StepGrid grid)
        {
            _objective = objective;
            _theta = theta;
            Cost = cost;
            Clock = clock;
            Grid = grid;
            Evaluations = 1;
            Noise = double.NaN;
            if (grid.Single) FloorAtSingle(Math.Abs(cost));
        }

        /// <summary>Where the check's points lie: the precision's grid and each entry's step.</summary>
        public StepGrid Grid { get; }

        public double Cost { get; }

        public Stopwatch Clock { get; }

        public long Evaluations { get; set; }

        /// <summary>
        /// σ_J once measured; NaN before (and when ECnoise is inconclusive), which callers floor at u·|J|.
        /// </summary>
        public double Noise { get; private set; }

        public bool NoiseMeasured { get; private set; }

        /// <summary>The precision J's values show; Single once every cost seen is a float32 number.</summary>
        public Precision Precision { get; private set; }

        /// <summary>
        /// Every value of a float32 computation is a float32 number, while a double one lands on one with
        /// probability 2⁻²⁹: when J(θ) and all <paramref name="costs"/> are, and either at least
        /// <see cref="Tolerances.SinglePrecisionEvidence"/> distinct values were seen or J(θ) itself carries at least
        /// <see cref="Tolerances.SinglePrecisionBits"/> significant bits (a cost that never moved at ±h, a float32
        /// plateau), J is single precision, and σ_J is never taken below one of its roundings, 2⁻²³·max|J|.
        /// </summary>
        public void DetectPrecision(double[][] costs)
        {
            // A double check of double costs, nearly every check, stops at the first cost that is no float32 number,
            // and at the first that uses nearly all of a double's bits.
            if (Grid.Single || AllSingle(costs)) FloorAtSingle(Largest(costs));
            else FloorAtLattice(costs);
        }

        private double Largest(double[][] costs)
        {
            double largest = Math.Abs(Cost);
            foreach (var row in costs)
                foreach (double c in row) largest = Math.Max(largest, Math.Abs(c));
            return largest;
        }

        /// <summary>
        /// σ_J never below the spacing of a lattice that J(θ) and every cost lie on, where that spacing is at least
        /// <see cref="Tolerances.LatticeRoundings"/> roundings of the largest |J| and the costs take at least
        /// <see cref="Tolerances.SinglePrecisionEvidence"/> distinct values. J = (B + L) − B with B ≫ L is a
        /// multiple of B's spacing however small L is, and ECnoise on short lines sees such a J flat or in a few
        /// steps, far below its real rounding: the entries would be judged against u·|J| and fail.
        /// </summary>
        private void FloorAtLattice(double[][] costs)
        {
            double spacing = Lattice(costs, Tolerances.LatticeRoundings * Tolerances.MachineEpsilon * Largest(costs));
            if (spacing == 0 || Distinct(costs) < Tolerances.SinglePrecisionEvidence) return;
            Floor(spacing);
        }

        /// <summary>
        /// The lowest set bit over J(θ) and the costs, the spacing of the binary lattice they all lie on; 0 as soon as
        /// one falls below <paramref name="coarsest"/> (a double computed in full, nearly every cost, at the first).
        /// </summary>
        private double Lattice(double[][] costs, double coarsest)
        {
            double spacing = LowestBit(Cost);
            foreach (var row in costs)
                foreach (double c in row)
                {
                    spacing = Math.Min(spacing, LowestBit(c));
                    if (spacing < coarsest) return 0;
                }
            return spacing < coarsest || double.IsPositiveInfinity(spacing) ? 0 : spacing;
        }

        /// <summary>How many distinct values J(θ) and the costs take.</summary>
        private int Distinct(double[][] costs)
        {
            var distinct = new HashSet<double> { Cost };
            foreach (var row in costs)
                foreach (double c in row) distinct.Add(c);
            return distinct.Count;
        }

        /// <summary>
        /// The value of the lowest set bit of |<paramref name="value"/>|: infinity for 0 (it lies on every lattice),
        /// 0 for a subnormal or a value that is not finite.
        /// </summary>
        private static double LowestBit(double value)
        {
            if (value == 0) return double.PositiveInfinity;
            long bits = BitConverter.DoubleToInt64Bits(value);
            int exponent = (int)((bits >> 52) & 0x7FF);
            if (exponent == 0 || exponent == 0x7FF) return 0;
            long significand = (bits & 0xFFFFFFFFFFFFFL) | (1L << 52);
            int trailing = 0;
            while ((significand & 1) == 0) { significand >>= 1; trailing++; }
            return Math.Pow(2, exponent - 1075 + trailing);
        }

        private bool AllSingle(double[][] costs)
        {
            // Whether every value is a float32 first: a double cost fails at its first value, and so never builds
            // the set (generic code over double, compiled afresh in every new shell).
            if ((double)(float)Cost != Cost) return false;
            foreach (var row in costs)
                foreach (double c in row)
                    if ((double)(float)c != c) return false;
            return Distinct(costs) >= Tolerances.SinglePrecisionEvidence
                || SignificantBits(Cost) >= Tolerances.SinglePrecisionBits;
        }

        /// <summary>Precision Single, and σ_J never below one float32 spacing of the largest |J| seen.</summary>
        private void FloorAtSingle(double largest)
        {
            Precision = Precision.Single;
            Floor(Tolerances.SingleEpsilon * largest);
        }

        /// <summary>σ_J, measured or not, never below <paramref name="value"/> from now on.</summary>
        private void Floor(double value)
        {
            _floor = double.IsNaN(_floor) ? value : Math.Max(_floor, value);
            Noise = double.IsNaN(Noise) ? _floor : Math.Max(Noise, _floor);
        }

        /// <summary>How many bits of the 53-bit significand of <paramref name="value"/> are in use.</summary>
        private static int SignificantBits(double value)
        {
            long bits = BitConverter.DoubleToInt64Bits(value) & 0xFFFFFFFFFFFFFL;
            if (value == 0) return 0;
            int trailing = 0;
            while (trailing < 52 && (bits & 1) == 0) { bits >>= 1; trailing++; }
            return 53 - trailing;
        }

        /// <summary>Measures σ_J on the first call: see the comment in it for which line counts.</summary>
        /// <param name="shorterLines">Whether to try shorter lines while every line crosses a kink.</param>
        /// <param name="quiet">
        /// For an objective without branch information, a second direction to measure along when every line through
        /// all parameters crossed a kink: the smaller estimate of the two is kept. Null keeps to the one direction.
        /// (A noise far above rounding on clean lines is real: cancellation in J reads the same along any line
        /// through all parameters, but a line along few of them can miss it.)
        /// </param>
        public double MeasureNoise(double step, CancellationToken cancel, bool shorterLines = true,
            Func<double[]> quiet = null)
        {
            if (NoiseMeasured) return Noise;
            var branches = _objective as IBranchAwareCost;
            double noise = Estimate(CostNoise.Direction(_theta.Length), step, cancel, shorterLines, out bool clean);
            var direction = quiet != null && branches == null && !clean ? quiet() : null;
            if (direction != null)
            {
                double along = Estimate(direction, step, cancel, shorterLines, out _);
                if (!(along >= noise)) noise = along;
            }
            Noise = double.IsNaN(_floor) ? noise : double.IsNaN(noise) ? _floor : Math.Max(noise, _floor);
            NoiseMeasured = true;
            return Noise;
        }

        /// <summary>
        /// σ_J from the lines along <paramref name="direction"/>; whether any of them crossed no kink.
        /// </summary>
        private double Estimate(double[] direction, double step, CancellationToken cancel, bool shorterLines,
            out bool anyClean)
        {
            var samples = new double[CostNoise.Points];
            var point = new double[_theta.Length];
            var branches = _objective as IBranchAwareCost;
            // The clean lines' estimates; an array, not a List<double>: generic code over double that no
            // precompiled image holds. At most one a line.
            var clean = new double[Math.Max(CostNoise.MaxLines, CostNoise.RelativeSpacings.Length)];
            int cleanCount = 0;
            double smallest = double.NaN, bound = double.PositiveInfinity;
            for (int line = 0; ; line++)
            {
                // The three standard lines; past them, only while every line so far crossed a kink, shorter
                // ones, so that a cost with a kink right next to θ still gets a clean line.
                bool standard = line < CostNoise.RelativeSpacings.Length;
                if (!standard && (!shorterLines || cleanCount > 0 || line >= CostNoise.MaxLines)) break;
                double relative = standard ? CostNoise.RelativeSpacings[line] : Math.Pow(10, -line);
                double spacing = Grid.Exact(relative * step);
                var (estimate, crossed) = Line(direction, samples, point, branches, spacing, cancel);
                double upper = CostNoise.UpperBound(samples);
                if (!(upper >= bound)) bound = upper;
                if (double.IsNaN(estimate)) continue;
                if (!(estimate >= smallest)) smallest = estimate;
                if (!crossed) clean[cleanCount++] = estimate;
            }
            anyClean = cleanCount > 0;
            double noise = Choose(clean, cleanCount, smallest, branches != null);
            // Without the objective's word on its branches, no line's differences may fall below the noise chosen;
            // a noise far above rounding is put to shorter lines too, where curvature at θ's own scale fades.
            if (branches == null && noise > CostNoise.Inflation * Grid.Unit * Math.Abs(Cost))
                bound = Math.Min(bound, ShorterBound(direction, samples, point, step, cancel));
            if (branches == null && bound < noise) noise = bound;
            return noise;
        }

        /// <summary>
        /// A line that crosses a kink reads it as noise, and a line far shorter than h can leave rounded
        /// intermediates unchanged and read too little. So the largest estimate of a line that crosses no kink
        /// (by the objective's word, or by the shape of its differences) is right; failing one, the smallest.
        /// Without the objective's word, an estimate more than SpacingSpread times the smallest also read what J does
        /// at that spacing (a kink or curvature at θ's own scale grows with the spacing; noise does not), and is passed
        /// over.
        /// </summary>
        private static double Choose(double[] clean, int count, double smallest, bool branchAware)
        {
            double chosen = double.NaN;
            for (int k = 0; k < count; k++)
            {
                double estimate = clean[k];
                if ((branchAware || estimate <= CostNoise.SpacingSpread * smallest) && !(estimate <= chosen))
                    chosen = estimate;
            }
            return double.IsNaN(chosen) ? smallest : chosen;
        }

        /// <summary>The smallest <see cref="CostNoise.UpperBound"/> of lines 10³ to 10⁶ times shorter than h.</summary>
        private double ShorterBound(double[] direction, double[] samples, double[] point, double step,
            CancellationToken cancel)
        {
            double bound = double.PositiveInfinity;
            for (int line = CostNoise.RelativeSpacings.Length; line <= CostNoise.ShortestLine; line++)
            {
                Line(direction, samples, point, null, Grid.Exact(Math.Pow(10, -line) * step), cancel);
                double upper = CostNoise.UpperBound(samples);
                if (upper < bound) bound = upper;
            }
            return bound;
        }

        /// <summary>ECnoise on one line at <paramref name="spacing"/>, and whether the line crossed a kink.</summary>
        private (double Estimate, bool Crossed) Line(double[] direction, double[] samples, double[] point,
            IBranchAwareCost branches, double spacing, CancellationToken cancel)
        {
            int middle = CostNoise.Points / 2;
            bool crossed = false;
            for (int k = 0; k < CostNoise.Points; k++)
            {
                cancel.ThrowIfCancellationRequested();
                if (k == middle) { samples[k] = Cost; continue; }
                for (int i = 0; i < _theta.Length; i++)
                    point[i] = Grid.Point(_theta[i] + (k - middle) * spacing * direction[i]);
                bool changed = false;
                try
                {
                    samples[k] = branches != null
                        ? Validation.Cost(() => branches.Cost(_theta, point, out changed), "CostPointNoise")
                        : Validation.Cost(() => _objective.Cost(point), "CostPointNoise");
                }
                catch (GradCheckException e) when (e.ErrorId == ErrorIds.CostNotFinite)
                {
                    Evaluations++;
                    return OutsideDomain(samples);
                }
                crossed |= changed;
                Evaluations++;
            }
            return (CostNoise.FromSamples(samples), crossed || CostNoise.HasJump(samples));
        }

        /// <summary>
        /// A noise line that left J's domain (−log θ at 2e-7: the line spans ±4 spacings, the check only ±2h) tells
        /// nothing, and is passed over as a kinked line is, rather than stopping a check whose own points are fine.
        /// </summary>
        private static (double Estimate, bool Crossed) OutsideDomain(double[] samples)
        {
            for (int k = 0; k < samples.Length; k++) samples[k] = double.NaN;
            return (double.NaN, true);
        }
    }
}
