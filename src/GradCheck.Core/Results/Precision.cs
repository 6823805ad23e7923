namespace GradCheck
{
    /// <summary>The floating-point precision a cost is computed in.</summary>
    public enum Precision
    {
        /// <summary>float64: one rounding is 2⁻⁵²·|J|.</summary>
        Double,

        /// <summary>float32: one rounding is 2⁻²⁴·|J|, and θ ± ε must move θ by whole float32 steps.</summary>
        Single,
    }
}
