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
