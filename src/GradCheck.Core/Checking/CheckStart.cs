using System;
using System.Diagnostics;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// What a check knows once it has started: J(θ), the clock, how many costs it has evaluated, and the
    /// cost's noise σ_J, which is measured (ECnoise on three lines through θ at spacings h, h/10 and h/100, 24 costs) only when asked for.
    /// </summary>
    internal sealed class CheckStart
    {
        private readonly IGradientObjective _objective;
        private readonly double[] _theta;

        public CheckStart(IGradientObjective objective, double[] theta, double cost, Stopwatch clock)
        {
            _objective = objective;
            _theta = theta;
            Cost = cost;
            Clock = clock;
            Evaluations = 1;
            Noise = double.NaN;
        }

        public double Cost { get; }

        public Stopwatch Clock { get; }

        public long Evaluations { get; set; }

        /// <summary>σ_J once measured; NaN before (and when ECnoise is inconclusive), which callers floor at u·|J|.</summary>
        public double Noise { get; private set; }

        public bool NoiseMeasured { get; private set; }

        /// <summary>Measures σ_J on the first call: see the comment in it for which line counts.</summary>
        /// <param name="shorterLines">Whether to try shorter lines while every line crosses a kink (entry checks); a
        /// directional check judges along lines through every parameter at once and keeps to the standard three.</param>
        public double MeasureNoise(double step, CancellationToken cancel, bool shorterLines = true)
        {
            if (NoiseMeasured) return Noise;
            var direction = CostNoise.Direction(_theta.Length);
            var samples = new double[CostNoise.Points];
            var point = new double[_theta.Length];
            int middle = CostNoise.Points / 2;
            var branches = _objective as IBranchAwareCost;
            double smallest = double.NaN, largestClean = double.NaN;
            for (int line = 0; ; line++)
            {
                // The three standard lines; past them, only while every line so far crossed a kink, shorter
                // ones, so that a network with a pre-activation right at its kink still gets a clean line.
                bool standard = line < CostNoise.RelativeSpacings.Length;
                if (!standard && (!shorterLines || branches == null || !double.IsNaN(largestClean) || line >= CostNoise.MaxLines)) break;
                double relative = standard ? CostNoise.RelativeSpacings[line] : Math.Pow(10, -line);
                double spacing = Steps.Exact(_theta, relative * step);
                bool crossed = false;
                for (int k = 0; k < CostNoise.Points; k++)
                {
                    cancel.ThrowIfCancellationRequested();
                    if (k == middle) { samples[k] = Cost; continue; }
                    for (int i = 0; i < _theta.Length; i++) point[i] = _theta[i] + (k - middle) * spacing * direction[i];
                    bool changed = false;
                    samples[k] = branches != null
                        ? Validation.Cost(() => branches.Cost(_theta, point, out changed), "CostPointNoise")
                        : Validation.Cost(() => _objective.Cost(point), "CostPointNoise");
                    crossed |= changed;
                    Evaluations++;
                }
                double estimate = CostNoise.FromSamples(samples);
                if (double.IsNaN(estimate)) continue;
                if (!(estimate >= smallest)) smallest = estimate;
                if (branches != null && !crossed && !(estimate <= largestClean)) largestClean = estimate;
            }
            // A line that crosses a kink reads it as noise, and a line far shorter than h can leave rounded
            // intermediates unchanged and read too little. Where the objective says which lines cross a kink,
            // the largest estimate of a line that does not is right; otherwise the smallest is the safe choice.
            Noise = double.IsNaN(largestClean) ? smallest : largestClean;
            NoiseMeasured = true;
            return Noise;
        }
    }
}
