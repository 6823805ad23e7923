@{
    RootModule           = 'GradCheck.dll'
    ModuleVersion        = '{{ModuleVersion}}'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '5b8f3f0e-6c1d-4e55-9a57-2f7d1b7c9e41'
    Author               = 'GradCheck developers'
    CompanyName          = 'GradCheck'
    Copyright            = '(c) 2026 GradCheck developers. MIT licence.'
    Description          = 'Tells you whether the gradients your backpropagation computes are right: centred finite differences with error-aware, per-block verdicts, the deep-learning course''s gradient-checking exercise as cmdlets, and a fast compiled engine for real networks.'
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('GradCheck.format.ps1xml')
    CmdletsToExport      = @(
        'Test-Gradient'
        'New-GradCheckNetwork'
        'Invoke-ForwardPropagation'
        'Invoke-BackwardPropagation'
        'ConvertTo-ParameterVector'
        'ConvertFrom-ParameterVector'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('gradient', 'backpropagation', 'finite-differences', 'deep-learning', 'numerics', 'testing')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://github.com/gradcheck/GradCheck'
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
