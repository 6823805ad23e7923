using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>
    /// A scriptblock vector function whose user gives the whole analytic Jacobian (-Jacobian, a [double[,]] with rows
    /// as outputs and columns as inputs) instead of a backward pass; Backward(x, u) is then uᵀJ(x).
    /// </summary>
    internal sealed class ScriptBlockJacobianFunction : ScriptBlockVectorFunction, IJacobianMatrix
    {
        private readonly ScriptBlock _jacobian;

        public ScriptBlockJacobianFunction(ScriptBlock function, ScriptBlock jacobian, ParameterInput input)
            : base(function, null, input)
        {
            _jacobian = jacobian;
        }

        public double[,] Jacobian(double[] x) =>
            MatrixReader.Read(CallWith(_jacobian, ErrorIds.BackwardThrew, "-Jacobian", x),
                ErrorIds.JacobianShapeMismatch, "-Jacobian");

        public override double[] Backward(double[] x, double[] upstream)
        {
            var j = Validation.Jacobian(this, Jacobian(x));
            var vjp = new double[InputLayout.Count];
            for (int i = 0; i < upstream.Length; i++)
                for (int k = 0; k < vjp.Length; k++) vjp[k] += upstream[i] * j[i, k];
            return vjp;
        }
    }
}
