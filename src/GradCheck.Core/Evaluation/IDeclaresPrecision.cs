namespace GradCheck
{
    /// <summary>
    /// Optional capability of an objective or vector function: the precision it computes in. A check whose options
    /// leave <see cref="CheckOptions.Precision"/> unset checks in this precision.
    /// </summary>
    public interface IDeclaresPrecision
    {
        Precision Precision { get; }
    }
}
