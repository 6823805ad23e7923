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

        public double[,] Hessian(double[] theta) =>
            MatrixReader.Read(Call(_hessian, ErrorIds.BackwardThrew, "-Hessian", theta), ErrorIds.HessianNotSquare,
                "-Hessian");

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
