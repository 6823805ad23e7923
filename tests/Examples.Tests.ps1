BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'examples/CourseFromScratch.ps1 (issue 10)' {
    BeforeAll {
        $script:Numpy = Get-Fixture course_nd
        $script:Results = & (Join-Path $PSScriptRoot '../examples/CourseFromScratch.ps1') -ModuleManifest $script:ModuleManifest
    }

    It 'catches the course''s planted bugs, dW2 × 2 and db1 × 4, in scriptblocks written from scratch' {
        $buggy = $script:Results[0]
        $buggy.Verdict | Should -Be 'Wrong'
        $buggy.FailedBlocks | Should -Be @('b1', 'W2')
        # numpy's difference for the buggy backprop (tests/reference), to the digits a different summation order keeps.
        [math]::Abs($buggy.Difference - $script:Numpy.difference_buggy) | Should -BeLessThan 1e-6
    }

    It 'passes the fixed version' {
        $fixed = $script:Results[1]
        $fixed.Verdict | Should -Be 'Correct'
        $fixed.Difference | Should -BeLessThan 2e-7
    }

    It 'is linked from the README and about_GradCheck, which list the traps' {
        $readme = Get-Content (Join-Path $PSScriptRoot '../README.md') -Raw
        $readme | Should -Match 'examples/CourseFromScratch\.ps1'
        $about = "$(Get-Help about_GradCheck)"
        $about | Should -Match 'CourseFromScratch\.ps1'
        foreach ($text in $readme, $about) {
            $text | Should -Match '\$y = \$Y\[0, ?\$j\]'
            $text | Should -Match '\[Math\]::Max\(0, \$z\)'
        }
    }

    It 'says in the help where the test case''s data lives' {
        $help = Get-Help New-GradCheckNetwork -Full | Out-String -Width 4096
        foreach ($property in '$net.Input', '$net.Label', '$net.Parameters') { $help | Should -Match ([regex]::Escape($property)) }
    }
}
