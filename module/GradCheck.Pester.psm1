<#
    Should -PassGradientCheck and Should -PassJacobianCheck, Pester assertions for GradCheck.

        $net | Should -PassGradientCheck                  # runs Test-Gradient on a network
        $result | Should -PassGradientCheck               # or judges a GradientCheckResult as it is
        $buggy | Should -Not -PassGradientCheck
        Test-Jacobian ... | Should -PassJacobianCheck     # a JacobianCheckResult (Test-Jacobian, Test-Hessian)

    GradCheck's manifest loads this file as a nested module. Pester offers no hook for modules loaded after it,
    so the operator is registered only if Pester is already loaded when GradCheck is imported: import Pester
    first (Invoke-Pester does, before any test file runs), or re-import GradCheck with
    'Import-Module GradCheck -Force' after importing Pester. Without Pester this module does nothing.
    It exports nothing: the operator lives in Pester's registry, not in the caller's session.
#>

Set-StrictMode -Version Latest

# The operator's sentences, in English and (under a Chinese UI culture) Simplified Chinese, as GradCheck's messages.
$script:Texts = @{
    en = @{
        Because = ' because {0},'; CouldNotRun = 'Expected a gradient check to run,{0} but it could not: {1}'
        ExpectedJacobian = 'Should -PassJacobianCheck expects a JacobianCheckResult from Test-Jacobian or Test-Hessian, but got {0}.'
        ToPassJacobianFailed = 'Expected the Jacobian check to pass,{0} but it failed: {1}'
        ToPassJacobianInconclusive = 'Expected the Jacobian check to pass,{0} but it was inconclusive: {1}'
        ToFailJacobianPassed = 'Expected the Jacobian check to fail,{0} but it passed: {1}'
        ToFailJacobianInconclusive = 'Expected the Jacobian check to fail,{0} but it was inconclusive: {1}'
        FailingPairs = 'Failing block pairs:'
        ExpectedInput = 'Should -PassGradientCheck expects a network from New-GradCheckNetwork or a GradientCheckResult from Test-Gradient, but got {0}.'
        ToPassFailed = 'Expected the gradient check to pass,{0} but it failed: {1}'
        ToPassInconclusive = 'Expected the gradient check to pass,{0} but it was inconclusive: {1}'
        ToFailPassed = 'Expected the gradient check to fail,{0} but it passed: {1}'
        ToFailInconclusive = 'Expected the gradient check to fail,{0} but it was inconclusive: {1}'
        FailingBlocks = 'Failing blocks:'; UnjudgedBlocks = 'Inconclusive blocks:'; WorstEntries = 'Worst entries:'; FailingDirections = 'Failing directions:'
        Difference = 'Difference'; Epsilon = 'epsilon'; Criterion = 'criterion'
    }
    zh = @{
        Because = '（因为 {0}）'; CouldNotRun = '应运行梯度检查{0}，但无法运行：{1}'
        ExpectedJacobian = 'Should -PassJacobianCheck 需要 Test-Jacobian 或 Test-Hessian 的 JacobianCheckResult，实际得到 {0}。'
        ToPassJacobianFailed = '应通过雅可比检查{0}，但未通过：{1}'
        ToPassJacobianInconclusive = '应通过雅可比检查{0}，但结论不确定：{1}'
        ToFailJacobianPassed = '雅可比检查应失败{0}，但通过了：{1}'
        ToFailJacobianInconclusive = '雅可比检查应失败{0}，但结论不确定：{1}'
        FailingPairs = '未通过的块对：'
        ExpectedInput = 'Should -PassGradientCheck 需要 New-GradCheckNetwork 生成的网络或 Test-Gradient 的 GradientCheckResult，实际得到 {0}。'
        ToPassFailed = '应通过梯度检查{0}，但未通过：{1}'
        ToPassInconclusive = '应通过梯度检查{0}，但结论不确定：{1}'
        ToFailPassed = '梯度检查应失败{0}，但通过了：{1}'
        ToFailInconclusive = '梯度检查应失败{0}，但结论不确定：{1}'
        FailingBlocks = '未通过的块：'; UnjudgedBlocks = '结论不确定的块：'; WorstEntries = '最差的条目：'; FailingDirections = '未通过的方向：'
        Difference = 'Difference'; Epsilon = 'epsilon'; Criterion = 'criterion'
    }
}

