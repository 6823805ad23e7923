using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;

namespace GradCheck.Commands
{
    /// <summary>
    /// Writes every piped result (a step-size sweep pipes several) into one self-contained HTML file.
    /// </summary>
    [Cmdlet(VerbsData.Export, "GradientReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportGradientReportCommand : GradCheckCmdlet
    {
        /// <summary>
        /// Not positional, like Export-Csv's and Export-Clixml's: with results piped in, the one positional
        /// argument is the path (a positional InputObject would claim it and fail to convert it).
        /// </summary>
        /// <remarks>Gets or sets the results: GradientCheckResult (Test-Gradient) or JacobianCheckResult
        /// (Test-Jacobian, Test-Hessian); anything else is refused with ReportInputInvalid.</remarks>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public object[] InputObject { get; set; }

        /// <summary>Gets or sets the HTML file to write, relative to the current PowerShell location.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>Gets or sets whether to overwrite the file if it exists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// Gets or sets the report's title; by default "GradCheck report", in the UI culture's language.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Title { get; set; }

        /// <summary>
        /// Gets or sets whether to write the report's file item (as Get-Item gives it); without it nothing is written.
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly List<GradientCheckResult> _results = new List<GradientCheckResult>();

        private string _file;

        // Checked before any result arrives, so a refused path stops the pipeline before an upstream check runs.
        protected override void BeginProcessing()
        {
            _file = ResolveFile();
            if (!Force && File.Exists(_file)) Stop(Exists());
        }

        protected override void ProcessRecord()
        {
            foreach (var item in InputObject)
            {
                // Anything but a result is one error of its own, and the next input is still read.
                object value = item is PSObject wrapped ? wrapped.BaseObject : item;
                if (value == null) continue;
                if (value is GradientCheckResult gradient) _results.Add(gradient);
                else if (value is JacobianCheckResult jacobian) _results.Add(JacobianReportView.From(jacobian));
                else
                    WriteError(Error(ErrorIds.ReportInputInvalid, ErrorCategory.InvalidArgument, item,
                        CommandText.Format("ReportInputInvalid", Numbers.Describe(item))));
            }
        }

        protected override void EndProcessing()
        {
            if (_results.Count == 0)
            {
                Stop(Error(ErrorIds.ReportNoResults, ErrorCategory.InvalidOperation, _file,
                    CommandText.Format("ReportNoResults")));
            }
            string action = CommandText.Format(File.Exists(_file) ? "ReportActionOverwrite" : "ReportActionWrite",
                _results.Count);
            if (!ShouldProcess(_file, action)) return;
            string version = typeof(ExportGradientReportCommand).Assembly.GetName().Version.ToString(3);
            Write(HtmlReport.Render(_results, Title ?? CommandText.Format("ReportTitle"), "GradCheck " + version,
                MyInvocation.Line));
            if (PassThru)
                WriteObject(InvokeProvider.Item.Get(WildcardPattern.Escape(_file)), enumerateCollection: true);
        }

        /// <summary>
        /// A file-system path resolved against the current PowerShell location (not the process's directory).
        /// </summary>
        private string ResolveFile()
        {
            string file = null;
            ProviderInfo provider = null;
            try
            {
                file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out provider, out _);
            }
            catch (Exception e) when (e is SessionStateException || e is NotSupportedException || e is ArgumentException
                || e is PSInvalidOperationException)
            {
                Stop(Error(ErrorIds.ReportPathInvalid, ErrorCategory.InvalidArgument, Path,
                    CommandText.Format("ReportPathInvalid", Path, e.Message), e));
            }
            if (provider.Name != "FileSystem")
                Stop(Error(ErrorIds.ReportPathInvalid, ErrorCategory.InvalidArgument, Path,
                    CommandText.Format("ReportPathNotFileSystem", Path, provider.Name)));
            // PowerShell resolves a path with a NUL in it; only the file system refuses it, when writing.
            if (file.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
                Stop(Error(ErrorIds.ReportPathInvalid, ErrorCategory.InvalidArgument, Path,
                    CommandText.Format("ReportPathInvalid", Path, CommandText.Format("ReportPathCharacter"))));
            if (Directory.Exists(file))
                Stop(Error(ErrorIds.ReportPathInvalid, ErrorCategory.InvalidArgument, file,
                    CommandText.Format("ReportPathIsFolder", file)));
            string folder = System.IO.Path.GetDirectoryName(file);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                Stop(Error(ErrorIds.ReportFolderNotFound, ErrorCategory.ObjectNotFound, folder,
                    CommandText.Format("ReportFolderNotFound", folder)));
            return file;
        }

        private void Write(string html)
        {
            try
            {
                // CreateNew without -Force: a file that appeared since BeginProcessing is still not overwritten.
                using (var stream = new FileStream(_file, Force ? FileMode.Create : FileMode.CreateNew,
                    FileAccess.Write, FileShare.None))
                using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                {
                    writer.Write(html);
                }
            }
            catch (IOException) when (!Force && File.Exists(_file))
            {
                Stop(Exists());
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException
                || e is System.Security.SecurityException)
            {
                Stop(Error(ErrorIds.ReportWriteFailed, ErrorCategory.WriteError, _file,
                    CommandText.Format("ReportWriteFailed", _file, e.Message), e));
            }
        }

        private ErrorRecord Exists() => Error(ErrorIds.ReportExists, ErrorCategory.ResourceExists, _file,
            CommandText.Format("ReportExists", _file));

        private static ErrorRecord Error(string errorId, ErrorCategory category, object target, string message,
            Exception inner = null) =>
            new ErrorRecord(
                new GradCheckException(errorId, GradCheckErrorKind.InvalidOperation, target, message, inner),
                errorId, category, target);

        private void Stop(ErrorRecord record) => ThrowTerminatingError(record);
    }
}
