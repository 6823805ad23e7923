BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Cost = { param($t) $t * 2 }
}

Describe 'Every bad input gets an ErrorRecord with a stable ErrorId' {
    It '<Id>: <Name>' -TestCases @(
        @{ Id = 'CostThrew'; Name = 'the cost block throws'; Run = { 4 | Test-Gradient -Cost { throw 'boom' } -Gradient { 2 } } }
        @{ Id = 'CostReturnedNothing'; Name = 'the cost block returns nothing'; Run = { 4 | Test-Gradient -Cost { } -Gradient { 2 } } }
        @{ Id = 'CostReturnedNothing'; Name = 'the cost block returns $null'; Run = { 4 | Test-Gradient -Cost { $null } -Gradient { 2 } } }
        @{ Id = 'CostReturnedMany'; Name = 'the cost block returns two values'; Run = { 4 | Test-Gradient -Cost { 1; 2 } -Gradient { 2 } } }
        @{ Id = 'CostNotNumber'; Name = 'the cost block returns a string'; Run = { 4 | Test-Gradient -Cost { 'x' } -Gradient { 2 } } }
        @{ Id = 'CostNotFinite'; Name = 'the cost is NaN'; Run = { 4 | Test-Gradient -Cost { [double]::NaN } -Gradient { 2 } } }
        @{ Id = 'CostNotFinite'; Name = 'the cost is infinite away from theta'; Run = { 4 | Test-Gradient -Cost { param($t) if ($t -ne 4) { [double]::PositiveInfinity } else { 8 } } -Gradient { 2 } } }
        @{ Id = 'GradientThrew'; Name = 'the gradient block throws'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { throw 'no' } } }
        @{ Id = 'GradientReturnedNothing'; Name = 'the gradient block returns nothing'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { } } }
        @{ Id = 'GradientNotFinite'; Name = 'the gradient is NaN'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { [double]::NaN } } }
        @{ Id = 'GradientNotNumeric'; Name = 'the gradient is a string'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { 'two' } } }
        @{ Id = 'GradientLengthMismatch'; Name = 'the gradient vector is too short'; Run = { Test-Gradient -Parameter @(1, 2, 3) -Cost { param($t) $t[0] } -Gradient { , @(1, 0) } } }
        @{ Id = 'GradientMissingKey'; Name = 'the gradient lacks a key'; Run = { Test-Gradient -Parameter ([ordered]@{ W1 = 1; b1 = 2 }) -Cost { param($t) $t.W1 + $t.b1 } -Gradient { @{ dW1 = 1 } } } }
        @{ Id = 'GradientExtraKey'; Name = 'the gradient has a stray key'; Run = { Test-Gradient -Parameter ([ordered]@{ W1 = 1 }) -Cost { param($t) $t.W1 } -Gradient { @{ dW1 = 1; dQ1 = 3 } } } }
        @{ Id = 'GradientShapeMismatch'; Name = 'a gradient block has the wrong shape'; Run = { Test-Gradient -Parameter ([ordered]@{ W1 = [double[,]]::new(2, 3) }) -Cost { 0 } -Gradient { @{ dW1 = [double[,]]::new(3, 2) } } } }
        @{ Id = 'ParameterNotNumeric'; Name = 'theta holds a string'; Run = { Test-Gradient -Parameter @{ W1 = 'abc' } -Cost { 0 } -Gradient { 0 } } }
        @{ Id = 'ParameterNotRectangular'; Name = 'a jagged theta has ragged rows'; Run = { Test-Gradient -Parameter @{ W1 = @(@(1, 2), @(3)) } -Cost { 0 } -Gradient { 0 } } }
        @{ Id = 'ParameterEmpty'; Name = 'theta is empty'; Run = { Test-Gradient -Parameter @{} -Cost { 0 } -Gradient { 0 } } }
        @{ Id = 'ParameterNotFinite'; Name = 'theta holds NaN'; Run = { [double]::NaN | Test-Gradient -Cost $script:Cost -Gradient { 2 } } }
        @{ Id = 'ParameterNotFinite'; Name = 'theta of 1e40 in a single-precision check'; Run = { 1e40 | Test-Gradient -Cost $script:Cost -Gradient { 2 } -Precision Single } }
        @{ Id = 'EpsilonInvalid'; Name = 'epsilon is 0'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { 2 } -Epsilon 0 } }
        @{ Id = 'EpsilonTooSmall'; Name = 'epsilon is lost next to theta'; Run = { 1 | Test-Gradient -Cost { param($t) $t } -Gradient { 1000 } -Epsilon 1e-300 } }
        @{ Id = 'ParameterDuplicateName'; Name = 'keys 1 and ''1'' in one hashtable'; Run = { $h = @{}; $h[1] = 2.0; $h['1'] = 3.0; Test-Gradient -Parameter $h -Cost { 0 } -Gradient { 0 } } }
        @{ Id = 'ParameterNotNumeric'; Name = 'a rank-3 array holding a string'; Run = { $a = [object[,,]]::new(2, 2, 2); $a[1, 0, 1] = 'x'; Test-Gradient -Parameter $a -Cost { 0 } -Gradient { 0 } } }
        @{ Id = 'ExampleCountInvalid'; Name = 'more examples than an array holds'; Run = { New-GradCheckNetwork -LayerSize 2, 1 -ExampleCount 1500000000 } }
        @{ Id = 'LayerSizeInvalid'; Name = 'a block larger than an array holds'; Run = { New-GradCheckNetwork -LayerSize 2, 30000, 30000, 1 } }
        @{ Id = 'ActivationUnknown'; Name = 'two activations in one string'; Run = { New-GradCheckNetwork -LayerSize 4, 3, 1 -Activation 'Tanh,Sigmoid', Sigmoid } }
        @{ Id = 'ParameterNotFinite'; Name = 'a NaN written into a network''s weights'; Run = { $n = New-GradCheckNetwork -Preset CourseTestCase; $n.Parameters['W1'][0, 0] = [double]::NaN; $n | Invoke-ForwardPropagation } }
        @{ Id = 'InputNotFinite'; Name = 'a NaN written into a network''s input'; Run = { $n = New-GradCheckNetwork -Preset CourseTestCase; $n.Input[0, 0] = [double]::NaN; $n | Test-Gradient } }
        @{ Id = 'NetworkParameterExtra'; Name = 'a block W4 added to a network''s parameters'; Run = { $n = New-GradCheckNetwork -Preset CourseTestCase; $n.Parameters['W4'] = [double[,]]::new(1, 1); $n | Test-Gradient } }
        @{ Id = 'EpsilonInvalid'; Name = 'epsilon is infinite'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { 2 } -Epsilon ([double]::PositiveInfinity) } }
        @{ Id = 'ThresholdInvalid'; Name = 'the threshold is negative'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { 2 } -Threshold -1 } }
        @{ Id = 'ThresholdInvalid'; Name = 'a threshold of 2e7 for 2e-7, which would pass anything'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { -1000 } -Criterion Course -Threshold 2e7 } }
        @{ Id = 'TopInvalid'; Name = 'Top is negative'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { 2 } -Top -1 } }
        @{ Id = 'SampleInvalid'; Name = 'a negative sample'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { 2 } -Sample -3 } }
        @{ Id = 'SampleInvalid'; Name = 'negative directions'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { 2 } -Directions -1 } }
        @{ Id = 'ModeConflict'; Name = 'a sample along random directions'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { 2 } -Sample 3 -Directions 2 } }
        @{ Id = 'ModeConflict'; Name = 'the Taylor test with a sample'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { 2 } -Method Taylor -Sample 3 } }
        @{ Id = 'ModeConflict'; Name = 'the Taylor test over several epsilons'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { 2 } -Method Taylor -Epsilon 1e-3, 1e-5 } }
        @{ Id = 'ModeConflict'; Name = 'the Taylor test by the course''s rule'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { 2 } -Method Taylor -Criterion Course } }
        @{ Id = 'GradientNotScriptBlock'; Name = 'a number as -Gradient with -Cost'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient 2 } }
        @{ Id = 'LayerSizeInvalid'; Name = 'a layer has no units'; Run = { New-GradCheckNetwork -LayerSize 4, 0, 1 } }
        @{ Id = 'ActivationUnknown'; Name = 'an activation is misspelt'; Run = { New-GradCheckNetwork -LayerSize 4, 3, 1 -Activation ReLU, Sigmod } }
        @{ Id = 'ActivationCountMismatch'; Name = 'too few activations'; Run = { New-GradCheckNetwork -LayerSize 4, 3, 1 -Activation Sigmoid } }
        @{ Id = 'LossUnknown'; Name = 'the loss is misspelt'; Run = { New-GradCheckNetwork -LayerSize 4, 3, 1 -Loss Hinge } }
        @{ Id = 'LossNeedsSigmoid'; Name = 'CrossEntropy on a linear output'; Run = { New-GradCheckNetwork -LayerSize 4, 1 -Activation Linear } }
        @{ Id = 'ExampleCountInvalid'; Name = 'no examples'; Run = { New-GradCheckNetwork -LayerSize 4, 1 -ExampleCount 0 } }
        @{ Id = 'InputShapeMismatch'; Name = 'the input has the wrong number of features'; Run = { New-GradCheckNetwork -LayerSize 4, 1 -Input ([double[,]]::new(3, 2)) -Label @(1, 0) } }
        @{ Id = 'InputNotFinite'; Name = 'the input holds NaN'; Run = { New-GradCheckNetwork -LayerSize 1, 1 -Input @(, @([double]::NaN)) -Label @(1) } }
        @{ Id = 'LabelShapeMismatch'; Name = 'one label too few'; Run = { New-GradCheckNetwork -LayerSize 4, 1 -Input ([double[,]]::new(4, 3)) -Label @(1, 0) } }
        @{ Id = 'LabelOutOfRange'; Name = 'a CrossEntropy label of 2'; Run = { New-GradCheckNetwork -LayerSize 4, 1 -Input ([double[,]]::new(4, 2)) -Label @(1, 2) } }
        @{ Id = 'NetworkParameterMissing'; Name = 'the parameters lack b1'; Run = { New-GradCheckNetwork -LayerSize 2, 1 -Parameter @{ W1 = [double[,]]::new(1, 2) } } }
        @{ Id = 'NetworkParameterExtra'; Name = 'the parameters have a W2 too many'; Run = { New-GradCheckNetwork -LayerSize 2, 1 -Parameter @{ W1 = [double[,]]::new(1, 2); b1 = 0; W2 = 1 } } }
        @{ Id = 'NetworkParameterShapeMismatch'; Name = 'W1 is transposed'; Run = { New-GradCheckNetwork -LayerSize 2, 1 -Parameter @{ W1 = [double[,]]::new(2, 1); b1 = 0 } } }
        @{ Id = 'FaultUnknownBlock'; Name = 'the fault names W9'; Run = { New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W9 = 2 } } }
        @{ Id = 'ParameterArgumentValidationError'; Name = 'a negative seed, which numpy refuses'; Run = { New-GradCheckNetwork -LayerSize 4, 1 -Seed -1 } }
        @{ Id = 'ParameterArgumentTransformationError'; Name = 'a layer of 2.5 units, which PowerShell would round to 2'; Run = { New-GradCheckNetwork -LayerSize 4, 2.5, 1 } }
        @{ Id = 'ParameterArgumentTransformationError'; Name = 'a sample of 2.5 entries'; Run = { 4 | Test-Gradient -Cost $script:Cost -Gradient { 2 } -Sample 2.5 } }
        @{ Id = 'FaultUnknownBlock'; Name = 'the fault names W2 twice, as dW2 and W2'; Run = { New-GradCheckNetwork -Preset CourseTestCase -Fault ([ordered]@{ dW2 = 2; W2 = 3 }) } }
        @{ Id = 'FaultNotFinite'; Name = 'the fault factor is not a number'; Run = { New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 'twice' } } }
        @{ Id = 'PresetUnknown'; Name = 'an unknown preset'; Run = { New-GradCheckNetwork -Preset Imagenet } }
        @{ Id = 'L2Invalid'; Name = 'a negative lambda'; Run = { New-GradCheckNetwork -LayerSize 4, 3, 1 -L2 -0.1 } }
        @{ Id = 'L2Invalid'; Name = 'a NaN lambda'; Run = { New-GradCheckNetwork -Preset CourseTestCase -L2 ([double]::NaN) } }
        @{ Id = 'L2Invalid'; Name = 'an infinite lambda'; Run = { New-GradCheckNetwork -LayerSize 4, 3, 1 -L2 ([double]::PositiveInfinity) } }
        @{ Id = 'KeepProbabilityInvalid'; Name = 'a keep probability of 0'; Run = { New-GradCheckNetwork -LayerSize 4, 3, 1 -KeepProbability 0 } }
        @{ Id = 'KeepProbabilityInvalid'; Name = 'a keep probability above 1'; Run = { New-GradCheckNetwork -Preset CourseDropoutTestCase -KeepProbability 1.5 } }
        @{ Id = 'KeepProbabilityInvalid'; Name = 'a NaN keep probability'; Run = { New-GradCheckNetwork -LayerSize 4, 3, 1 -KeepProbability ([double]::NaN) } }
        @{ Id = 'SoftmaxNotOutput'; Name = 'Softmax on a hidden layer'; Run = { New-GradCheckNetwork -LayerSize 4, 3, 2 -Activation Softmax, Softmax -Loss CategoricalCrossEntropy } }
        @{ Id = 'LossNeedsSoftmax'; Name = 'CategoricalCrossEntropy on a sigmoid output'; Run = { New-GradCheckNetwork -LayerSize 4, 3, 2 -Loss CategoricalCrossEntropy } }
        @{ Id = 'LabelNotOneHot'; Name = 'a column of labels summing to 2'; Run = { New-GradCheckNetwork -LayerSize 2, 2 -Activation Softmax -Loss CategoricalCrossEntropy -Input ([double[,]]::new(2, 2)) -Label @(@(1, 0), @(1, 1)) } }
        @{ Id = 'LabelNotOneHot'; Name = 'a label of -0.5'; Run = { New-GradCheckNetwork -LayerSize 2, 2 -Activation Softmax -Loss CategoricalCrossEntropy -Input ([double[,]]::new(2, 1)) -Label @(@(-0.5), @(1.5)) } }
    ) {
        Get-ErrorId $Run | Should -Be $Id
    }

    It 'names the culprit: which key, which shape was expected and which came' {
        $errors = @()
        Test-Gradient -Parameter ([ordered]@{ W1 = [double[,]]::new(2, 3) }) -Cost { 0 } -Gradient { @{ dW1 = [double[,]]::new(3, 2) } } -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].TargetObject | Should -Be 'dW1'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $errors[0].Exception.Message | Should -BeLike "*'dW1'*(3, 2)*expected (2, 3)*"
    }

    It 'writes one error per bad input and goes on with the next' {
        $errors = @()
        $results = @(4, [double]::NaN, 5) | Test-Gradient -Cost $script:Cost -Gradient { 2 } -ErrorVariable errors -ErrorAction SilentlyContinue
        $results.Count | Should -Be 2
        $errors.Count | Should -Be 1
    }

    It 'names the culprit of <Id>: <Target>' -TestCases @(
        @{ Id = 'SoftmaxNotOutput'; Target = 'Activation[0]'; Category = 'InvalidArgument'
            Arguments = @{ LayerSize = 4, 3, 2; Activation = 'Softmax', 'Softmax'; Loss = 'CategoricalCrossEntropy' } }
        @{ Id = 'LabelNotOneHot'; Target = 'Label[:,1]'; Category = 'InvalidData'
            Arguments = @{ LayerSize = 2, 2; Activation = 'Softmax'; Loss = 'CategoricalCrossEntropy'
                Input = [double[,]]::new(2, 2); Label = @(@(1, 0), @(0, 0)) } }
        @{ Id = 'LabelNotOneHot'; Target = 'Label[0,0]'; Category = 'InvalidData'
            Arguments = @{ LayerSize = 2, 2; Activation = 'Softmax'; Loss = 'CategoricalCrossEntropy'
                Input = [double[,]]::new(2, 1); Label = @(@(-0.5), @(1.5)) } }
        @{ Id = 'KeepProbabilityInvalid'; Target = 0; Category = 'InvalidArgument'; Arguments = @{ LayerSize = 4, 3, 1; KeepProbability = 0 } }
        @{ Id = 'L2Invalid'; Target = -0.1; Category = 'InvalidArgument'; Arguments = @{ LayerSize = 4, 3, 1; L2 = -0.1 } }
    ) {
        $errors = @()
        $null = New-GradCheckNetwork @Arguments -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errors[0].TargetObject | Should -Be $Target
        "$($errors[0].CategoryInfo.Category)" | Should -Be $Category
    }

    It 'stops the whole command for an invalid option' {
        { 4 | Test-Gradient -Cost $script:Cost -Gradient { 2 } -Epsilon -1 } | Should -Throw -ErrorId 'EpsilonInvalid,GradCheck.Commands.TestGradientCommand'
    }

    It 'never leaks a raw .NET exception from a throwing cost block' {
        $errors = @()
        4 | Test-Gradient -Cost { [int]::Parse('x') } -Gradient { 2 } -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].Exception | Should -BeOfType [GradCheck.GradCheckException]
        $errors[0].Exception.Message | Should -BeLike 'The cost scriptblock threw:*'
    }

    It 'writing the report over a file the system will not let us write: ReportWriteFailed' -Skip:(-not (Test-Path /proc/version)) {
        $result = 4 | Test-Gradient -Cost $script:Cost -Gradient { 2 }
        Get-ErrorId { $result | Export-GradientReport -Path /proc/version -Force } | Should -Be 'ReportWriteFailed'
    }
}

