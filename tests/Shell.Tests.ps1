BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    function script:Get-Completion([string] $Line) {
        # What Tab offers at the end of $Line, as the console would.
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

Describe 'Tab completion' {
    It 'completes <Name>' -TestCases @(
        @{ Name = 'activation names'; Line = 'New-GradCheckNetwork -LayerSize 4,3,1 -Activation Le'; Expected = @('LeakyReLU') }
        @{ Name = 'every activation'; Line = 'New-GradCheckNetwork -LayerSize 4,3,1 -Activation '; Expected = @('ReLU', 'LeakyReLU', 'Tanh', 'Sigmoid', 'Linear', 'Softmax') }
        @{ Name = 'Softmax'; Line = 'New-GradCheckNetwork -LayerSize 4,3 -Activation So'; Expected = @('Softmax') }
        @{ Name = 'CategoricalCrossEntropy'; Line = 'New-GradCheckNetwork -LayerSize 4,3 -Loss Cat'; Expected = @('CategoricalCrossEntropy') }
        @{ Name = 'the dropout preset'; Line = 'New-GradCheckNetwork -Preset CourseD'; Expected = @('CourseDropoutTestCase') }
        @{ Name = 'loss names'; Line = 'New-GradCheckNetwork -LayerSize 4,3,1 -Loss Mea'; Expected = @('MeanSquaredError') }
        @{ Name = 'preset names'; Line = 'New-GradCheckNetwork -Preset Co'; Expected = @('CourseTestCase', 'CourseDropoutTestCase') }
        @{ Name = 'criterion values'; Line = 'Test-Gradient -Criterion '; Expected = @('ErrorAware', 'Course') }
        @{ Name = 'method values'; Line = 'Test-Gradient -Method T'; Expected = @('Taylor') }
        @{ Name = 'fault blocks from the layer sizes typed'; Line = 'New-GradCheckNetwork -LayerSize 4,5,3,1 -Fault '; Expected = @('@{ W1 = 2 }', '@{ b1 = 2 }', '@{ W2 = 2 }', '@{ b2 = 2 }', '@{ W3 = 2 }', '@{ b3 = 2 }') }
        @{ Name = 'fault blocks of a two-layer network'; Line = 'New-GradCheckNetwork -LayerSize 4,5,1 -Fault W'; Expected = @('@{ W1 = 2 }', '@{ W2 = 2 }') }
    ) {
        $offered = @(Get-Completion $Line)
        foreach ($name in $Expected) { $offered | Should -Contain $name }
        if ($Name -eq 'fault blocks of a two-layer network') { $offered | Should -Not -Contain '@{ W3 = 2 }' }
    }
}

Describe 'Completion that binds (issue 10)' {
    It 'offers -Fault completions that bind and build the network: <_>' -ForEach @('New-GradCheckNetwork -LayerSize 4,5,1 -Fault ', 'New-GradCheckNetwork -Preset CourseTestCase -Fault b') {
        $line = $_
        $offered = @(Get-Completion $line)
        $offered.Count | Should -BeGreaterThan 0
        foreach ($completion in $offered) {
            $net = & ([scriptblock]::Create($line.Substring(0, $line.LastIndexOf(' ') + 1) + $completion))
            $net | Should -BeOfType [GradCheck.Network]
            @($net.Fault.Keys) | Should -HaveCount 1
        }
    }
}

Describe 'Results in the shell''s machinery' {
    BeforeAll {
        $script:Result = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2 } | Test-Gradient
    }

    It 'renders in Format-Table and Format-List without errors' {
        ($script:Result | Format-Table | Out-String) | Should -Match 'Wrong'
        ($script:Result | Format-List | Out-String) | Should -Match 'Difference'
        ($script:Result | Format-List -View Detail | Out-String) | Should -Match 'W2'
        ($script:Result.Blocks | Format-Table | Out-String) | Should -Match 'W2'
        ($script:Result.Worst | Format-Table | Out-String) | Should -Match 'W2\['
        (New-GradCheckNetwork -Preset CourseTestCase | Out-String) | Should -Match '4-5-3-1'
        (New-GradCheckNetwork -Preset CourseTestCase | ConvertTo-ParameterVector | Out-String) | Should -Match 'W1\(5, 4\)'
    }

    It 'round-trips through ConvertTo-Json' {
        $json = $script:Result | ConvertTo-Json -Depth 4 | ConvertFrom-Json
        $json.Passed | Should -BeFalse
        $json.Difference | Should -Be $script:Result.Difference
        $json.FailedBlocks | Should -Be @('W2')
        @($json.Blocks).Count | Should -Be 6
    }

    It 'exports the summary and the blocks to CSV' {
        $csv = $script:Result | Select-Object Passed, Difference, Epsilon, ParameterCount, Message | ConvertTo-Csv | ConvertFrom-Csv
        $csv.Passed | Should -Be 'False'
        [double]$csv.Difference | Should -Be $script:Result.Difference
        $blocks = $script:Result.Blocks | Select-Object Name, Difference, Passed | ConvertTo-Csv | ConvertFrom-Csv
        ($blocks | Where-Object Name -eq 'W2').Passed | Should -Be 'False'
    }

    It 'narrates layout, epsilon, evaluations and time with -Verbose' {
        $verbose = New-GradCheckNetwork -Preset CourseTestCase | Test-Gradient -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $text = $verbose.Message -join "`n"
        $text | Should -Match 'W1\(5, 4\)'
        $text | Should -Match 'ε = 1E-07'
        $text | Should -Match 'cost evaluations in'
    }

    It 'narrates as PowerShell decides for <Name>' -TestCases @(
        @{ Name = '-Verbose'; Expected = $true; Check = { $n | Test-Gradient -Verbose } }
        @{ Name = 'no switch'; Expected = $false; Check = { $n | Test-Gradient } }
        @{ Name = "`$VerbosePreference = 'Continue'"; Expected = $true
            Check = { $VerbosePreference = 'Continue'; $n | Test-Gradient } }
        @{ Name = "`$VerbosePreference = 'Ignore'"; Expected = $false
            Check = { $VerbosePreference = 'Ignore'; $n | Test-Gradient } }
        @{ Name = "-Verbose:`$false over `$VerbosePreference = 'Continue'"; Expected = $false
            Check = { $VerbosePreference = 'Continue'; $n | Test-Gradient -Verbose:$false } }
        @{ Name = "`$VerbosePreference = 'continue' (a string)"; Expected = $true
            Check = { $VerbosePreference = 'continue'; $n | Test-Gradient } }
        @{ Name = '$VerbosePreference = 2 (a number)'; Expected = $true
            Check = { $VerbosePreference = 2; $n | Test-Gradient } }
        @{ Name = 'a function called with -Verbose'; Expected = $true
            Check = { function Invoke-Check { [CmdletBinding()] param() $n | Test-Gradient }; Invoke-Check -Verbose } }
    ) {
        # The narration is made only when it will be written (GradCheckCmdlet.WriteVerbose(Func<string>)), so the
        # decision is ours: every way of asking must still get it, and none other.
        $n = New-GradCheckNetwork -Preset CourseTestCase
        $records = @(& $Check 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        ($records.Count -gt 0) | Should -Be $Expected
        if ($Expected) { ($records.Message -join "`n") | Should -Match 'W1\(5, 4\)' }
    }

    It 'colours Passed when $PSStyle renders ANSI, and prints it plain otherwise' {
        $saved = $PSStyle.OutputRendering
        try {
            $PSStyle.OutputRendering = 'Ansi'
            ($script:Result | Format-Table | Out-String) | Should -Match ([regex]::Escape($PSStyle.Foreground.Red))
            $PSStyle.OutputRendering = 'PlainText'
            ($script:Result | Format-Table | Out-String) | Should -Not -Match "`e\["
        }
        finally { $PSStyle.OutputRendering = $saved }
    }
}

Describe 'The default table fits 80 columns (issue 10)' {
    BeforeAll {
        $script:Saved = $PSStyle.OutputRendering
        $PSStyle.OutputRendering = 'PlainText'
        $script:Results = @(
            New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2; b1 = 4 } | Test-Gradient
            4 | Test-Gradient -Cost { param($t) $t * 2 } -Gradient { 2 }
            New-GradCheckNetwork -Preset CourseTestCase | Test-Gradient -Directions 4 -Seed 1
        )
    }
    AfterAll { $PSStyle.OutputRendering = $script:Saved }

    It 'fits in <Width> columns and keeps every word of the messages whole' -TestCases @(@{ Width = 80 }, @{ Width = 60 }) {
        $text = $script:Results | Out-String -Width $Width
        $lines = $text -split "`r?`n"
        @($lines | Where-Object { $_.Length -gt $Width }) | Should -BeNullOrEmpty
        # Every word of every Message is on one line, in the Message column.
        foreach ($word in ($script:Results.Message -split ' ' | Select-Object -Unique)) {
            $text | Should -Match ('(?m)\s' + [regex]::Escape($word) + '(\s|$)') -Because "'$word' must not be split"
        }
        $lines[1] | Should -Match '^Name\s+Verdict\s+Difference\s+Message'
    }

    It 'shows Elapsed in ms below a second and in s above' {
        [GradCheck.Commands.Display]::Elapsed([timespan]::FromMilliseconds(0.31)) | Should -Be '0.3 ms'
        [GradCheck.Commands.Display]::Elapsed([timespan]::FromMilliseconds(487.5)) | Should -Be '488 ms'
        [GradCheck.Commands.Display]::Elapsed([timespan]::FromMilliseconds(7379.8)) | Should -Be '7.38 s'
        $script:Results[0] | Out-String -Width 80 | Should -Match '\d ms\s*$|\d ms\r?\n'
    }

    It 'has headers that are property names of <Name>, usable with Select-Object' -TestCases @(
        @{ Name = 'results'; Items = { $script:Results } }
        @{ Name = 'blocks'; Items = { $script:Results[0].Blocks } }
    ) {
        $items = & $Items
        $header = ($items | Out-String -Width 200) -split "`r?`n" | Where-Object { $_ -match '\S' } | Select-Object -First 1
        foreach ($column in -split $header) {
            $items[0].PSObject.Properties[$column] | Should -Not -BeNullOrEmpty -Because "the header '$column' must be a property"
            @($items | Select-Object $column).Count | Should -Be @($items).Count
        }
    }

    It 'shows the verdict, colouring Inconclusive like a warning' {
        $result = New-GradCheckNetwork -Preset CourseTestCase | Test-Gradient
        $result.GetType().GetProperty('Verdict').GetSetMethod($true).Invoke($result, @([GradCheck.CheckVerdict]::Inconclusive))
        $PSStyle.OutputRendering = 'Ansi'
        try { $text = $result | Out-String -Width 80 }
        finally { $PSStyle.OutputRendering = 'PlainText' }
        $text | Should -Match ([regex]::Escape($PSStyle.Foreground.Yellow + 'Inconclusive' + $PSStyle.Reset))
    }

    It 'marks the best epsilon of a sweep' {
        $sweep = New-GradCheckNetwork -Preset CourseTestCase | Test-Gradient -Epsilon 1e-3, 1e-5, 1e-7
        $best = ($sweep | Where-Object BestEpsilon).Epsilon.ToString('G3', [cultureinfo]::InvariantCulture)
        $text = $sweep | Out-String -Width 80
        ([regex]::Matches($text, '\(best\)')).Count | Should -Be 1
        # The mark sits under the best ε, in its column.
        $lines = $text -split "`r?`n"
        $at = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '\(best\)' })
        $lines[$at - 1] | Should -Match ([regex]::Escape($best) + '\s')
    }

    It 'leaves epsilon, threshold and criterion out of a Taylor result''s view' {
        $taylor = New-GradCheckNetwork -Preset CourseTestCase | Test-Gradient -Method Taylor -Seed 1
        $detail = $taylor | Format-List -View Detail | Out-String -Width 80
        $detail | Should -Match 'TaylorSlope'
        $detail | Should -Not -Match '(?m)^(Epsilon|Threshold|Criterion)\s*:'
        $taylor | Out-String -Width 80 | Should -Not -Match '1E-07'
        $entries = $script:Results[0] | Format-List -View Detail | Out-String -Width 80
        $entries | Should -Match '(?m)^Epsilon\s*:'
    }

    It 'counts failing directions, not entries, for a block re-checked along directions' {
        $directional = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2 } | Test-Gradient -Directions 32 -Seed 1
        $text = $directional.Blocks | Out-String -Width 80
        $text | Should -Match '(?m)^W2\s.*\s1 direction\s+Wrong'
        $text | Should -Not -Match '\d+/\d+'
    }
}

