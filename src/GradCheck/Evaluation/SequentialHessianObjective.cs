namespace GradCheck.Commands
{
    /// <summary>
    /// A Hessian objective written in PowerShell: called on the pipeline thread only, whatever it declares. Its
    /// whole H, if it has one, is passed on by <see cref="SequentialHessianMatrix"/> (see <see cref="For"/>).
    /// </summary>
    internal class SequentialHessianObjective : IHessianObjective
    {
        protected SequentialHessianObjective(IHessianObjective inner) => Inner = inner;

        public static IHessianObjective For(IHessianObjective inner) =>
            inner is IHessianMatrix ? new SequentialHessianMatrix(inner) : new SequentialHessianObjective(inner);

        protected IHessianObjective Inner { get; }

        public ParameterLayout Layout => Inner.Layout;

        public double[] Gradient(double[] theta) => Inner.Gradient(theta);

        public double[] HessianVector(double[] theta, double[] vector) => Inner.HessianVector(theta, vector);
    }
}
