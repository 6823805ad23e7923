using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading;

namespace GradCheck.Commands
{
    /// <summary>
    /// What every GradCheck cmdlet shares: cancellation from Ctrl+C, progress written from the pipeline
    /// thread, and Core errors turned into ErrorRecords per input.
    /// </summary>
    public abstract class GradCheckCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        /// <summary>Cancelled by <see cref="StopProcessing"/>; Core polls it between evaluations.</summary>
        protected CancellationToken Cancellation => _stop.Token;

        protected override void StopProcessing() => _stop.Cancel();

        public void Dispose() => _stop.Dispose();

        /// <summary>
        /// Runs one input's work; a bad input becomes a non-terminating error and the pipeline goes on.
        /// Returns false when the input could not be processed (its error has been written).
        /// </summary>
        protected bool ForEachInput(Action work)
        {
            try
            {
                work();
                return true;
            }
            catch (GradCheckException e)
            {
                WriteError(ErrorRecords.From(e));
                return false;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        private bool? _verboseWanted;

        /// <summary>
        /// Writes the verbose message <paramref name="message"/> makes, making it only when it will be shown: the
        /// narration of a network formats arrays and enums, which on a first check cost more than checking a small
        /// network does.
        /// </summary>
        protected void WriteVerbose(Func<string> message)
        {
            if (_verboseWanted == null) _verboseWanted = VerboseWanted();
            if (_verboseWanted.Value) WriteVerbose(message());
        }

        /// <summary>
        /// Whether PowerShell writes this command's verbose records, decided as it decides: -Verbose (or
        /// -Verbose:$false) first, then -Debug, then $VerbosePreference; anything but SilentlyContinue or Ignore
        /// writes. A preference set as a name or a number is read as PowerShell reads it; anything else counts as
        /// wanted, so that WriteVerbose itself decides.
        /// </summary>
        private bool VerboseWanted()
        {
            var bound = MyInvocation.BoundParameters;
            if (bound.TryGetValue("Verbose", out object verbose)) return ((SwitchParameter)verbose).IsPresent;
            if (bound.TryGetValue("Debug", out object debug) && ((SwitchParameter)debug).IsPresent) return true;
            object preference = GetVariableValue("VerbosePreference");
            if (preference is PSObject wrapped) preference = wrapped.BaseObject;
            if (preference is ActionPreference wanted)
                return wanted != ActionPreference.SilentlyContinue && wanted != ActionPreference.Ignore;
            return !Silences(Convert.ToString(preference, CultureInfo.InvariantCulture));
        }

        /// <summary>
        /// Whether a preference a script assigned as a name or a number silences the stream, as PowerShell reads it
        /// when it writes: not LanguagePrimitives' generic TryConvertTo, compiled afresh in every new shell.
        /// </summary>
        private static bool Silences(string preference)
        {
            string name = preference?.Trim() ?? string.Empty;
            return string.Equals(name, nameof(ActionPreference.SilentlyContinue), StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, nameof(ActionPreference.Ignore), StringComparison.OrdinalIgnoreCase)
                || name == "0" || name == "4";
        }

        /// <summary>Stops the command when nothing can proceed (an invalid option, say).</summary>
        protected void Terminate(GradCheckException e) => ThrowTerminatingError(ErrorRecords.From(e));

        /// <summary>Stops the command before any check when the options for some ε are invalid.</summary>
        protected void ValidateOptions(double[] epsilons, Func<double, CheckOptions> options)
        {
            foreach (double epsilon in epsilons)
            {
                try { options(epsilon).Validate(); }
                catch (GradCheckException e) { Terminate(e); }
            }
        }

        /// <summary>
        /// One input's work. With -Quiet, an input that cannot be checked writes its error and answers $false, so
        /// that a build collecting the answers (`if ($checks -contains $false)`) cannot pass on an error.
        /// </summary>
        protected void CheckInput(Action work, bool quiet)
        {
            if (!ForEachInput(work) && quiet) WriteObject(false);
        }

        /// <summary>
        /// The results of one input, one per ε; with -Quiet one answer instead: did every ε pass (an array of
        /// booleans would read as true in an if).
        /// </summary>
        protected void WriteResults<T>(T[] results, Func<T, bool> passed, bool quiet)
        {
            if (quiet) WriteObject(Array.TrueForAll(results, r => passed(r)));
            else foreach (var r in results) WriteObject(r);
        }

        /// <summary>Checks expected to finish within this show no progress bar.</summary>
        private static readonly TimeSpan ProgressThreshold = TimeSpan.FromSeconds(0.5);

        private bool _progressShown;

        /// <summary>
        /// A Write-Progress callback for Core, with the time left; silent for checks that end within half a second.
        /// </summary>
        protected Action<CheckProgress> ProgressReporter(int activityId, string activity)
        {
            return p =>
            {
                if (p.Elapsed + (p.Remaining ?? TimeSpan.Zero) < ProgressThreshold) return;
                _progressShown = true;
                var record = new ProgressRecord(activityId, activity,
                    CommandText.Format("ProgressEntries", p.Completed, p.Total))
                {
                    PercentComplete = p.Total == 0 ? 0 : (int)(100 * p.Completed / p.Total),
                };
                if (p.Remaining.HasValue) record.SecondsRemaining = (int)Math.Ceiling(p.Remaining.Value.TotalSeconds);
                WriteProgress(record);
            };
        }

        protected void CompleteProgress(int activityId, string activity)
        {
            if (!_progressShown) return;
            _progressShown = false;
            WriteProgress(new ProgressRecord(activityId, activity, CommandText.Format("ProgressDone"))
                { RecordType = ProgressRecordType.Completed });
        }
    }
}
