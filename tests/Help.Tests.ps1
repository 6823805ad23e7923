# The help that Get-Help shows: generated at build time into en-US/GradCheck.dll-Help.xml from
# module/help/<Cmdlet-Name>.md by module/help/Build-Help.ps1, plus about_GradCheck in en-US and zh-CN.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $commands = @(foreach ($command in (Get-Module GradCheck).ExportedCmdlets.Values | Sort-Object Name) {
            $examples = @((Get-Help $command.Name -Full).PSObject.Properties['examples'].Value.example | Where-Object { $_ })
            @{
                Name       = $command.Name
                Parameters = @($command.Parameters.Keys | Where-Object { $_ -notin $common } | ForEach-Object { @{ Parameter = $_ } })
                Examples   = @($examples | ForEach-Object { @{ Title = $_.title.Trim('- '); Code = $_.code } })
            }
        })
    $errorIds = @([GradCheck.ErrorIds].GetFields() | Where-Object IsLiteral | ForEach-Object { $_.GetValue($null) })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:ModuleFolder = Split-Path (Resolve-Path $script:ModuleManifest).Path
    $script:Repository = Join-Path $PSScriptRoot '..'
    $script:KnownIds = @([GradCheck.ErrorIds].GetFields() | Where-Object IsLiteral | ForEach-Object { $_.GetValue($null) })

    function script:Get-Text($Node) {
        # The text of a MAML description (paragraphs), as one string.
        (@($Node | Where-Object { $_ } | ForEach-Object { $_.Text }) -join "`n").Trim()
    }

    function script:Get-DisplayWidth([string] $Line) {
        # Columns a console gives the line: East Asian wide and full-width characters take two.
        $Line.Length + [regex]::Matches($Line, '[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]').Count
    }

    function script:Invoke-HelpBuild([string] $HelpFolder, [string[]] $Arguments) {
        # Runs a copy of Build-Help.ps1 in a child pwsh, as build.ps1 does; returns its exit code and output.
        Push-Location $script:Repository
        try {
            $output = & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $HelpFolder 'Build-Help.ps1') `
                -ModuleManifest $script:ModuleManifest -OutputPath (Join-Path $HelpFolder 'out') @Arguments 2>&1 | Out-String
            # Colours, the error view's '|' margins and line breaks removed, so that messages match whole.
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output -replace '\e\[[0-9;]*m' -replace '\s*\|\s*|\s+', ' ' }
        }
        finally { Pop-Location }
    }
}

Describe 'Get-Help <Name>' -ForEach $commands {
    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
    }

    It 'comes from the module''s MAML file' {
        Join-Path $ModuleFolder 'en-US/GradCheck.dll-Help.xml' | Should -Exist
        $help.Name | Should -Be $Name
        $help.Category | Should -Be 'Cmdlet'
        $help.ModuleName | Should -Be 'GradCheck'
    }

    It 'has a synopsis, not the generated syntax' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without help, Get-Help makes the synopsis from the syntax.
        $help.Synopsis | Should -Not -Match "^\s*$Name((\s+\[+?-\w+)|$)"
    }

    It 'has a description' {
        Get-Text $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and an explanation' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code.Trim() | Should -Not -BeNullOrEmpty -Because $example.title
            Get-Text $example.remarks | Should -Not -BeNullOrEmpty -Because $example.title
        }
    }

    It 'describes -<Parameter>' -ForEach $Parameters {
        $described = @($help.parameters.parameter | Where-Object name -EQ $Parameter)
        $described.Count | Should -Be 1
        Get-Text $described[0].description | Should -Not -BeNullOrEmpty
    }

    It 'shows every parameter set in its syntax' {
        @($help.syntax.syntaxItem).Count | Should -Be @($command.ParameterSets).Count
    }

    It 'documents what it outputs' {
        $returned = @($help.returnValues.returnValue)
        $returned.Count | Should -BeGreaterThan 0
        foreach ($value in $returned) { Get-Text $value.description | Should -Not -BeNullOrEmpty -Because $value.type.name }
        foreach ($type in $command.OutputType) { $returned.type.name | Should -Contain $type.Type.FullName }
    }

    It 'documents what it accepts from the pipeline' {
        $inputs = @($help.inputTypes.inputType)
        $inputs.Count | Should -BeGreaterThan 0
        foreach ($value in $inputs) { Get-Text $value.description | Should -Not -BeNullOrEmpty -Because $value.type.name }
        $piped = @($command.Parameters.Values | Where-Object { $_.Attributes.ValueFromPipeline -contains $true } |
            ForEach-Object { $type = $_.ParameterType; if ($type.IsArray) { $type.GetElementType().FullName } else { $type.FullName } })
        if ($piped) { foreach ($type in $piped) { $inputs.type.name | Should -Contain $type } }
        else { $inputs.type.name | Should -Be 'None' }
    }

    It 'links to related help' {
        @($help.relatedLinks.navigationLink).Count | Should -BeGreaterThan 0
    }

    It 'names only real ErrorIds in its notes' {
        $listed = [regex]::Matches((Get-Text $help.alertSet.alert), '(?m)^- (\w+):') | ForEach-Object { $_.Groups[1].Value }
        foreach ($id in $listed) { $KnownIds | Should -Contain $id }
    }
}

Describe 'The examples of <Name> run and print the figures they quote' -ForEach $commands {
    BeforeAll {
        function script:Get-Figure($Object, [int] $Depth = 0) {
            # Every number an example's output holds: numbers, and the numbers of results, blocks and entries.
            foreach ($item in @($Object)) {
                if ($item -is [double] -or $item -is [int] -or $item -is [long]) { [double]$item; continue }
                if ($null -eq $item -or $item -is [string] -or $Depth -gt 2) { continue }
                foreach ($property in $item.PSObject.Properties) {
                    $value = try { $property.Value } catch { $null }
                    if ($value -is [double]) { $value }
                    elseif ($property.Name -in 'Blocks', 'Worst', 'Directions', 'TaylorSteps') { Get-Figure $value ($Depth + 1) }
                }
            }
        }

        function script:Get-QuotedFigure([string] $Remarks) {
            # Figures quoted as computed: scientific notation (1.66e-8, 2.919E-10), or decimals of 4 or more significant
            # digits (0.2851); a minus may be written −. What "the course prints" is the course's own figure, not ours.
            $ours = $Remarks -replace 'course prints [^\s,;)]+', ''
            [regex]::Matches($ours, '(?<![\w.^])[-−]?(\d\.\d+[eE][-+]?\d+|0\.0*[1-9]\d{3,}|[1-9]\.\d{3,})(?![\w.])') |
                ForEach-Object { $_.Value -replace '−', '-' }
        }

        function script:Test-Quoted([string] $Figure, [double[]] $Values) {
            # The figure as quoted, to its own significant digits, equals one of the values.
            $mantissa = ($Figure -replace '[eE].*$', '') -replace '^-?0\.0*', '' -replace '[-.]', ''
            $digits = [math]::Max(1, $mantissa.TrimStart('0').Length)
            $quoted = [double]::Parse($Figure, [cultureinfo]::InvariantCulture)
            foreach ($value in $Values) {
                if ($value -eq 0) { continue }
                if ([double]::Parse($value.ToString("E$($digits - 1)", [cultureinfo]::InvariantCulture), [cultureinfo]::InvariantCulture) -eq $quoted) { return $true }
            }
            $false
        }
    }

    It '<Title>' -ForEach $Examples {
        Push-Location $TestDrive
        try {
            $ErrorActionPreference = 'Stop'
            $output = & ([scriptblock]::Create($Code))
        }
        finally { Pop-Location }
        $values = [double[]]@(Get-Figure $output)
        $example = (Get-Help $Name -Full).examples.example | Where-Object { $_.title.Trim('- ') -eq $Title }
        foreach ($figure in Get-QuotedFigure (Get-Text $example.remarks)) {
            Test-Quoted $figure $values | Should -BeTrue -Because "'$Title' quotes $figure, which its output must hold"
        }
    }
}

Describe 'Test-Gradient''s help on the verdict' {
    It 'explains the rule briefly and refers to about_GradCheck' {
        $text = Get-Text (Get-Help Test-Gradient -Full).description
        $text | Should -Match '10·σ'
        $text | Should -Match 'about_GradCheck'
    }
}

Describe 'about_GradCheck' {
    It 'resolves with Get-Help' {
        $about = Get-Help about_GradCheck
        $about.Category | Should -Be 'HelpFile'
        "$about" | Should -Match '(?m)^TOPIC\s+about_GradCheck'
        "$about" | Should -Match '(?m)^SEE ALSO'
    }

    It 'explains <_>' -ForEach @('centred difference', 'relative difference', 'ECnoise', 'one-sided', '100·h',
        'dictionary_to_vector', 'vector_to_dictionary', 'gradients_to_vector', 'forward_propagation_n',
        'backward_propagation_n', 'gradient_check_n_test_case', '-Sample', '-Directions', '-Method Taylor', '-Criterion Course') {
        "$(Get-Help about_GradCheck)" | Should -Match ([regex]::Escape($_))
    }

    It 'has a Chinese translation that names every ErrorId too' {
        $file = Join-Path $ModuleFolder 'zh-CN/about_GradCheck.help.txt'
        $file | Should -Exist
        $text = Get-Content $file -Raw -Encoding utf8
        $text | Should -Match '[\u4E00-\u9FFF]'
        foreach ($id in $KnownIds) { $text | Should -Match "\b$id\b" }
    }

    It 'fits every line of the <_> topic in 80 columns' -ForEach 'en-US', 'zh-CN' {
        $lines = Get-Content (Join-Path $ModuleFolder "$_/about_GradCheck.help.txt") -Encoding utf8
        @($lines | Where-Object { (Get-DisplayWidth $_) -gt 80 }) | Should -BeNullOrEmpty
    }
}

Describe 'Every ErrorId is documented' {
    BeforeAll {
        $script:Documented = (@(Get-Help about_GradCheck) + @((Get-Module GradCheck).ExportedCmdlets.Keys |
                    ForEach-Object { Get-Help $_ -Full | Out-String -Width 4096 })) -join "`n"
    }

    It '<_>' -ForEach $errorIds {
        $Documented | Should -Match "\b$_\b"
    }
}