Describe 'Several results told apart by their Name (issue 10)' {
    It 'names a network''s results after its description' {
        (New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2; b1 = 4 } | Test-Gradient).Name | Should -Be '4-5-3-1 CourseTestCase, fault b1×4 W2×2'
        (New-GradCheckNetwork -LayerSize 3, 2, 1 -Seed 1 | Test-Gradient).Name | Should -Be '3-2-1'
    }

    It 'names results after the parameters'' form' {
        (4 | Test-Gradient -Cost { param($t) $t * 2 } -Gradient { 2 }).Name | Should -Be '1 number'
        (Test-Gradient -Parameter @(1, 2, 3) -Cost { 0 } -Gradient { , @(0, 0, 0) }).Name | Should -Be '3 numbers'
        $theta = [ordered]@{ W1 = [double[,]]::new(5, 4); b1 = [double[,]]::new(5, 1) }
        (Test-Gradient -Parameter $theta -Cost { 0 } -Gradient { [ordered]@{ W1 = [double[,]]::new(5, 4); b1 = [double[,]]::new(5, 1) } }).Name | Should -Be 'W1 (5,4), b1 (5,1)'
    }

    It 'takes -Name on Test-Gradient and on New-GradCheckNetwork, and shows it first' {
        (4 | Test-Gradient -Cost { param($t) $t * 2 } -Gradient { 2 } -Name 'linear').Name | Should -Be 'linear'
        $net = New-GradCheckNetwork -Preset CourseTestCase -Name 'course'
        $net.Name | Should -Be 'course'
        $results = @($net, (New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2 })) | Test-Gradient
        $results.Name | Should -Be @('course', '4-5-3-1 CourseTestCase, fault W2×2')
        ($results | Out-String -Width 80) -split "`r?`n" | Where-Object { $_ -match '^(course|4-5-3-1)\s' } | Should -HaveCount 2
    }
}

