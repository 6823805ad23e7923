namespace GradCheck.Commands
{
    /// <summary>A block read from PowerShell as a matrix: rank 2, rows and columns as given.</summary>
    internal static class MatrixReader
    {
        /// <summary>
        /// What a -Jacobian or -Hessian block returned, as a matrix: a [double[,]] as it is, any other rank-2 value
        /// (jagged rows, say) read row-major; nothing, or another rank, is <paramref name="errorId"/>.
        /// </summary>
        public static double[,] Read(object value, string errorId, string what)
        {
            value = Numbers.Unwrap(value);
            if (value is double[,] matrix) return matrix;
            if (value == null)
                throw new GradCheckException(errorId, GradCheckErrorKind.InvalidResult, what,
                    CommandText.Format("NotAMatrix", what, "()"));
            var block =
                ParameterReader.ReadBlock(value, Subject.Named(what.TrimStart('-')), ParameterReader.Role.Gradient);
            // One number is the 1 × 1 matrix of a one-parameter θ, as a one-entry gradient may be one number.
            if (block.Shape.Length == 0) return new[,] { { block.Data[0] } };
            return FromBlock(block, errorId, what);
        }

        /// <param name="errorId">The ErrorId of a value that is not a matrix (JacobianShapeMismatch, say).</param>
        /// <param name="what">The parameter that returned it, for the message: "-Jacobian".</param>
        public static double[,] FromBlock(Block block, string errorId, string what)
        {
            var shape = block.Shape;
            if (shape.Length != 2)
                throw new GradCheckException(errorId, GradCheckErrorKind.InvalidResult, what,
                    CommandText.Format("NotAMatrix", what, ShapeText.Format(shape)));
            var matrix = new double[shape[0], shape[1]];
            for (int i = 0; i < shape[0]; i++)
                for (int j = 0; j < shape[1]; j++) matrix[i, j] = block.Data[i * shape[1] + j];
            return matrix;
        }
    }
}
