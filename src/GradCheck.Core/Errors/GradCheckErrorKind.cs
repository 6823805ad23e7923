namespace GradCheck
{
    /// <summary>What kind of mistake an error reports; the cmdlets map it onto PowerShell's ErrorCategory.</summary>
    public enum GradCheckErrorKind
    {
        InvalidArgument,
        InvalidData,
        InvalidResult,
        InvalidOperation,
        OperationStopped,
    }
}
