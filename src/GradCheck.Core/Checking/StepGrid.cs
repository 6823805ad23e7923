using System;

namespace GradCheck
{
    /// <summary>
    /// Where a finite difference's points really lie, in the precision the cost is computed in. In double, θᵢ + δ
    /// is rounded once into a double, as numpy's thetaplus[i] += epsilon is. In single, every point is rounded to
    /// the float32 grid before the cost sees it (float32 code would round it there anyway), so the step a
    /// difference divides by is the distance between float32 numbers; and, unless ε was given, entry i steps by
    /// ε·max(1, |θᵢ|), as a cost that varies on θ's own scale wants.
    /// </summary>
    internal sealed class StepGrid
    {
        private readonly double[] _theta;
        private readonly double[] _scale;
        private readonly bool _single;

        private StepGrid(double[] theta, double[] scale, bool single)
        {
            _theta = theta;
            _scale = scale;
            _single = single;
        }

        /// <summary>
        /// The grid of a check in <paramref name="precision"/> at <paramref name="theta"/>; when
        /// <paramref name="scaled"/>, single-precision entries scale their step by max(1, |θᵢ|).
        /// </summary>
        public static StepGrid For(Precision precision, double[] theta, bool scaled)
        {
            switch (precision)
            {
                case Precision.Double: return new StepGrid(theta, null, false);
                case Precision.Single: return new StepGrid(theta, scaled ? Scales(theta) : null, true);
                default: throw new ArgumentOutOfRangeException(nameof(precision), precision, "No step grid.");
            }
        }

        /// <summary>
        /// The grid of a check with <paramref name="options"/>: entries scale their step in single precision when ε
        /// was left to the default and entries (not directions) are checked.
        /// </summary>
        public static StepGrid For(CheckOptions options, double[] theta) =>
            For(options.Precision ?? Precision.Double, theta,
                !options.EpsilonGiven && GradientChecker.ModeOf(options) == CheckMode.Entries);

        /// <summary>
        /// Entry i's magnitude, max(1, |θᵢ|): a float32 θᵢ is resolved to 2⁻²³·|θᵢ|, so a step relative to it
        /// resolves every entry alike, and 1 keeps entries near 0 from stepping by nothing.
        /// </summary>
        private static double[] Scales(double[] theta)
        {
            var scale = new double[theta.Length];
            for (int i = 0; i < theta.Length; i++) scale[i] = Math.Max(1, Math.Abs(theta[i]));
            return scale;
        }

        /// <summary>The precision's spacing at 1: the floor of σ_J / |J|.</summary>
        public double Unit => _single ? Tolerances.SingleEpsilon : Tolerances.MachineEpsilon;

        /// <summary>The spacing at 1 of <paramref name="precision"/> (see <see cref="Unit"/>).</summary>
        public static double UnitOf(Precision precision) => For(precision, new double[0], false).Unit;

        public bool Single => _single;

        /// <summary>
        /// The spacing of a noise line (see <see cref="Steps.Exact"/>): in single precision, a power of two at least
        /// four float32 spacings of the largest |θᵢ|, so that the line's points are float32 numbers too.
        /// </summary>
        public double Exact(double spacing)
        {
            if (!_single) return Steps.Exact(_theta, spacing);
            double largest = 0;
            foreach (double t in _theta) largest = Math.Max(largest, Math.Abs(t));
            double wanted = Math.Max(spacing, 4 * Tolerances.SingleEpsilon * largest);
            return Math.Pow(2, Math.Ceiling(Math.Log(wanted, 2)));
        }

        /// <summary>A step that θᵢ resolves into some hundred of the precision's spacings, worth suggesting.</summary>
        public double Smallest(double theta) => Unit * Math.Max(Math.Abs(theta), 1) * 1e2;

        /// <summary>Entry i's step for the check's step <paramref name="h"/>.</summary>
        public double Step(int i, double h) => _scale == null ? h : h * _scale[i];

        /// <summary>A coordinate as the cost computes with it.</summary>
        public double Point(double value) => _single ? (float)value : value;

        /// <summary>Entry i's move for the check's step <paramref name="h"/>: its own step, on the grid.</summary>
        public double Moved(int i, double h) => Move(i, Step(i, h));

        /// <summary>
        /// Whether every θᵢ ± h moves θᵢ (<see cref="Resolves"/> for each i), when that can be told without visiting
        /// each: in double precision with one step for all, h ≥ max|θᵢ|·2⁻⁵² ≥ ulp(θᵢ) for every i, and a step of at
        /// least an ulp moves a double up and down (rounding is monotone). False means only "visit each".
        /// </summary>
        public bool ResolvesEverywhere(double h)
        {
            if (_single || _scale != null || !(h > 0)) return false;
            double largest = 0;
            foreach (double t in _theta) largest = Math.Max(largest, Math.Abs(t));
            return h >= largest * Tolerances.MachineEpsilon;
        }

        /// <summary>Whether θᵢ ± s both move θᵢ on the grid, so that a difference at s measures something.</summary>
        public bool Resolves(int i, double s) => Up(i, s) > 0 && Down(i, s) > 0;

        /// <summary>The move of entry i that lands θᵢ + <paramref name="delta"/> on the grid.</summary>
        public double Move(int i, double delta) => _single ? Point(_theta[i] + delta) - _theta[i] : delta;

        /// <summary>How far above θᵢ the point θᵢ + s lies.</summary>
        public double Up(int i, double s) => Point(_theta[i] + s) - _theta[i];

        /// <summary>How far below θᵢ the point θᵢ − s lies.</summary>
        public double Down(int i, double s) => _theta[i] - Point(_theta[i] - s);

        /// <summary>The half-width of the centred difference along entry i at step s, as realised.</summary>
        public double Realised(int i, double s) =>
            _single ? (Up(i, s) + Down(i, s)) / 2 : Steps.Realised(_theta[i], s);
    }
}