Describe 'Build-Help.ps1' {
    BeforeAll {
        # A copy of module/help, so that its markdown can be broken without touching the real files.
        function script:Copy-HelpSource([string] $Name) {
            $folder = Join-Path $TestDrive $Name
            Copy-Item (Join-Path $Repository 'module/help') $folder -Recurse
            $folder
        }
    }

    It 'wrote one command element per exported cmdlet' {
        [xml] $maml = Get-Content (Join-Path $ModuleFolder 'en-US/GradCheck.dll-Help.xml') -Raw
        $names = $maml.helpItems.command.details.name
        ($names -join ', ') | Should -Be (@((Get-Module GradCheck).ExportedCmdlets.Keys | Sort-Object) -join ', ')
    }

    It 'fails, naming each problem, when the markdown and the compiled cmdlets disagree' {
        $folder = Copy-HelpSource 'broken'
        $test = Join-Path $folder 'Test-Gradient.md'
        (Get-Content $test -Raw) -replace '(?ms)^### -Quiet\r?\n.*?(?=^## )', '' | Set-Content $test
        $forward = Join-Path $folder 'Invoke-ForwardPropagation.md'
        (Get-Content $forward -Raw) -replace '(?m)^## INPUTS', "### -Bogus`nNot a parameter.`n`n## INPUTS" | Set-Content $forward
        Remove-Item (Join-Path $folder 'ConvertFrom-ParameterVector.md')
        Copy-Item (Join-Path $folder 'Test-Gradient.md') (Join-Path $folder 'Get-Nothing.md')
        $run = Invoke-HelpBuild $folder
        $run.ExitCode | Should -Not -Be 0
        $run.Output | Should -Match "Test-Gradient: parameter 'Quiet' is not described"
        $run.Output | Should -Match "describes parameter 'Bogus', which the cmdlet lacks"
        $run.Output | Should -Match 'ConvertFrom-ParameterVector has no markdown file'
        $run.Output | Should -Match 'Get-Nothing.md documents a cmdlet that GradCheck does not export'
        Join-Path $folder 'out/GradCheck.dll-Help.xml' | Should -Not -Exist
    }

    It 'skips markdown for a cmdlet the module lacks with -AllowMissingCmdlet' {
        $folder = Copy-HelpSource 'extra'
        Copy-Item (Join-Path $folder 'Test-Gradient.md') (Join-Path $folder 'Get-Nothing.md')
        $lenient = Invoke-HelpBuild $folder @('-AllowMissingCmdlet')
        $lenient.ExitCode | Should -Be 0
        $lenient.Output | Should -Match 'Skipping Get-Nothing.md'
        Join-Path $folder 'out/GradCheck.dll-Help.xml' | Should -Exist
    }
}