Describe 'The ErrorIds are all tested' {
    It 'asserts every ErrorId constant somewhere in the tests' {
        $tests = Get-ChildItem $PSScriptRoot -Recurse -Include *.Tests.ps1, *.cs | Get-Content -Raw
        $untested = [GradCheck.ErrorIds].GetFields() | Where-Object IsLiteral | ForEach-Object Name |
            Where-Object { $name = $_; -not ($tests | Where-Object { $_ -match "'$name'|""$name""|ErrorIds\.$name\b" }) }
        $untested | Should -BeNullOrEmpty
    }
}

Describe 'An input that cannot be checked (issue 10)' {
    It 'answers $false with -Quiet, after writing its error, so that the CI pattern cannot pass on an error' {
        $errors = @()
        $checks = @(
            4 | Test-Gradient -Cost { param($t) $t * 2 } -Gradient { 2 } -Quiet
            4 | Test-Gradient -Cost { throw 'boom' } -Gradient { 2 } -Quiet -ErrorVariable +errors -ErrorAction SilentlyContinue
            @(4, [double]::NaN) | Test-Gradient -Cost { param($t) $t * 2 } -Gradient { 2 } -Quiet -ErrorVariable +errors -ErrorAction SilentlyContinue
        )
        $checks | Should -Be @($true, $false, $true, $false)
        $checks | ForEach-Object { $_ | Should -BeOfType [bool] }
        $errors.Count | Should -Be 2
        $checks -contains $false | Should -BeTrue
    }

    It 'reports an error the <Block> writes as <Id>, once, naming it: <Name>' -TestCases @(
        @{ Block = 'cost'; Name = 'Write-Error'; Id = 'CostThrew'; Cost = { param($t) Write-Error 'the cost is broken'; $t * 2 }; Gradient = { 2 }; Text = 'the cost is broken' }
        @{ Block = 'cost'; Name = 'a failing command'; Id = 'CostThrew'; Cost = { param($t) Get-Item '/no/such/gradcheck/file' | Out-Null; $t * 2 }; Gradient = { 2 }; Text = 'no/such/gradcheck' }
        @{ Block = 'gradient'; Name = 'Write-Error'; Id = 'GradientThrew'; Cost = { param($t) $t * 2 }; Gradient = { Write-Error 'the gradient is broken'; 2 }; Text = 'the gradient is broken' }
    ) {
        $errors = @()
        $results = @(4 | Test-Gradient -Cost $Cost -Gradient $Gradient -ErrorVariable errors -ErrorAction SilentlyContinue)
        $results | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errors[0].Exception.Message | Should -BeLike "The $Block scriptblock wrote an error*$Text*"
    }

    It 'reports an error written by a network''s -Gradient scriptblock as GradientThrew' {
        $net = New-GradCheckNetwork -Preset CourseTestCase
        $errors = @()
        $null = $net | Test-Gradient -Gradient { param($p) Write-Error 'no backprop'; $net | Invoke-BackwardPropagation } -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'GradientThrew,*'
    }

    It 'leaves errors the block handles itself alone' {
        $result = 4 | Test-Gradient -Cost { param($t) Get-Item '/no/such/file' -ErrorAction SilentlyContinue; try { throw 'x' } catch { }; $t * 2 } -Gradient { 2 }
        $result.Passed | Should -BeTrue
    }
}

