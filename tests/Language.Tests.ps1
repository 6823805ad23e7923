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

    It 'ships the Simplified Chinese resources as the satellite <Name>' -TestCases @(
        # Core's messages and the cmdlets' own, for both builds: netstandard2.0 at the root and net10.0/.
        @{ Name = 'zh-Hans/GradCheck.Core.resources.dll' }
        @{ Name = 'zh-Hans/GradCheck.resources.dll' }
        @{ Name = 'net10.0/zh-Hans/GradCheck.Core.resources.dll' }
        @{ Name = 'net10.0/zh-Hans/GradCheck.resources.dll' }
    ) {
        Join-Path (Split-Path $script:ModuleManifest) $Name | Should -Exist
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
        ScriptVerbose = @(4 | Test-Gradient -Cost { param(`$t) `$t * 2 } -Gradient { 2 } -Verbose 4>&1 |
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
        # Entirely Chinese: the network, how it is evaluated and θ's form too; only identifiers stay as spelled.
        $all = ($script:Texts.Chinese.Verbose + $script:Texts.Chinese.ScriptVerbose) -join "`n"
        $all | Should -Match '网络 4-5-3-1（ReLU, ReLU, Sigmoid；CrossEntropy；m = 3）'
        $all | Should -Match '完整前向传播'
        $all | Should -Match '数值 形式'
        $all | Should -Not -Match '\b(Network|Full|Incremental|Auto|Number|Vector|Dictionary|the|from|entries|form)\b'
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

Describe 'The HTML report follows the UI culture' {
    It 'writes its headings in Chinese under zh-CN and in English by default' {
        $zh = Join-Path $TestDrive 'zh.html'
        $en = Join-Path $TestDrive 'en.html'
        & dotnet pwsh -NoProfile -NonInteractive -Command @"
Import-Module '$script:ModuleManifest'
[cultureinfo]::CurrentUICulture = 'zh-CN'
New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2 } | Test-Gradient | Export-GradientReport -Path '$zh'
[cultureinfo]::CurrentUICulture = 'en-US'
New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2 } | Test-Gradient | Export-GradientReport -Path '$en'
"@
        $chinese = Get-Content $zh -Raw
        foreach ($heading in '<title>GradCheck 报告</title>', '<h3>参数块</h3>', '<h3>误差最大的分量</h3>', '<h3>热图</h3>', '1 次检查：0 次通过，1 次失败') {
            $chinese | Should -Match ([regex]::Escape($heading))
        }
        $english = Get-Content $en -Raw
        foreach ($heading in '<title>GradCheck report</title>', '<h3>Blocks</h3>', '<h3>Worst entries</h3>', '<h3>Heatmaps</h3>') {
            $english | Should -Match ([regex]::Escape($heading))
        }
    }
}

Describe 'Cmdlet help follows the UI culture' {
    It 'gives <Name> its Chinese help under zh-CN and its English help by default' -TestCases @(
        @{ Name = 'Test-Gradient' }, @{ Name = 'New-GradCheckNetwork' }, @{ Name = 'Invoke-ForwardPropagation' }
        @{ Name = 'Invoke-BackwardPropagation' }, @{ Name = 'ConvertTo-ParameterVector' }
        @{ Name = 'ConvertFrom-ParameterVector' }, @{ Name = 'Export-GradientReport' }
    ) {
        # A process per culture: PowerShell keeps the help it loaded first for the rest of the session.
        $read = {
            param($Culture)
            & dotnet pwsh -NoProfile -NonInteractive -Command @"
[cultureinfo]::CurrentUICulture = '$Culture'
Import-Module '$script:ModuleManifest'
`$help = Get-Help $Name -Full
[pscustomobject]@{ Synopsis = [string]`$help.Synopsis; Description = (`$help.Description | Out-String)
    Examples = @(`$help.Examples.Example).Count } | ConvertTo-Json -Compress
"@ | ConvertFrom-Json
        }
        $zh = & $read 'zh-CN'
        $en = & $read 'en-US'
        $json = [pscustomobject]@{ ZhSynopsis = $zh.Synopsis; ZhDescription = $zh.Description; ZhExamples = $zh.Examples
            EnSynopsis = $en.Synopsis; EnExamples = $en.Examples } | ConvertTo-Json -Compress
        $help = $json | ConvertFrom-Json
        $help.ZhSynopsis | Should -Match '\p{IsCJKUnifiedIdeographs}'
        $help.ZhDescription | Should -Match '\p{IsCJKUnifiedIdeographs}'
        $help.EnSynopsis | Should -Not -Match '\p{IsCJKUnifiedIdeographs}'
        $help.ZhExamples | Should -Be $help.EnExamples
    }

    It 'keeps the Chinese help''s examples as the English ones, code for code' {
        foreach ($file in Get-ChildItem (Join-Path $PSScriptRoot '../module/help/*.md')) {
            $chinese = Join-Path $file.DirectoryName "zh-CN/$($file.Name)"
            $chinese | Should -Exist
            $code = { param($Path) [regex]::Matches((Get-Content $Path -Raw), '(?s)```powershell\r?\n(.*?)```') | ForEach-Object { $_.Groups[1].Value } }
            @(& $code $chinese) | Should -Be @(& $code $file.FullName) -Because "$($file.Name) and its translation must show the same code"
        }
    }
}

Describe 'The Chinese help reads as Chinese' {
    It 'joins wrapped Chinese lines without spaces and says the generated sentences in Chinese' {
        $text = & dotnet pwsh -NoProfile -NonInteractive -Command @"
[cultureinfo]::CurrentUICulture = 'zh-CN'
Import-Module '$script:ModuleManifest'
Get-Help Test-Gradient -Parameter Criterion | Out-String -Width 400
"@ | Out-String
        # module/help/zh-CN/Test-Gradient.md breaks the line between 会 and 误报.
        $text | Should -Match '大代价会误报'
        $text | Should -Match ([regex]::Escape('可接受的值：ErrorAware, Course。'))
        $text | Should -Not -Match 'Accepted values'
    }
}
