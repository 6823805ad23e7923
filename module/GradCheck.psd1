@{
    RootModule           = 'GradCheck.psm1'
    ModuleVersion        = '{{ModuleVersion}}'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '5b8f3f0e-6c1d-4e55-9a57-2f7d1b7c9e41'
    Author               = 'GradCheck developers'
    CompanyName          = 'GradCheck'
    Copyright            = '(c) 2026 GradCheck developers. MIT licence.'
    Description          = 'Tells you whether the gradients your backpropagation computes are right: centred finite differences with error-aware, per-block verdicts, the deep-learning course''s gradient-checking exercise as cmdlets, and a fast compiled engine for real networks.'
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('GradCheck.format.ps1xml')
    # Readable CSV cells for the array properties of results and blocks.
    TypesToProcess       = @('GradCheck.types.ps1xml')
    # Registers Should -PassGradientCheck when Pester is already loaded; exports nothing. build.ps1 copies it.
    NestedModules        = @('GradCheck.Pester.psm1')
    CmdletsToExport      = @(
        'Test-Gradient'
        'Test-Jacobian'
        'Test-Hessian'
        'New-GradCheckNetwork'
        'Invoke-ForwardPropagation'
        'Invoke-BackwardPropagation'
        'ConvertTo-ParameterVector'
        'ConvertFrom-ParameterVector'
        'Export-GradientReport'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('gradient', 'backpropagation', 'finite-differences', 'deep-learning', 'numerics', 'testing')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://github.com/gradcheck/GradCheck'
            ReleaseNotes = @'
0.1.0 — the first release.
- Test-Gradient: scriptblocks, networks, compiled C# objectives; numbers, arrays, dictionaries and ParameterVectors.
- An error-aware verdict per entry and per block: measured cost noise (ECnoise), truncation from a 5-point stencil,
  one-sided differences at ReLU kinks, and a second look at suspects with a 100x step. The course's rule on request.
- Modes: every entry, -Sample, -Directions, -Method Taylor, and step-size sweeps with the best epsilon marked.
- New-GradCheckNetwork with the course's gradient_check_n_test_case reproduced bit for bit, planted faults, and
  Invoke-ForwardPropagation / Invoke-BackwardPropagation / ConvertTo- and ConvertFrom-ParameterVector.
- A compiled engine: incremental evaluation, all cores, bit-identical results whatever the thread count.
- Export-GradientReport (one self-contained HTML file) and Should -PassGradientCheck for Pester.
'@
        }
    }
}
