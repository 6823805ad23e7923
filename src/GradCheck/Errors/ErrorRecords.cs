using System;
using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>The one place where Core's errors become PowerShell ErrorRecords.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(GradCheckException e) =>
            new ErrorRecord(e, e.ErrorId, CategoryOf(e.Kind), e.Target);

        public static ErrorRecord Create(string errorId, GradCheckErrorKind kind, object target, string message) =>
            From(new GradCheckException(errorId, kind, target, message));

        private static ErrorCategory CategoryOf(GradCheckErrorKind kind)
        {
            switch (kind)
            {
                case GradCheckErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case GradCheckErrorKind.InvalidData: return ErrorCategory.InvalidData;
                case GradCheckErrorKind.InvalidResult: return ErrorCategory.InvalidResult;
                case GradCheckErrorKind.OperationStopped: return ErrorCategory.OperationStopped;
                case GradCheckErrorKind.InvalidOperation: return ErrorCategory.InvalidOperation;
                default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "No ErrorCategory for this kind.");
            }
        }
    }
}
