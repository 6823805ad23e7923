# Dot-sourced by every *.Tests.ps1: imports the built module and loads the golden fixtures.
$script:ModuleManifest = if ($env:GRADCHECK_MODULE_MANIFEST) { $env:GRADCHECK_MODULE_MANIFEST } else {
    Join-Path $PSScriptRoot '../out/GradCheck/GradCheck.psd1'
}
Import-Module $script:ModuleManifest -Force

function Get-Fixture([string] $Name) {
    # Written by tests/reference/make_fixtures.py from numpy and torch; see tests/reference/README.md.
    Get-Content (Join-Path $PSScriptRoot "reference/fixtures/$Name.json") -Raw | ConvertFrom-Json -AsHashtable
}

function ConvertTo-Matrix([object[]] $Rows) {
    # Nested JSON lists → [double[,]], row-major.
    $matrix = [double[,]]::new($Rows.Count, @($Rows[0]).Count)
    for ($r = 0; $r -lt $Rows.Count; $r++) {
        $row = @($Rows[$r])
        for ($c = 0; $c -lt $row.Count; $c++) { $matrix[$r, $c] = [double]$row[$c] }
    }
    , $matrix
}

function Get-ErrorId([scriptblock] $Command) {
    # The ErrorId part of the FullyQualifiedErrorId of the last error the command raises, terminating or not
    # (the last, because a user's scriptblock may throw first and GradCheck then reports it under its own id).
    # $Error is global, so this holds whichever session state the scriptblock was made in.
    $Error.Clear()
    try { & $Command 2>$null | Out-Null } catch { $null = $_ }
    if ($Error.Count -eq 0) { return $null }
    $record = $Error[0]
    if ($record -isnot [System.Management.Automation.ErrorRecord]) { $record = $record.ErrorRecord }
    ($record.FullyQualifiedErrorId -split ',')[0]
}

function ConvertTo-Flat($Matrix) {
    # A [double[,]] (or nested lists) in row-major order, as numpy's reshape(-1) reads it.
    , [double[]]@(foreach ($x in $Matrix) { foreach ($y in $x) { $y } })
}
