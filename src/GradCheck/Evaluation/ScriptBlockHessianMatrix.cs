using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>
    /// A scriptblock Hessian objective whose user gives the whole H (-Hessian, a P × P [double[,]]); H·v is then
    /// computed from it.
    /// </summary>
    internal sealed class ScriptBlockHessianMatrix : ScriptBlockHessianObjective, IHessianMatrix
    {
        private readonly ScriptBlock _hessian;

        public ScriptBlockHessianMatrix(ScriptBlock gradient, ScriptBlock hessian, ParameterInput input)
            : base(gradient, null, input)
        {
            _hessian = hessian;
        }

        public double[,] Hessian(double[] theta)
        {
            var value = Numbers.Unwrap(Call(_hessian, ErrorIds.BackwardThrew, "-Hessian", theta));
            if (value is double[,] matrix) return matrix;
            if (value == null)
                throw new GradCheckException(ErrorIds.HessianSizeMismatch, GradCheckErrorKind.InvalidResult, "-Hessian",
                    Text.Format("HessianSizeMismatch", Layout.Count, "null"));
            var block = ParameterReader.ReadBlock(value, Subject.Named("-Hessian"), ParameterReader.Role.Gradient);
            return MatrixReader.FromBlock(block, ErrorIds.HessianNotSquare, "-Hessian");
        }

        public override double[] HessianVector(double[] theta, double[] vector)
        {
            var h = Validation.Hessian(Layout, Hessian(theta));
            var hv = new double[vector.Length];
            for (int i = 0; i < hv.Length; i++)
                for (int j = 0; j < vector.Length; j++) hv[i] += h[i, j] * vector[j];
            return hv;
        }
    }
}
