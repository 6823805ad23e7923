# The README's tour, run exactly as written (issue 10): every PowerShell block between '## Tour' and '## The verdict',
# in order, in one session, with the figures its comments quote.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $readme = Get-Content (Join-Path $PSScriptRoot '../README.md') -Raw
    $tour = $readme.Substring($readme.IndexOf('## Tour'), $readme.IndexOf('## The verdict') - $readme.IndexOf('## Tour'))
    $script:Blocks = @([regex]::Matches($tour, '(?s)```powershell\r?\n(.*?)```') | ForEach-Object { $_.Groups[1].Value })
}

Describe 'The README tour' {
    It 'has its blocks' {
        $script:Blocks.Count | Should -BeGreaterOrEqual 5
    }

    It 'runs every block as written, in one session, and prints what it quotes' {
        Push-Location $TestDrive
        try {
            # The first two lines start pwsh and import the module from the clone; here the module is imported.
            $script = ($script:Blocks -join [Environment]::NewLine) -replace '(?m)^dotnet pwsh\s*$', '' `
                -replace '(?m)^Import-Module \./out/GradCheck/GradCheck\.psd1\s*$', ''
            $output = & ([scriptblock]::Create("`$ErrorActionPreference = 'Stop'`n" + $script)) *>&1 | Out-String -Width 200
        }
        finally { Pop-Location }
        $output | Should -Not -Match 'Exception|ErrorRecord|error:'
        $output | Should -Match '2\.4078333898343'  # 2.407833389834357, shown to 15 digits
        $output | Should -Match '2\.919E-10'
        $output | Should -Match '0\.2851'
        $output | Should -Match '1\.189E-07'
        $output | Should -Match '0\.36974720'
        $output | Should -Match '(Wrong +|FailedBlocks *: )\{y ← W\}'
        $output | Should -Match '(Correct +True|Symmetric *: True)'
        $output | Should -Match 'FailedBlocks *: \{b1, W2\}\s+Precision *: Single'
        Test-Path (Join-Path $TestDrive 'gradients.html') | Should -BeTrue
    }
}
