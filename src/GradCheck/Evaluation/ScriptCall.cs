using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;

namespace GradCheck.Commands
{
    /// <summary>
    /// One call of a user's scriptblock with its arguments (the first also as $_), on the pipeline thread, with
    /// $ErrorActionPreference = 'Stop' in its scope: the first error it writes ends the call, and what it threw or
    /// wrote becomes <see cref="GradCheckException"/> with the caller's ErrorId.
    /// </summary>
    internal static class ScriptCall
    {
        public static Collection<PSObject> Invoke(ScriptBlock block, string errorId, string what, params object[] args)
        {
            var variables = new List<PSVariable>
            {
                new PSVariable("_", args.Length > 0 ? args[0] : null),
                new PSVariable("ErrorActionPreference", ActionPreference.Stop),
            };
            try
            {
                return block.InvokeWithContext(null, variables, args);
            }
            catch (PipelineStoppedException e)
            {
                throw new OperationCanceledException(CommandText.Format("PipelineStopped"), e);
            }
            catch (RuntimeException e)
            {
                string message = e.ErrorRecord?.Exception?.Message ?? e.Message;
                throw new GradCheckException(errorId, GradCheckErrorKind.InvalidResult, block,
                    CommandText.Format("ScriptBlockFailed", what, message), e);
            }
            catch (FlowControlException e)
            {
                throw new GradCheckException(errorId, GradCheckErrorKind.InvalidResult, block,
                    CommandText.Format("ScriptBlockFailed", what, CommandText.Format("FlowControlOutsideLoop")), e);
            }
        }

        /// <summary>
        /// What a block wrote as one value: a block that writes a list element by element sends many.
        /// </summary>
        public static object Value(Collection<PSObject> output) =>
            output.Count == 0 ? null : output.Count == 1 ? output[0] : (object)output;
    }
}