function Get-GradCheckText([string] $Name) {
    $language = if ([cultureinfo]::CurrentUICulture.Name -match '^zh(-(CN|SG|Hans))?') { 'zh' } else { 'en' }
    $script:Texts[$language][$Name]
}

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
    throw ((Get-GradCheckText ExpectedInput) -f $type)
}

function Get-GradCheckFailureDetail([GradCheck.GradientCheckResult] $Result) {
    # The failing blocks and the worst entries, as a person reading a CI log would want them.
    $failedBlocks = @($Result.Blocks | Where-Object { $_ -and -not $_.Passed } | ForEach-Object {
            [pscustomobject]@{ Name = $_.Name; Difference = $_.Difference; FailedCount = "$($_.FailedCount)/$($_.Count)" }
        })
    $wrong = @($failedBlocks | Where-Object { $block = $_.Name; ($Result.Blocks | Where-Object Name -EQ $block).Verdict -eq 'Wrong' })
    $unjudged = @($failedBlocks | Where-Object { $_ -notin $wrong })
    if ($wrong.Count -gt 0) {
        Get-GradCheckText FailingBlocks
        Format-GradCheckTable $wrong 'Name', 'Difference', 'FailedCount'
    }
    if ($unjudged.Count -gt 0) {
        Get-GradCheckText UnjudgedBlocks
        Format-GradCheckTable $unjudged 'Name', 'Difference', 'FailedCount'
    }
    $worst = @($Result.Worst | Where-Object { $_ })
    if ($worst.Count -gt 0) {
        Get-GradCheckText WorstEntries
        Format-GradCheckTable $worst 'Name', 'Analytic', 'Numerical', 'AbsError', 'Tolerance', 'Passed'
    }
    $directions = @($Result.Directions | Where-Object { $_ -and -not $_.Passed })
    if ($directions.Count -gt 0) {
        Get-GradCheckText FailingDirections
        Format-GradCheckTable $directions 'Name', 'Analytic', 'Numerical', 'AbsError', 'Tolerance'
    }
}

function Test-GradCheckPasses {
    # Pester calls this with -ActualValue, -Negate and every other parameter Should was given; a plain function
    # (no CmdletBinding) takes the ones it does not declare into $args instead of failing on them.
    param($ActualValue, [switch] $Negate, [string] $Because)
    $because = if ($Because) { (Get-GradCheckText Because) -f $Because.TrimEnd('.') } else { '' }
    try {
        $result = Get-GradCheckResult $ActualValue
    }
    catch {
        return [pscustomobject]@{ Succeeded = $false; FailureMessage = (Get-GradCheckText CouldNotRun) -f $because, $_.Exception.Message }
    }
    $numbers = @(
        if (-not [double]::IsNaN($result.Difference)) { "$(Get-GradCheckText Difference) $(Format-GradCheckValue $result.Difference)" }
        if ([string]$result.Mode -ne 'Taylor') { "$(Get-GradCheckText Epsilon) $(Format-GradCheckValue $result.Epsilon)"; "$(Get-GradCheckText Criterion) $($result.Criterion)" }
    ) -join ', '
    $summary = "$($result.Message) [$numbers]"
    # Correct passes, Wrong fails; Inconclusive is neither, so it fails both Should and Should -Not.
    $verdict = [string]$result.Verdict
    $succeeded = if ($Negate) { $verdict -eq 'Wrong' } else { $verdict -eq 'Correct' }
    if ($succeeded) { return [pscustomobject]@{ Succeeded = $true; FailureMessage = $null } }
    $message = if ($Negate) {
        (Get-GradCheckText $(if ($verdict -eq 'Inconclusive') { 'ToFailInconclusive' } else { 'ToFailPassed' })) -f $because, $summary
    }
    else {
        $first = (Get-GradCheckText $(if ($verdict -eq 'Inconclusive') { 'ToPassInconclusive' } else { 'ToPassFailed' })) -f $because, $summary
        (@($first) + @(Get-GradCheckFailureDetail $result)) -join [Environment]::NewLine
    }
    [pscustomobject]@{ Succeeded = $false; FailureMessage = $message }
}

