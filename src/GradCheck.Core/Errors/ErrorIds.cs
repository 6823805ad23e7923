namespace GradCheck
{
    /// <summary>
    /// Every ErrorId GradCheck raises. They are part of the public contract: scripts match on them,
    /// the help lists them and a Pester test asserts each one. Never rename one.
    /// </summary>
    public static class ErrorIds
    {
        // Parameters (θ).
        public const string ParameterEmpty = "ParameterEmpty";
        public const string ParameterNotNumeric = "ParameterNotNumeric";
        public const string ParameterNotFinite = "ParameterNotFinite";
        public const string ParameterNotRectangular = "ParameterNotRectangular";
        public const string ParameterDuplicateName = "ParameterDuplicateName";

        // The cost function.
        public const string CostThrew = "CostThrew";
        public const string CostReturnedNothing = "CostReturnedNothing";
        public const string CostReturnedMany = "CostReturnedMany";
        public const string CostNotNumber = "CostNotNumber";
        public const string CostNotFinite = "CostNotFinite";

        // The gradient.
        public const string GradientThrew = "GradientThrew";
        public const string GradientReturnedNothing = "GradientReturnedNothing";
        public const string GradientNotNumeric = "GradientNotNumeric";
        public const string GradientNotScriptBlock = "GradientNotScriptBlock";
        public const string GradientNotFinite = "GradientNotFinite";
        public const string GradientMissingKey = "GradientMissingKey";
        public const string GradientExtraKey = "GradientExtraKey";
        public const string GradientShapeMismatch = "GradientShapeMismatch";
        public const string GradientLengthMismatch = "GradientLengthMismatch";

        // Options.
        public const string EpsilonInvalid = "EpsilonInvalid";
        public const string EpsilonTooSmall = "EpsilonTooSmall";
        public const string ThresholdInvalid = "ThresholdInvalid";
        public const string TopInvalid = "TopInvalid";
        public const string SampleInvalid = "SampleInvalid";
        public const string ModeConflict = "ModeConflict";
        public const string NondeterministicToleranceInvalid = "NondeterministicToleranceInvalid";

        // A vector function (Test-Jacobian) and its backward pass.
        public const string FunctionThrew = "FunctionThrew";
        public const string FunctionReturnedNothing = "FunctionReturnedNothing";
        public const string FunctionNotNumeric = "FunctionNotNumeric";
        public const string FunctionNotFinite = "FunctionNotFinite";
        public const string OutputShapeChanged = "OutputShapeChanged";
        public const string OutputGradientShapeMismatch = "OutputGradientShapeMismatch";
        public const string OutputGradientNotFinite = "OutputGradientNotFinite";
        public const string BackwardThrew = "BackwardThrew";
        public const string BackwardReturnedNothing = "BackwardReturnedNothing";
        public const string BackwardNotFinite = "BackwardNotFinite";
        public const string BackwardLengthMismatch = "BackwardLengthMismatch";
        public const string JacobianShapeMismatch = "JacobianShapeMismatch";

        // A Hessian (Test-Hessian).
        public const string HessianNotSquare = "HessianNotSquare";
        public const string HessianSizeMismatch = "HessianSizeMismatch";

        // Networks.
        public const string LayerSizeInvalid = "LayerSizeInvalid";
        public const string ActivationUnknown = "ActivationUnknown";
        public const string ActivationCountMismatch = "ActivationCountMismatch";
        public const string LossUnknown = "LossUnknown";
        public const string LossNeedsSigmoid = "LossNeedsSigmoid";
        public const string InputNotFinite = "InputNotFinite";
        public const string ExampleCountInvalid = "ExampleCountInvalid";
        public const string InputShapeMismatch = "InputShapeMismatch";
        public const string LabelShapeMismatch = "LabelShapeMismatch";
        public const string LabelOutOfRange = "LabelOutOfRange";
        public const string NetworkParameterMissing = "NetworkParameterMissing";
        public const string NetworkParameterExtra = "NetworkParameterExtra";
        public const string NetworkParameterShapeMismatch = "NetworkParameterShapeMismatch";
        public const string FaultUnknownBlock = "FaultUnknownBlock";
        public const string FaultNotFinite = "FaultNotFinite";
        public const string PresetUnknown = "PresetUnknown";

        // Parameter vectors.
        public const string VectorLayoutMismatch = "VectorLayoutMismatch";

        #region Reports (Export-GradientReport)

        /// <summary>The report file exists and -Force was not given.</summary>
        public const string ReportExists = "ReportExists";

        /// <summary>Something other than a check's result was piped to Export-GradientReport.</summary>
        public const string ReportInputInvalid = "ReportInputInvalid";

        /// <summary>No result reached Export-GradientReport, so there is nothing to report.</summary>
        public const string ReportNoResults = "ReportNoResults";

        /// <summary>-Path is not a file-system file path (another provider, a folder, or an unknown drive).</summary>
        public const string ReportPathInvalid = "ReportPathInvalid";

        /// <summary>The folder the report should go into does not exist.</summary>
        public const string ReportFolderNotFound = "ReportFolderNotFound";

        /// <summary>Writing the file failed (access denied, disk full, …).</summary>
        public const string ReportWriteFailed = "ReportWriteFailed";

        #endregion

        #region Regularisation, dropout and softmax (New-GradCheckNetwork)

        /// <summary>-L2 (λ) is negative, NaN or infinite.</summary>
        public const string L2Invalid = "L2Invalid";

        /// <summary>-KeepProbability lies outside (0, 1].</summary>
        public const string KeepProbabilityInvalid = "KeepProbabilityInvalid";

        /// <summary>Softmax is the activation of a layer other than the output.</summary>
        public const string SoftmaxNotOutput = "SoftmaxNotOutput";

        /// <summary>CategoricalCrossEntropy with an output activation other than Softmax.</summary>
        public const string LossNeedsSoftmax = "LossNeedsSoftmax";

        /// <summary>
        /// A CategoricalCrossEntropy label outside [0, 1], or a column of labels that does not sum to 1.
        /// </summary>
        public const string LabelNotOneHot = "LabelNotOneHot";

        #endregion
    }
}