Describe 'The help says what the code does (issue 10)' {
    BeforeAll {
        $script:TestGradientHelp = Get-Help Test-Gradient -Full | Out-String -Width 4096
        $script:About = "$(Get-Help about_GradCheck)"
    }

    It 'lists GradientNotScriptBlock once, as one sentence' {
        ([regex]::Matches($script:TestGradientHelp, 'although -Cost is given')).Count | Should -Be 1
        $script:TestGradientHelp | Should -Match 'GradientNotNumeric: the gradient holds something other than numbers\.'
    }

    It 'says which ErrorIds stop the command, EpsilonInvalid included and EpsilonTooSmall not' {
        $script:TestGradientHelp | Should -Match 'EpsilonInvalid, ThresholdInvalid, TopInvalid, SampleInvalid and ModeConflict stop the command'
        $script:TestGradientHelp | Should -Match 'EpsilonTooSmall included, are written per input'
        $script:TestGradientHelp | Should -Not -Match 'The last four stop the command'
        $script:About | Should -Match '(?s)judged per input.*EpsilonTooSmall'
        $script:About | Should -Not -Match '(?s)stop Test-Gradient before any check\)\s+EpsilonInvalid[^\n]*\n\s+EpsilonTooSmall'
    }

    It 'gives the ECnoise spacings as the README and CostNoise do: h, h/10 and h/100' {
        $script:About | Should -Match 'spacings h, h/10 and\s+h/100'
        $script:About | Should -Not -Match '1e-6, 1e-9 and'
    }

    It 'lists every ModeConflict in about_GradCheck' {
        $script:About | Should -Match '(?s)ModeConflict\s+-Sample with -Directions, or -Method Taylor\s+with either, with -Criterion Course or with\s+several -Epsilon'
    }

    It 'states the rule for kinks in scriptblocks as the README does' {
        $readme = Get-Content (Join-Path $PSScriptRoot '../README.md') -Raw
        foreach ($text in $readme, $script:About) {
            $text | Should -Match 's = h/4,\s+h/16'
            $text | Should -Match 'at either one-sided slope or at\s+their mean'
            $text | Should -Match 'ReLU.\(0\) = 0, 1 or ½'
            $text | Should -Not -Match 'every slope\s+between the one-sided ones is a\s+fair gradient'
        }
        $script:About | Should -Not -Match 'passes if it matches either one-sided derivative'
    }
}
