using System;
using System.Diagnostics;
using System.Threading;

namespace GradCheck
{
    /// <summary>
    /// What a check knows once it has started: J(θ), the clock, how many costs it has evaluated, and the
    /// cost's noise σ_J, which is measured (ECnoise on three lines through θ, 24 costs) only when asked for.
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

        /// <summary>Measures σ_J on the first call: the smallest conclusive estimate of the three lines.</summary>
        public double MeasureNoise(CancellationToken cancel)
        {
            if (NoiseMeasured) return Noise;
            var (direction, scale) = CostNoise.Line(_theta);
            var samples = new double[CostNoise.Points];
            var point = new double[_theta.Length];
            int middle = CostNoise.Points / 2;
            double noise = double.NaN;
            foreach (double relative in CostNoise.RelativeSpacings)
            {
                double spacing = relative * scale;
                for (int k = 0; k < CostNoise.Points; k++)
                {
                    cancel.ThrowIfCancellationRequested();
                    if (k == middle) { samples[k] = Cost; continue; }
                    for (int i = 0; i < _theta.Length; i++) point[i] = _theta[i] + (k - middle) * spacing * direction[i];
                    samples[k] = Validation.Cost(() => _objective.Cost(point), "CostPointNoise");
                    Evaluations++;
                }
                double estimate = CostNoise.FromSamples(samples);
                if (estimate > 0 && !(estimate >= noise)) noise = estimate;
            }
            NoiseMeasured = true;
            Noise = noise;
            return noise;
        }
    }
}