Describe 'Error targets are the culprits themselves (issue 10)' {
    BeforeAll {
        function script:Get-Target([scriptblock] $Command) {
            $Error.Clear()
            try { & $Command 2>$null | Out-Null } catch { $null = $_ }
            $record = $Error[0]
            if ($record -isnot [System.Management.Automation.ErrorRecord]) { $record = $record.ErrorRecord }
            , $record.TargetObject
        }
    }

    It 'is the value the cost returned for CostNotNumber' {
        $target = Get-Target { 4 | Test-Gradient -Cost { 'x' } -Gradient { 2 } }
        $target | Should -BeOfType [string]
        $target | Should -BeExactly 'x'
    }

    It 'is the values the cost returned for CostReturnedMany' {
        $target = Get-Target { 4 | Test-Gradient -Cost { 1; 2 } -Gradient { 2 } }
        $target | Should -Be @(1, 2)
    }

    It 'is the value that is not a number: <Name>' -TestCases @(
        @{ Name = 'a block of theta'; Run = { Test-Gradient -Parameter @{ W1 = 'abc' } -Cost { 0 } -Gradient { 0 } }; Expected = 'abc' }
        @{ Name = 'the gradient'; Run = { 4 | Test-Gradient -Cost { 2 } -Gradient { 'two' } }; Expected = 'two' }
        @{ Name = 'a fault factor'; Run = { New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 'twice' } }; Expected = 'twice' }
        @{ Name = 'a string after a number in a flat theta'; Run = { Test-Gradient -Parameter @(1.5, '2') -Cost { 0 } -Gradient { 0 } }; Expected = '2' }
    ) {
        Get-Target $Run | Should -BeExactly $Expected
    }

    It 'says that <Name> outside a loop ended the cost block, and targets the block' -TestCases @(
        @{ Name = 'break'; Cost = { param($t) if ($t -gt 3) { break }; $t * 2 } }
        @{ Name = 'continue'; Cost = { param($t) if ($t -gt 3) { continue }; $t * 2 } }
    ) {
        $errors = @()
        $null = 4 | Test-Gradient -Cost $Cost -Gradient { 2 } -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'CostThrew,*'
        $errors[0].Exception.Message | Should -BeLike '*break, continue or exit outside a loop*'
        $errors[0].TargetObject | Should -BeOfType [scriptblock]
    }

    It 'says that a θ of 1e40 overflows float32 in a single-precision check, rather than that it is infinite' {
        $errors = @()
        $null = 1e40 | Test-Gradient -Cost $script:Cost -Gradient { 2 } -Precision Single -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ParameterNotFinite,*'
        $errors[0].Exception.Message | Should -BeLike '*1E+40*float32*'
    }

    It 'says a flat vector came where a network takes its blocks by name: <Name>' -TestCases @(
        @{ Name = 'Invoke-ForwardPropagation'; Run = { $n = New-GradCheckNetwork -Preset CourseTestCase; $n | Invoke-ForwardPropagation -Parameter ($n | ConvertTo-ParameterVector).Values } }
        @{ Name = 'New-GradCheckNetwork'; Run = { New-GradCheckNetwork -LayerSize 2, 1 -Parameter @(1.0, 2.0, 3.0) } }
    ) {
        $Error.Clear()
        try { & $Run 2>$null | Out-Null } catch { $null = $_ }
        $record = $Error[0]
        if ($record -isnot [System.Management.Automation.ErrorRecord]) { $record = $record.ErrorRecord }
        $record.FullyQualifiedErrorId | Should -BeLike 'NetworkParameterExtra,*'
        $record.Exception.Message | Should -BeLike '*flat vector of * numbers*ConvertFrom-ParameterVector*'
    }

    It 'names the entry of a flat array that is no number, and a number among arrays: <Name>' -TestCases @(
        @{ Name = 'a string after a number'; Id = 'ParameterNotNumeric'; Value = @(1.5, '2'); Message = "*[[]1]*the string '2'*" }
        @{ Name = '$null after a number'; Id = 'ParameterNotNumeric'; Value = @(1, $null, 3); Message = '*[[]1]*' }
        @{ Name = 'a number, then an array'; Id = 'ParameterNotRectangular'; Value = @(1, @(2, 3)); Message = '*entry [[]0] is a number but entry [[]1] is an array*' }
        @{ Name = 'an array, then a number'; Id = 'ParameterNotRectangular'; Value = @(@(2, 3), 1); Message = '*entry [[]1] is a number but entry [[]0] is an array*' }
    ) {
        $errors = @()
        $null = Test-Gradient -Parameter $Value -Cost { 0 } -Gradient { 0 } -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errors[0].Exception.Message | Should -BeLike $Message
    }

    It 'is the key''s name when a key is at fault' {
        Get-Target { Test-Gradient -Parameter ([ordered]@{ W1 = 1 }) -Cost { param($t) $t.W1 } -Gradient { @{ dW1 = 1; dQ1 = 3 } } } | Should -BeExactly 'dQ1'
        Get-Target { Test-Gradient -Parameter ([ordered]@{ W1 = 1; b1 = 2 }) -Cost { 0 } -Gradient { @{ dW1 = 1 } } } | Should -BeExactly 'b1'
    }
}

