<#
    Should -PassGradientCheck, a Pester assertion for GradCheck.

        $net | Should -PassGradientCheck                  # runs Test-Gradient on a network
        $result | Should -PassGradientCheck               # or judges a GradientCheckResult as it is
        $buggy | Should -Not -PassGradientCheck

    GradCheck's manifest loads this file as a nested module. Pester offers no hook for modules loaded after it,
    so the operator is registered only if Pester is already loaded when GradCheck is imported: import Pester
    first (Invoke-Pester does, before any test file runs), or re-import GradCheck with
    'Import-Module GradCheck -Force' after importing Pester. Without Pester this module does nothing.
    It exports nothing: the operator lives in Pester's registry, not in the caller's session.
#>

Set-StrictMode -Version Latest

function Format-GradCheckTable {
    # Fixed-width text columns: Format-Table's output would depend on the host's width and culture.
    param([object[]] $Rows, [string[]] $Columns)
    $cells = @(foreach ($row in $Rows) {
            , @(foreach ($column in $Columns) { Format-GradCheckValue $row.$column })
        })
    $widths = foreach ($i in 0..($Columns.Count - 1)) {
        (@($Columns[$i].Length) + @($cells | ForEach-Object { $_[$i].Length }) | Measure-Object -Maximum).Maximum
    }
    $line = { param($values) '    ' + ((0..($Columns.Count - 1) | ForEach-Object { $values[$_].PadRight($widths[$_]) }) -join '  ').TrimEnd() }
    & $line $Columns
    foreach ($row in $cells) { & $line $row }
}

function Format-GradCheckValue($Value) {
    if ($Value -is [double]) { return $Value.ToString('G6', [cultureinfo]::InvariantCulture) }
    [string]$Value
}

function Get-GradCheckResult($ActualValue) {
    # A network is checked here; a result is judged as it is. Anything else is a mistake in the test itself.
    if ($ActualValue -is [GradCheck.GradientCheckResult]) { return $ActualValue }
    if ($ActualValue -is [GradCheck.Network]) {
        # Called through its CmdletInfo, so the check works whichever session state GradCheck was imported into.
        $testGradient = [System.Management.Automation.CmdletInfo]::new('Test-Gradient', [GradCheck.Commands.TestGradientCommand])
        return & $testGradient -Network $ActualValue -ErrorAction Stop
    }
    $type = if ($null -eq $ActualValue) { '$null' } else { $ActualValue.GetType().FullName }
    throw "Should -PassGradientCheck expects a network from New-GradCheckNetwork or a GradientCheckResult from Test-Gradient, but got $type."
}

function Get-GradCheckFailureDetail([GradCheck.GradientCheckResult] $Result) {
    # The failing blocks and the worst entries, as a person reading a CI log would want them.
    $failedBlocks = @($Result.Blocks | Where-Object { $_ -and -not $_.Passed } | ForEach-Object {
            [pscustomobject]@{ Name = $_.Name; Difference = $_.Difference; FailedCount = "$($_.FailedCount)/$($_.Count)" }
        })
    if ($failedBlocks.Count -gt 0) {
        'Failing blocks:'
        Format-GradCheckTable $failedBlocks 'Name', 'Difference', 'FailedCount'
    }
    $worst = @($Result.Worst | Where-Object { $_ })
    if ($worst.Count -gt 0) {
        'Worst entries:'
        Format-GradCheckTable $worst 'Name', 'Analytic', 'Numerical', 'AbsError', 'Tolerance', 'Passed'
    }
    $directions = @($Result.Directions | Where-Object { $_ -and -not $_.Passed })
    if ($directions.Count -gt 0) {
        'Failing directions:'
        Format-GradCheckTable $directions 'Name', 'Analytic', 'Numerical', 'AbsError', 'Tolerance'
    }
}

function Test-GradCheckPasses {
    # Pester calls this with -ActualValue, -Negate and every other parameter Should was given; a plain function
    # (no CmdletBinding) takes the ones it does not declare into $args instead of failing on them.
    param($ActualValue, [switch] $Negate, [string] $Because)
    $because = if ($Because) { " because $($Because.TrimEnd('.'))," } else { '' }
    try {
        $result = Get-GradCheckResult $ActualValue
    }
    catch {
        return [pscustomobject]@{ Succeeded = $false; FailureMessage = "Expected a gradient check to run,$because but it could not: $($_.Exception.Message)" }
    }
    $numbers = @(
        if (-not [double]::IsNaN($result.Difference)) { "Difference $(Format-GradCheckValue $result.Difference)" }
        "epsilon $(Format-GradCheckValue $result.Epsilon)"
        "criterion $($result.Criterion)"
    ) -join ', '
    $summary = "$($result.Message) [$numbers]"
    if ($result.Passed -ne [bool]$Negate) { return [pscustomobject]@{ Succeeded = $true; FailureMessage = $null } }
    $message = if ($Negate) {
        "Expected the gradient check to fail,$because but it passed: $summary"
    }
    else {
        (@("Expected the gradient check to pass,$because but it failed: $summary") + @(Get-GradCheckFailureDetail $result)) -join [Environment]::NewLine
    }
    [pscustomobject]@{ Succeeded = $false; FailureMessage = $message }
}

$pester = Get-Module Pester | Sort-Object Version -Descending | Select-Object -First 1
if ($pester -and $pester.ExportedCommands.ContainsKey('Add-ShouldOperator')) {
    # Pester ignores an identical re-registration, so importing GradCheck again (-Force) is harmless.
    & $pester.ExportedCommands['Add-ShouldOperator'] -Name PassGradientCheck -Test ${function:Test-GradCheckPasses}
}

Export-ModuleMember -Function @()