function Get-JacobianFailureDetail([GradCheck.JacobianCheckResult] $Result) {
    # The failing (output, input) block pairs and the worst entries of J.
    $pairs = @($Result.Blocks | Where-Object { $_ -and -not $_.Passed } | ForEach-Object {
            [pscustomobject]@{ Name = $_.Name; Difference = $_.Difference; FailedCount = "$($_.FailedCount)/$($_.CheckedCount)" }
        })
    if ($pairs.Count -gt 0) {
        Get-GradCheckText FailingPairs
        Format-GradCheckTable $pairs 'Name', 'Difference', 'FailedCount'
    }
    $worst = @($Result.Worst | Where-Object { $_ })
    if ($worst.Count -gt 0) {
        Get-GradCheckText WorstEntries
        Format-GradCheckTable $worst 'Name', 'Analytic', 'Numerical', 'AbsError', 'Tolerance', 'Verdict'
    }
}

function Test-JacobianCheckPasses {
    # Should -PassJacobianCheck: a JacobianCheckResult judged as it is; Inconclusive fails both ways, as above.
    param($ActualValue, [switch] $Negate, [string] $Because)
    $because = if ($Because) { (Get-GradCheckText Because) -f $Because.TrimEnd('.') } else { '' }
    if ($ActualValue -isnot [GradCheck.JacobianCheckResult]) {
        $type = if ($null -eq $ActualValue) { '$null' } else { $ActualValue.GetType().FullName }
        return [pscustomobject]@{ Succeeded = $false; FailureMessage = (Get-GradCheckText ExpectedJacobian) -f $type }
    }
    $numbers = "$(Get-GradCheckText Difference) $(Format-GradCheckValue $ActualValue.Difference), " +
        "$(Get-GradCheckText Epsilon) $(Format-GradCheckValue $ActualValue.Epsilon)"
    $summary = "$($ActualValue.Message) [$numbers]"
    $verdict = [string]$ActualValue.Verdict
    $succeeded = if ($Negate) { $verdict -eq 'Wrong' } else { $verdict -eq 'Correct' }
    if ($succeeded) { return [pscustomobject]@{ Succeeded = $true; FailureMessage = $null } }
    $key = if ($Negate) { if ($verdict -eq 'Inconclusive') { 'ToFailJacobianInconclusive' } else { 'ToFailJacobianPassed' } }
    elseif ($verdict -eq 'Inconclusive') { 'ToPassJacobianInconclusive' } else { 'ToPassJacobianFailed' }
    $first = (Get-GradCheckText $key) -f $because, $summary
    $detail = if ($Negate) { @() } else { @(Get-JacobianFailureDetail $ActualValue) }
    [pscustomobject]@{ Succeeded = $false; FailureMessage = (@($first) + $detail) -join [Environment]::NewLine }
}

$pester = Get-Module Pester | Sort-Object Version -Descending | Select-Object -First 1
if ($pester -and $pester.ExportedCommands.ContainsKey('Add-ShouldOperator')) {
    # Pester ignores an identical re-registration, so importing GradCheck again (-Force) is harmless.
    & $pester.ExportedCommands['Add-ShouldOperator'] -Name PassGradientCheck -Test ${function:Test-GradCheckPasses}
    & $pester.ExportedCommands['Add-ShouldOperator'] -Name PassJacobianCheck -Test ${function:Test-JacobianCheckPasses}
}

Export-ModuleMember -Function @()
