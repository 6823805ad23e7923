BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    function script:Get-Verdicts([string] $Culture) {
        # A fresh process, so that the UI culture is set before the resources are first looked up.
        $json = & dotnet pwsh -NoProfile -NonInteractive -Command @"
[cultureinfo]::CurrentUICulture = '$Culture'
Import-Module '$script:ModuleManifest'
`$buggy = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2; b1 = 4 } | Test-Gradient
`$fixed = New-GradCheckNetwork -Preset CourseTestCase | Test-Gradient
`$course = New-GradCheckNetwork -Preset CourseTestCase | Test-Gradient -Criterion Course
[pscustomobject]@{ Buggy = `$buggy.Message; Fixed = `$fixed.Message; Course = `$course.Message } | ConvertTo-Json -Compress
"@
        $json | ConvertFrom-Json
    }
}

Describe 'Verdict messages follow the UI culture' {
    It 'speaks English by default' {
        $verdicts = Get-Verdicts 'en-US'
        $verdicts.Buggy | Should -BeLike 'Wrong in b1, W2:*'
        $verdicts.Fixed | Should -BeLike 'Correct: all 47 entries*'
        $verdicts.Course | Should -BeLike 'Passes the course''s rule*'
    }

    It 'speaks Chinese when the UI culture is <Name>' -TestCases @(@{ Name = 'zh-CN' }, @{ Name = 'zh-SG' }, @{ Name = 'zh-Hans' }) {
        $verdicts = Get-Verdicts $Name
        $verdicts.Buggy | Should -BeLike '梯度错误*b1, W2*'
        $verdicts.Fixed | Should -BeLike '梯度正确*47*'
        $verdicts.Course | Should -BeLike '符合课程的规则*'
    }

    It 'ships the Simplified Chinese resources as a satellite assembly' {
        Join-Path (Split-Path $script:ModuleManifest) 'zh-Hans/GradCheck.Core.resources.dll' | Should -Exist
    }
}

Describe 'Errors and -Verbose narration follow the UI culture' {
    BeforeAll {
        # One fresh process for both languages: Chinese first, then English in the same process, so that the
        # English run also shows that nothing was cached in the language that came first.
        $json = & dotnet pwsh -NoProfile -NonInteractive -Command @"
Import-Module '$script:ModuleManifest'
function Get-Failure([scriptblock] `$Command) {
    `$Error.Clear()
    try { & `$Command 2>`$null | Out-Null } catch { `$null = `$_ }
    `$record = `$Error[0]
    if (`$record -isnot [System.Management.Automation.ErrorRecord]) { `$record = `$record.ErrorRecord }
    [pscustomobject]@{ Id = `$record.FullyQualifiedErrorId; Category = [string]`$record.CategoryInfo.Category; Target = [string]`$record.TargetObject; Message = `$record.Exception.Message }
}
function Get-Texts {
    [pscustomobject]@{
        Epsilon = Get-Failure { 4 | Test-Gradient -Cost { param(`$t) `$t * 2 } -Gradient { 2 } -Epsilon -0.5 }
        Shape = Get-Failure { Test-Gradient -Parameter ([ordered]@{ W1 = [double[,]]::new(2, 3) }) -Cost { 0 } -Gradient { @{ dW1 = [double[,]]::new(3, 2) } } }
        Label = Get-Failure { New-GradCheckNetwork -LayerSize 4, 1 -Input ([double[,]]::new(4, 2)) -Label @(1, 2) }
        Verbose = @(New-GradCheckNetwork -Preset CourseTestCase | Test-Gradient -Verbose 4>&1 |
            Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
    }
}
[cultureinfo]::CurrentUICulture = 'zh-CN'
`$chinese = Get-Texts
[cultureinfo]::CurrentUICulture = 'en-US'
`$english = Get-Texts
[pscustomobject]@{ Chinese = `$chinese; English = `$english } | ConvertTo-Json -Depth 4 -Compress
"@
        $script:Texts = $json | ConvertFrom-Json
        $script:Han = '\p{IsCJKUnifiedIdeographs}'
    }

    It 'speaks Chinese under zh-CN and still names each culprit' {
        $zh = $script:Texts.Chinese
        $zh.Epsilon.Message | Should -BeLike 'Epsilon 必须是大于 0 的有限数*实际为 -0.5。'
        $zh.Shape.Message | Should -BeLike "梯度 'dW1' 的形状为 (3, 2)*(2, 3)*"
        $zh.Label.Message | Should -Match ([regex]::Escape('Label[0,1] 为 2；') + 'CrossEntropy')
        foreach ($message in $zh.Epsilon.Message, $zh.Shape.Message, $zh.Label.Message) { $message | Should -Match $script:Han }
    }

    It 'narrates -Verbose in Chinese under zh-CN' {
        $text = $script:Texts.Chinese.Verbose -join "`n"
        $text | Should -Match '布局 W1\(5, 4\)'
        $text | Should -Match 'ε = 1E-07：\d+ 次代价求值'
    }

    It 'speaks English under en-US' {
        $en = $script:Texts.English
        $en.Epsilon.Message | Should -Be 'Epsilon must be a finite number greater than 0, such as 1e-7; it was -0.5.'
        $en.Shape.Message | Should -BeLike "*'dW1'*(3, 2)*expected (2, 3)*"
        $en.Label.Message | Should -Be 'Label[0,1] is 2; CrossEntropy needs labels in [0, 1].'
        ($en.Verbose -join "`n") | Should -Match 'ε = 1E-07: \d+ cost evaluations in'
        foreach ($message in @($en.Epsilon.Message, $en.Shape.Message, $en.Label.Message) + $en.Verbose) { $message | Should -Not -Match $script:Han }
    }

    It 'keeps ErrorIds, categories and targets the same in every language' {
        foreach ($name in 'Epsilon', 'Shape', 'Label') {
            $zh = $script:Texts.Chinese.$name
            $en = $script:Texts.English.$name
            $zh.Id | Should -Be $en.Id
            $zh.Category | Should -Be $en.Category
            $zh.Target | Should -Be $en.Target
        }
        $script:Texts.English.Label.Target | Should -Be 'Label[0,1]'
    }
}