Describe 'Messages name what the user gave (issue 10)' {
    BeforeAll {
        function script:Get-Message([scriptblock] $Command) {
            $Error.Clear()
            try { & $Command 2>$null | Out-Null } catch { $null = $_ }
            $record = $Error[0]
            if ($record -isnot [System.Management.Automation.ErrorRecord]) { $record = $record.ErrorRecord }
            $record.Exception.Message
        }
    }

    It '<Name>' -TestCases @(
        @{ Name = 'a string given to -Parameter'; Run = { Test-Gradient -Parameter 'abc' -Cost { 0 } -Gradient { 0 } }; Expected = "The -Parameter value is the string 'abc';*" }
        @{ Name = 'a block of -Parameter'; Run = { Test-Gradient -Parameter @{ W1 = 'abc' } -Cost { 0 } -Gradient { 0 } }; Expected = "Block 'W1' of the -Parameter value is the string 'abc';*" }
        @{ Name = 'NaN piped'; Run = { [double]::NaN | Test-Gradient -Cost { 0 } -Gradient { 0 } }; Expected = 'The pipeline input is NaN;*' }
        @{ Name = 'NaN in a vector'; Run = { Test-Gradient -Parameter @(1, 2, 3, [double]::NaN) -Cost { 0 } -Gradient { 0 } }; Expected = 'Entry 3 of the -Parameter value is NaN;*' }
        @{ Name = 'NaN in a block'; Run = { Test-Gradient -Parameter ([ordered]@{ W1 = @(@(1, 2), @(3, [double]::NaN)) }) -Cost { 0 } -Gradient { 0 } }; Expected = "Entry [[]1,1] of block 'W1' of the -Parameter value is NaN;*" }
        @{ Name = 'a ragged block'; Run = { Test-Gradient -Parameter @{ W1 = @(@(1, 2), @(3)) } -Cost { 0 } -Gradient { 0 } }; Expected = "Block 'W1' of the -Parameter value is not rectangular: row 0 has 2 numbers but row 1 has 1." }
        @{ Name = 'an epsilon lost next to the pipeline input'; Run = { 1 | Test-Gradient -Cost { param($t) $t } -Gradient { 1 } -Epsilon 1e-300 }; Expected = 'Epsilon 1E-300 is lost next to the pipeline input, which is 1:*' }
        @{ Name = 'a gradient that is a string'; Run = { 4 | Test-Gradient -Cost { 2 } -Gradient { 'two' } }; Expected = "The gradient is the string 'two';*" }
        @{ Name = 'a block of the gradient'; Run = { Test-Gradient -Parameter ([ordered]@{ W1 = 1 }) -Cost { 0 } -Gradient { @{ dW1 = 'x' } } }; Expected = "Block 'dW1' of the gradient is the string 'x';*" }
    ) {
        $message = Get-Message $Run
        $message | Should -BeLike $Expected
        $message | Should -Not -Match '\btheta\b'
    }

    It 'targets the ε itself when it is too small, and the value when it is not finite' {
        $errors = @()
        1 | Test-Gradient -Cost { param($t) $t } -Gradient { 1 } -Epsilon 1e-300 -ErrorVariable +errors -ErrorAction SilentlyContinue
        Test-Gradient -Parameter @(1, [double]::PositiveInfinity) -Cost { 0 } -Gradient { 0 } -ErrorVariable +errors -ErrorAction SilentlyContinue
        $errors[0].TargetObject | Should -Be 1e-300
        $errors[1].TargetObject | Should -Be ([double]::PositiveInfinity)
    }
}
