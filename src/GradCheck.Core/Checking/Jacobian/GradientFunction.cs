using System.Linq;

namespace GradCheck
{
    /// <summary>
    /// A Hessian objective as the vector function θ ↦ ∇J(θ), whose Jacobian is H: column j is H·eⱼ (or the user's
    /// whole H), and Backward(θ, u) = H·u, the vector-Jacobian product uᵀH of a symmetric H (symmetry is checked on
    /// its own). A Hessian check is the Jacobian check of this.
    /// </summary>
    internal class GradientFunction : IVectorFunction, IJacobianMatrix
    {
        /// <summary>Prefixed to each block's name for the gradient's blocks: "∇θ ← θ".</summary>
        public const string GradientPrefix = "∇";

        private readonly IHessianObjective _objective;

        protected GradientFunction(IHessianObjective objective)
        {
            _objective = objective;
            InputLayout = objective.Layout;
            OutputLayout = ParameterLayout.Create(objective.Layout.Blocks.Select(b =>
                new System.Collections.Generic.KeyValuePair<string, int[]>(GradientPrefix + b.Name, b.Shape)));
        }

        public static GradientFunction For(IHessianObjective objective) =>
            objective is IThreadSafeObjective ? new ThreadSafeGradientFunction(objective)
                : new GradientFunction(objective);

        public ParameterLayout InputLayout { get; }

        public ParameterLayout OutputLayout { get; }

        /// <summary>
        /// ∇J(θ), checked as a gradient: a NaN in it is GradientNotFinite, named as the gradient's entry.
        /// </summary>
        public double[] Evaluate(double[] x) =>
            Validation.Gradient(InputLayout, Validation.Guard(() => _objective.Gradient(x)));

        /// <summary>H·u, checked as the Hessian-vector product it is rather than as a backward pass.</summary>
        public double[] Backward(double[] x, double[] upstream) =>
            Validation.Backward(InputLayout, _objective.HessianVector(x, upstream), "u", "HessianVectorNotFinite");

        public double[,] Jacobian(double[] x)
        {
            if (_objective is IHessianMatrix matrix) return Validation.Hessian(InputLayout, matrix.Hessian(x));
            int p = InputLayout.Count;
            var hessian = new double[p, p];
            for (int j = 0; j < p; j++)
            {
                var column = Validation.Backward(InputLayout, _objective.HessianVector(x, AnalyticJacobian.Unit(p, j)),
                    InputLayout.EntryName(j), "HessianVectorNotFinite");
                for (int i = 0; i < p; i++) hessian[i, j] = column[i];
            }
            return hessian;
        }
    }
}
