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

        /// <summary>The realised distances of the four points from θ; 0 means the nominal h or 2h.</summary>
        public double StepPlus1, StepMinus1, StepPlus2, StepMinus2;

        internal double Step(double realised, double nominal) => realised > 0 ? realised : nominal;

        public double Largest => Math.Max(Math.Max(Math.Abs(Minus2), Math.Abs(Minus1)),
            Math.Max(Math.Abs(Centre), Math.Max(Math.Abs(Plus1), Math.Abs(Plus2))));
    }

    /// <summary>
    /// Which of θ+h, θ−h, θ+2h, θ−2h changed an activation's branch (known for the built-in network).
    /// </summary>
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

        /// <summary>The part of <see cref="Sigma"/> that is truncation (0 where it was not measured).</summary>
        public double Truncation;
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
    /// the entry is then judged on the side whose own estimates at h and 2h agree (the side without the
    /// kink), on either side when both do (a kink right at θ), and not at all when neither does.
    /// </summary>
    internal static class EntryEstimator
    {
        public static EntryEstimate Estimate(FivePoints p, double nominal, double costNoise, double analytic,
            BranchCrossing? crossing)
        {
            double noise = NoiseFloor(costNoise, p.Largest);
            double sp1 = p.Step(p.StepPlus1, nominal), sm1 = p.Step(p.StepMinus1, nominal);
            double sp2 = p.Step(p.StepPlus2, 2 * nominal), sm2 = p.Step(p.StepMinus2, 2 * nominal);
            double h = (sp1 + sm1) / 2, h2 = (sp2 + sm2) / 2;
            double centred = FiniteDifference.Centred(p.Plus1, p.Minus1, h);
            double centred2 = FiniteDifference.Centred(p.Plus2, p.Minus2, h2);
            // Equally spaced points (almost always): Math.NET's 5-point weights; else Richardson on the realised steps.
            double five = sp1 == sm1 && sp2 == sm2 && h2 == 2 * h
                ? FiniteDifference.FivePointStencil(p.Plus1, p.Minus1, p.Plus2, p.Minus2, h)
                : FiniteDifference.Richardson(centred, h, centred2, h2);
            double forwardSlope = (p.Plus1 - p.Centre) / sp1, backwardSlope = (p.Centre - p.Minus1) / sm1;
            double asymmetry = Displacement(forwardSlope, backwardSlope, sp1, sm1);
            var smooth = new EntryEstimate
            {
                Reference = centred,
                Sigma = Math.Max(Math.Abs(centred - five) + noise / h + asymmetry, Tolerances.AbsoluteFloor),
                Truncation = Math.Abs(centred - five),
                Method = EstimateMethod.Centred,
            };
            if (crossing.HasValue) return FromBranches(p, sp1, sm1, sp2, sm2, noise, smooth, crossing.Value);
            // A kink shows either as centred estimates at h and 2h that disagree, or, when it sits right at θ
            // (|θ| at 0, whose centred differences are both 0), as one-sided slopes that do.
            if (!Disagree(centred, centred2, h, noise) && !Disagree(forwardSlope, backwardSlope, h, 2 * noise))
                return smooth;
            // A side is usable only if its own differences at h and 2h agree, that is if the kink lies not on it.
            // When both are (a kink right at θ), either one-sided derivative is a fair answer.
            var forward = OneSided(p.Centre, p.Plus1, sp1, p.Plus2, sp2, noise, EstimateMethod.Forward);
            var backward = OneSided(p.Centre, p.Minus1, sm1, p.Minus2, sm2, noise, EstimateMethod.Backward);
            bool forwardClean = !Disagree(forward.Near, forward.Far, h, noise),
                backwardClean = !Disagree(backward.Near, backward.Far, h, noise);
            if (forwardClean && backwardClean)
                return Math.Abs(analytic - forward.Estimate.Reference) / forward.Estimate.Sigma
                    <= Math.Abs(analytic - backward.Estimate.Reference) / backward.Estimate.Sigma
                    ? forward.Estimate : backward.Estimate;
            if (forwardClean) return forward.Estimate;
            if (backwardClean) return backward.Estimate;
            return new EntryEstimate
            {
                Reference = centred, Sigma = double.PositiveInfinity, Method = EstimateMethod.Unjudged, Kink = true,
            };
        }

        /// <summary>
        /// How far the centred difference is from the slope at θ because its points are not where they should be,
        /// J″ times the distance: over sides s₊ ≠ s₋ (θ ± h rounded onto θ's grid, most of all where θ is a power of
        /// two and the two sides lie in binades of different spacing) it is the slope at θ + (s₊ − s₋)/2; along a
        /// random direction each entry of θ ± h·v may be off by up to <paramref name="wobble"/>. With
        /// J″ ≈ 2|F − B| / (s₊ + s₋), F and B the one-sided slopes, that is |F − B|·(|s₊ − s₋| + 2·wobble) / (s₊ + s₋).
        /// Negligible beside rounding unless J itself is about 0, as at a minimum: (θ − 1)² at θ = 1 would fail its
        /// g = 0 by 1e-16.
        /// </summary>
        public static double Displacement(double forwardSlope, double backwardSlope, double up, double down,
            double wobble = 0)
        {
            double off = Math.Abs(up - down) + 2 * wobble;
            return off == 0 ? 0 : Math.Abs(forwardSlope - backwardSlope) * off / (up + down);
        }

        /// <summary>σ_J: the measured noise, but never below RoundingFactor·u·|J|.</summary>
        public static double NoiseFloor(double costNoise, double largestCost)
        {
            double floor = Tolerances.RoundingFactor * Tolerances.MachineEpsilon * largestCost;
            return double.IsNaN(costNoise) ? floor : Math.Max(costNoise, floor);
        }

        /// <summary>
        /// Whether two estimates of one derivative, at steps h and 2h, disagree beyond what a smooth J allows:
        /// they differ by O(h²) (centred) or O(h) (one-sided), far below a thousandth of the derivative at the
        /// steps used here, but by a sizeable fraction of the slope jump when a kink lies between the points.
        /// </summary>
        private static bool Disagree(double atStep, double atDoubleStep, double h, double noise) =>
            Math.Abs(atStep - atDoubleStep)
                > Tolerances.KinkRelativeGap * Math.Max(Math.Abs(atStep), Math.Abs(atDoubleStep))
                + Tolerances.KinkNoiseFactor * noise / h;

        private static EntryEstimate FromBranches(FivePoints p, double sp1, double sm1, double sp2, double sm2,
            double noise, EntryEstimate smooth, BranchCrossing c)
        {
            double h = (sp1 + sm1) / 2;
            if (!c.Any) return smooth;
            if (!c.Plus1 && !c.Minus1)
            {
                // Only the 2h points cross: the centred difference at h is sound, but its truncation cannot be
                // measured.
                smooth.Sigma = Math.Max(noise / h, Tolerances.AbsoluteFloor);
                smooth.Kink = true;
                return smooth;
            }
            if (c.Plus1 && !c.Minus1 && !c.Minus2)
                return OneSided(p.Centre, p.Minus1, sm1, p.Minus2, sm2, noise, EstimateMethod.Backward).Estimate;
            if (c.Minus1 && !c.Plus1 && !c.Plus2)
                return OneSided(p.Centre, p.Plus1, sp1, p.Plus2, sp2, noise, EstimateMethod.Forward).Estimate;
            return new EntryEstimate
            {
                Reference = smooth.Reference,
                Sigma = double.PositiveInfinity,
                Method = EstimateMethod.Unjudged,
                Kink = true,
            };
        }

        /// <summary>
        /// F(h) (or B(h)) with its truncation |F(h) − F(2h)| and rounding 2σ_J/h; also F(h) and F(2h) themselves.
        /// </summary>
        private static (EntryEstimate Estimate, double Near, double Far) OneSided(double centre, double near, double h,
            double far, double h2, double noise, EstimateMethod method)
        {
            double sign = method == EstimateMethod.Forward ? 1 : -1;
            double d1 = sign * (near - centre) / h;
            double d2 = sign * (far - centre) / h2;
            var estimate = new EntryEstimate
            {
                Reference = d1,
                Sigma = Math.Max(Math.Abs(d1 - d2) + 2 * noise / h, Tolerances.AbsoluteFloor),
                Truncation = Math.Abs(d1 - d2),
                Method = method,
                Kink = true,
            };
            return (estimate, d1, d2);
        }
    }
}