Describe 'Readable CSV, typed arrays kept (issue 10)' {
    BeforeAll {
        $script:Result = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2; b1 = 4 } | Test-Gradient -Sample 20 -Seed 1
        $script:Directional = New-GradCheckNetwork -Preset CourseTestCase | Test-Gradient -Directions 2 -Seed 1
        $script:Taylor = New-GradCheckNetwork -Preset CourseTestCase | Test-Gradient -Method Taylor -Seed 1
    }

    It 'writes no type names into the cells of <Name>' -TestCases @(
        @{ Name = 'results'; Items = { $script:Result, $script:Directional, $script:Taylor } }
        @{ Name = 'blocks'; Items = { $script:Result.Blocks } }
    ) {
        $csv = (& $Items) | ConvertTo-Csv
        ($csv -join "`n") | Should -Not -Match 'System\.|GradCheck\.'
    }

    It 'writes Shape as 5×4, FailedBlocks as b1;W2 and summarises arrays' {
        $blocks = $script:Result.Blocks | ConvertTo-Csv | ConvertFrom-Csv
        $blocks[0].Shape | Should -Be '5×4'
        $row = $script:Result | ConvertTo-Csv | ConvertFrom-Csv
        $row.FailedBlocks | Should -Be 'b1;W2'
        $row.Analytic | Should -Match '^-0\.373478;.*\(47 in all\)$'
        $row.SampledEntries | Should -Match '\(20 in all\)$'
    }

    It 'keeps the typed arrays for scripts' {
        $script:Result.Blocks[0].Shape -is [int[]] | Should -BeTrue
        $script:Result.Blocks[0].Shape[1] | Should -Be 4
        $script:Result.Analytic -is [double[]] | Should -BeTrue
        $script:Result.Analytic.Count | Should -Be 47
        $script:Result.FailedBlocks | Should -Be @('b1', 'W2')
        $script:Result.Blocks[1] | Should -BeOfType [GradCheck.BlockResult]
        ($script:Result | ConvertTo-Json -Depth 3 | ConvertFrom-Json).Blocks[0].Shape | Should -Be @(5, 4)
    }
}

Describe 'Typed arrays inside other objects (issue 10)' {
    It 'serialise as plain arrays when put into another object' {
        $result = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2; b1 = 4 } | Test-Gradient
        $json = [pscustomobject]@{ Failed = $result.FailedBlocks; Shape = $result.Blocks[0].Shape } | ConvertTo-Json -Compress | ConvertFrom-Json
        $json.Failed | Should -Be @('b1', 'W2')
        $json.Shape | Should -Be @(5, 4)
    }
}

Describe 'The network view shows the regularisation' {
    It 'lists L2, KeepProbability and the masks of <Name>' -TestCases @(
        @{ Name = 'the dropout preset with L2 0.7'; Arguments = @{ Preset = 'CourseDropoutTestCase'; L2 = 0.7 } }
    ) {
        $text = New-GradCheckNetwork @Arguments | Out-String -Width 80
        $text | Should -Match 'L2\s+: 0\.7'
        $text | Should -Match 'KeepProbability\s+: 0\.7'
        # np.random.rand over A1 (2, 5) and A2 (3, 5): the course's two hidden layers.
        $text | Should -Match 'DropoutMask\s+: D1\(2, 5\) D2\(3, 5\)'
    }
}
