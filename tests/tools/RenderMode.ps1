function Get-PesterRenderMode {
    <#
    .SYNOPSIS
        Pester's Output.RenderMode for this session: Plaintext when the output goes to a file or a pipe, when NO_COLOR
        is set (https://no-color.org) or when $PSStyle.OutputRendering is PlainText; Auto (colours) otherwise.
    #>
    param(
        [bool] $Redirected = [Console]::IsOutputRedirected,
        [string] $NoColor = $env:NO_COLOR,
        [string] $OutputRendering = $(if ($PSStyle) { [string]$PSStyle.OutputRendering } else { 'Host' })
    )
    if ($Redirected -or $NoColor -or $OutputRendering -eq 'PlainText') { 'Plaintext' } else { 'Auto' }
}
