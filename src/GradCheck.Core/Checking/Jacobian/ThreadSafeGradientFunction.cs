namespace GradCheck
{
    /// <summary>The <see cref="GradientFunction"/> of a thread-safe Hessian objective.</summary>
    internal sealed class ThreadSafeGradientFunction : GradientFunction, IThreadSafeObjective
    {
        public ThreadSafeGradientFunction(IHessianObjective objective) : base(objective)
        {
        }
    }
}
