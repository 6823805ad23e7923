using System;

namespace GradCheck
{
    /// <summary>How an entry's numerical derivative was formed.</summary>
    public enum EstimateMethod
    {
        /// <summary>(J(θ+h) − J(θ−h)) / 2h.</summary>
        Centred,

        /// <summary>(J(θ+h) − J(θ)) / h: a kink lies on the minus side.</summary>
        Forward,

        /// <summary>(J(θ) − J(θ−h)) / h: a kink lies on the plus side.</summary>
        Backward,

        /// <summary>Kinks on both sides within the step: no finite difference is a derivative here.</summary>
        Unjudged,
    }

    /// <summary>The costs around θ along one entry or direction.</summary>
    internal struct FivePoints
    {
        public double Minus2, Minus1, Centre, Plus1, Plus2;

        public double Largest => Math.Max(Math.Max(Math.Abs(Minus2), Math.Abs(Minus1)), Math.Max(Math.Abs(Centre), Math.Max(Math.Abs(Plus1), Math.Abs(Plus2))));
    }

    /// <summary>Which of θ+h, θ−h, θ+2h, θ−2h changed an activation's branch (known for the built-in network).</summary>
    internal struct BranchCrossing
    {
        public bool Plus1, Minus1, Plus2, Minus2;

        public bool Any => Plus1 || Minus1 || Plus2 || Minus2;
    }

    /// <summary>A numerical derivative and its own error σ.</summary>
    internal struct EntryEstimate
    {
        public double Reference;
        public double Sigma;
        public EstimateMethod Method;
        public bool Kink;
    }

    /// <summary>
    /// Forms each entry's numerical derivative and its error estimate from five costs (see
    /// <see cref="Tolerances"/>). Near a kink of ReLU or LeakyReLU the centred difference straddles two
    /// branches and is no derivative at all; then the one-sided difference on the smooth side is used:
    /// <code>
    ///   F(h) = (J(θ+h) − J(θ)) / h,  B(h) = (J(θ) − J(θ−h)) / h     truncation h·|J″|/2, estimated by |F(h) − F(2h)|
    ///   rounding of a one-sided difference: √2·σ_J / h, rounded up to 2σ_J / h
    /// </code>
    /// For the network the side is known exactly from the activation branches. For a scriptblock a kink
    /// shows as centred estimates at h and 2h that disagree far beyond any smooth function's truncation;
    /// the analytic value then passes if it matches either one-sided derivative.
    /// </summary>
    internal static class EntryEstimator
    {
        public static EntryEstimate Estimate(FivePoints p, double h, double costNoise, double analytic, BranchCrossing? crossing)
        {
            double noise = NoiseFloor(costNoise, p.Largest);
            double centred = FiniteDifference.Centred(p.Plus1, p.Minus1, h);
            double five = FiniteDifference.FivePointStencil(p.Plus1, p.Minus1, p.Plus2, p.Minus2, h);
            var smooth = new EntryEstimate
            {
                Reference = centred,
                Sigma = Math.Max(Math.Abs(centred - five) + noise / h, Tolerances.AbsoluteFloor),
                Method = EstimateMethod.Centred,
            };
            if (crossing.HasValue) return FromBranches(p, h, noise, smooth, crossing.Value);
            if (!LooksKinked(p, h, noise, centred)) return smooth;
            var forward = OneSided(p.Centre, p.Plus1, p.Plus2, h, noise, EstimateMethod.Forward);
            var backward = OneSided(p.Centre, p.Minus1, p.Minus2, h, noise, EstimateMethod.Backward);
            return Math.Abs(analytic - forward.Reference) / forward.Sigma <= Math.Abs(analytic - backward.Reference) / backward.Sigma ? forward : backward;
        }

        /// <summary>σ_J: the measured noise, but never below RoundingFactor·u·|J|.</summary>
        public static double NoiseFloor(double costNoise, double largestCost)
        {
            double floor = Tolerances.RoundingFactor * Tolerances.MachineEpsilon * largestCost;
            return double.IsNaN(costNoise) ? floor : Math.Max(costNoise, floor);
        }

        /// <summary>
        /// Centred estimates at h and 2h differ by h²|J‴|/2 for a smooth J, far below a thousandth of the
        /// derivative at the steps used here, and by a sizeable fraction of the slope jump across a kink.
        /// </summary>
        private static bool LooksKinked(FivePoints p, double h, double noise, double centred)
        {
            double centred2 = FiniteDifference.Centred(p.Plus2, p.Minus2, 2 * h);
            double gap = Math.Abs(centred - centred2);
            return gap > Tolerances.KinkRelativeGap * Math.Max(Math.Abs(centred), Math.Abs(centred2)) + Tolerances.KinkNoiseFactor * noise / h;
        }

        private static EntryEstimate FromBranches(FivePoints p, double h, double noise, EntryEstimate smooth, BranchCrossing c)
        {
            if (!c.Any) return smooth;
            if (!c.Plus1 && !c.Minus1)
            {
                // Only the 2h points cross: the centred difference at h is sound, but its truncation cannot be measured.
                smooth.Sigma = Math.Max(noise / h, Tolerances.AbsoluteFloor);
                smooth.Kink = true;
                return smooth;
            }
            if (c.Plus1 && !c.Minus1 && !c.Minus2) return OneSided(p.Centre, p.Minus1, p.Minus2, h, noise, EstimateMethod.Backward);
            if (c.Minus1 && !c.Plus1 && !c.Plus2) return OneSided(p.Centre, p.Plus1, p.Plus2, h, noise, EstimateMethod.Forward);
            return new EntryEstimate { Reference = smooth.Reference, Sigma = double.PositiveInfinity, Method = EstimateMethod.Unjudged, Kink = true };
        }

        /// <summary>F(h) (or B(h)) with its truncation |F(h) − F(2h)| and rounding 2σ_J/h.</summary>
        private static EntryEstimate OneSided(double centre, double near, double far, double h, double noise, EstimateMethod method)
        {
            double sign = method == EstimateMethod.Forward ? 1 : -1;
            double d1 = sign * (near - centre) / h;
            double d2 = sign * (far - centre) / (2 * h);
            return new EntryEstimate
            {
                Reference = d1,
                Sigma = Math.Max(Math.Abs(d1 - d2) + 2 * noise / h, Tolerances.AbsoluteFloor),
                Method = method,
                Kink = true,
            };
        }
    }
}
