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
        @{ Name = 'fault blocks from the layer sizes typed'; Line = 'New-GradCheckNetwork -LayerSize 4,5,3,1 -Fault '; Expected = @('W1', 'b1', 'W2', 'b2', 'W3', 'b3') }
        @{ Name = 'fault blocks of a two-layer network'; Line = 'New-GradCheckNetwork -LayerSize 4,5,1 -Fault W'; Expected = @('W1', 'W2') }
    ) {
        $offered = @(Get-Completion $Line)
        foreach ($name in $Expected) { $offered | Should -Contain $name }
        if ($Name -eq 'fault blocks of a two-layer network') { $offered | Should -Not -Contain 'W3' }
    }
}

Describe 'Results in the shell''s machinery' {
    BeforeAll {
        $script:Result = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2 } | Test-Gradient
    }

    It 'renders in Format-Table and Format-List without errors' {
        ($script:Result | Format-Table | Out-String) | Should -Match 'False'
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
