namespace GradCheck
{
    /// <summary>
    /// An objective that never writes into the θ it is given, and keeps its own copy of whatever it holds on to. The
    /// checker gives it θ itself instead of a defensive copy: for a network of a million parameters each copy is
    /// 8 MB written, a tenth of a directional check.
    /// </summary>
    internal interface ILeavesArgumentIntact
    {
    }
}
