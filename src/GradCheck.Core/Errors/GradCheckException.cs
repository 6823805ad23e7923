using System;

namespace GradCheck
{
    /// <summary>
    /// The one exception Core throws for bad input. It carries a stable <see cref="ErrorId"/>, a kind and
    /// the culprit, so the cmdlets can turn it into an ErrorRecord without guessing.
    /// </summary>
    public sealed class GradCheckException : Exception
    {
        public GradCheckException(string errorId, GradCheckErrorKind kind, object target, string message,
            Exception inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
        }

        /// <summary>A stable identifier from <see cref="ErrorIds"/>.</summary>
        public string ErrorId { get; }

        public GradCheckErrorKind Kind { get; }

        /// <summary>The value or name at fault.</summary>
        public object Target { get; }
    }
}
