BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Fixed = New-GradCheckNetwork -Preset CourseTestCase
    $script:Buggy = New-GradCheckNetwork -Preset CourseTestCase -Fault @{ W2 = 2; b1 = 4 }
    $script:BuggyResult = $script:Buggy | Test-Gradient

    function Get-ReportText([string] $Path) {
        [IO.File]::ReadAllText((Convert-Path $Path), [Text.Encoding]::UTF8)
    }
}

Describe 'Export-GradientReport: the course''s buggy network' {
    BeforeAll {
        $script:File = $script:BuggyResult | Export-GradientReport -Path 'TestDrive:/buggy.html' -PassThru
        $script:Html = Get-ReportText 'TestDrive:/buggy.html'
    }

    It 'writes one file and, with -PassThru, returns its FileInfo' {
        $script:File | Should -BeOfType [IO.FileInfo]
        $script:File.FullName | Should -Be (Convert-Path 'TestDrive:/buggy.html')
        $script:File.Length | Should -BeGreaterThan 0
    }

    It 'shows the verdict' {
        $script:Html | Should -Match '<th>Passed</th><td>False</td>'
        $script:Html | Should -Match '<th>Verdict</th><td>Wrong</td>'
        $script:Html | Should -Match 'Wrong in b1, W2'
        $script:Html | Should -Match '<th>Difference</th><td>0\.2851</td>'
        foreach ($name in 'Epsilon', 'Criterion', 'CostNoise', 'KinkCount') { $script:Html | Should -Match "<th>$name</th>" }
    }

    It 'highlights the failing blocks W2 and b1, and only them' {
        $failing = [regex]::Matches($script:Html, '<tr class="fail" data-block="([^"]+)"><td>\1</td><td>\(') | ForEach-Object { $_.Groups[1].Value }
        $failing | Sort-Object | Should -Be @('b1', 'W2')
        $script:Html | Should -Match '<tr class="pass" data-block="W1"><td>W1</td>'
    }

    It 'draws one heatmap per block, biases included, with the failing worst entries outlined' {
        $heatmaps = [regex]::Matches($script:Html, '<figure class="heatmap" data-block="([^"]+)">') | ForEach-Object { $_.Groups[1].Value }
        $heatmaps | Should -Be @('W1', 'b1', 'W2', 'b2', 'W3', 'b3')
        # The five worst entries, b1[0,0], W2[2,0], W2[2,3], b1[3,0] and b1[2,0], all fail, and all have a heatmap now.
        ([regex]::Matches($script:Html, '<rect class="worst fail"')).Count | Should -Be 5
        $script:Html | Should -Match '<title>b1\[0,0\]: outside its tolerance</title>'
        $script:Html | Should -Match '<title>W2\[2,0\]: outside its tolerance</title>'
    }

    It 'lists the worst entries' {
        $script:Html | Should -Match '<h3>Worst entries</h3>'
        $script:Html | Should -Match '<td>b1\[0,0\]</td>'
    }

    It 'makes no network request: no URL, no external script, stylesheet, font or image' {
        $script:Html | Should -Not -Match 'https?://'
        $script:Html | Should -Not -Match '<script\s+src'
        $script:Html | Should -Not -Match '<link'
        $script:Html | Should -Not -Match '<img'
        $script:Html | Should -Not -Match '@import|url\('
    }

    It 'closes every svg element and is well-formed XML' {
        ([regex]::Matches($script:Html, '<svg[\s>]')).Count | Should -Be ([regex]::Matches($script:Html, '</svg>')).Count
        { [xml]$script:Html } | Should -Not -Throw
    }

    It 'is UTF-8 without a byte-order mark, and says so' {
        $bytes = [IO.File]::ReadAllBytes((Convert-Path 'TestDrive:/buggy.html'))
        $bytes[0..2] | Should -Not -Be @(0xEF, 0xBB, 0xBF)
        $script:Html | Should -Match '<meta charset="utf-8"/>'
        $script:Html | Should -Match 'ε = 1E-07'
    }
}

Describe 'Export-GradientReport: other checks' {
    It 'draws the step-size sweep chart for several values of epsilon, marking the best' {
        $results = $script:Fixed | Test-Gradient -Epsilon 1e-3, 1e-5, 1e-7
        $results | Export-GradientReport 'TestDrive:/sweep.html' | Out-Null
        $html = Get-ReportText 'TestDrive:/sweep.html'
        $html | Should -Match '<section class="sweep">'
        $html | Should -Match 'aria-label="Difference and numerical error against ε"'
        $html | Should -Match 'class="mark-label">best ε</text>'
        $best = ($results | Where-Object BestEpsilon).Epsilon.ToString('G4', [cultureinfo]::InvariantCulture)
        $html | Should -Match ('<tr class="best"><td>' + [regex]::Escape($best) + '</td>')
        ([regex]::Matches($html, '<section id="result-\d+"')).Count | Should -Be 3
        { [xml]$html } | Should -Not -Throw
    }

    It 'draws no sweep chart for a single result' {
        $script:BuggyResult | Export-GradientReport 'TestDrive:/single.html' | Out-Null
        Get-ReportText 'TestDrive:/single.html' | Should -Not -Match 'class="sweep"'
    }

    It 'greys the entries a sample did not check' {
        $script:Buggy | Test-Gradient -Sample 10 -Seed 1 | Export-GradientReport 'TestDrive:/sample.html' | Out-Null
        $html = Get-ReportText 'TestDrive:/sample.html'
        $html | Should -Match 'fill="#bdbdbd"><title>W1\[\d,\d\]: not checked</title>'
    }

    It 'shows the directions of a directional check' {
        $script:Buggy | Test-Gradient -Directions 4 -Seed 1 | Export-GradientReport 'TestDrive:/directions.html' | Out-Null
        $html = Get-ReportText 'TestDrive:/directions.html'
        $html | Should -Match '<h3>Directions</h3>'
        ([regex]::Matches($html, '<table class="directions">.*?</table>', 'Singleline').Value | Select-String '<tr class="fail">' -AllMatches).Matches.Count | Should -Be 4
        { [xml]$html } | Should -Not -Throw
    }

    It 'shows the Taylor steps with a log-log chart of the remainder' {
        $script:Fixed | Test-Gradient -Method Taylor -Seed 1 | Export-GradientReport 'TestDrive:/taylor.html' | Out-Null
        $html = Get-ReportText 'TestDrive:/taylor.html'
        $html | Should -Match '<h3>Taylor steps</h3>'
        $html | Should -Match 'aria-label="Taylor remainder against step'
        ([regex]::Matches($html, '<table class="taylor">.*?</table>', 'Singleline').Value -split '<tr').Count - 2 | Should -Be 11
        { [xml]$html } | Should -Not -Throw
    }

    It 'HTML-encodes every string it is given' {
        $script:BuggyResult | Export-GradientReport 'TestDrive:/title.html' -Title 'W<1> & "b1"' | Out-Null
        $html = Get-ReportText 'TestDrive:/title.html'
        $html | Should -Match '<title>W&lt;1&gt; &amp; &quot;b1&quot;</title>'
        $html | Should -Not -Match 'W<1>'
    }

    It 'resolves a relative -Path against the PowerShell location, not the process directory' {
        Push-Location 'TestDrive:/'
        try { $file = $script:BuggyResult | Export-GradientReport 'relative.html' -PassThru }
        finally { Pop-Location }
        $file.FullName | Should -Be (Join-Path (Convert-Path 'TestDrive:/') 'relative.html')
        'TestDrive:/relative.html' | Should -Exist
    }
}

Describe 'Export-GradientReport: refusals' {
    It 'refuses to overwrite an existing file (ReportExists) and leaves it alone' {
        Set-Content 'TestDrive:/exists.html' 'keep me'
        Get-ErrorId { $script:BuggyResult | Export-GradientReport 'TestDrive:/exists.html' } | Should -Be 'ReportExists'
        Get-Content 'TestDrive:/exists.html' | Should -Be 'keep me'
    }

    It 'reports ReportExists as a terminating ResourceExists error targeting the path' {
        Set-Content 'TestDrive:/exists2.html' 'keep me'
        $record = $null
        try { $script:BuggyResult | Export-GradientReport 'TestDrive:/exists2.html' } catch { $record = $_ }
        $record.CategoryInfo.Category | Should -Be 'ResourceExists'
        $record.TargetObject | Should -Be (Convert-Path 'TestDrive:/exists2.html')
    }

    It 'overwrites with -Force' {
        Set-Content 'TestDrive:/force.html' 'old'
        $script:BuggyResult | Export-GradientReport 'TestDrive:/force.html' -Force | Out-Null
        Get-ReportText 'TestDrive:/force.html' | Should -Match '^<!DOCTYPE html>'
    }

    It 'writes nothing when no result came (ReportNoResults)' {
        Get-ErrorId { @() | Export-GradientReport 'TestDrive:/none.html' } | Should -Be 'ReportNoResults'
        'TestDrive:/none.html' | Should -Not -Exist
    }

    It 'refuses a path that is not a file: <Name>' -TestCases @(
        @{ Name = 'another provider'; Path = 'Env:/GradCheckReport'; Id = 'ReportPathInvalid' }
        @{ Name = 'a folder'; Path = 'TestDrive:/'; Id = 'ReportPathInvalid' }
        @{ Name = 'a missing folder'; Path = 'TestDrive:/missing/report.html'; Id = 'ReportFolderNotFound' }
        @{ Name = 'a NUL in the name'; Path = "TestDrive:/a`0b.html"; Id = 'ReportPathInvalid' }
    ) {
        Get-ErrorId { $script:BuggyResult | Export-GradientReport $Path } | Should -Be $Id
    }

    It 'writes nothing with -WhatIf' {
        $output = $script:BuggyResult | Export-GradientReport 'TestDrive:/whatif.html' -WhatIf
        $output | Should -BeNullOrEmpty
        'TestDrive:/whatif.html' | Should -Not -Exist
    }
}

Describe 'Export-GradientReport as an Export-* command (issue 10)' {
    It 'writes nothing to the pipeline without -PassThru' {
        $output = $script:BuggyResult | Export-GradientReport 'TestDrive:/quiet.html'
        $output | Should -BeNullOrEmpty
        'TestDrive:/quiet.html' | Should -Exist
    }

    It 'writes the provider''s item with -PassThru, so its columns are filled' {
        $item = $script:BuggyResult | Export-GradientReport 'TestDrive:/item.html' -PassThru
        $item | Should -BeOfType [IO.FileInfo]
        $item.PSObject.Properties['PSPath'].Value | Should -Match 'FileSystem::'
        $item.Mode | Should -Not -BeNullOrEmpty
        ($item | Out-String) | Should -Match 'item\.html'
    }

    It 'supports -Confirm' {
        (Get-Command Export-GradientReport).Parameters.Keys | Should -Contain 'Confirm'
        $script:BuggyResult | Export-GradientReport 'TestDrive:/confirm.html' -Confirm:$false
        'TestDrive:/confirm.html' | Should -Exist
    }
}

Describe 'The report''s content (issue 10)' {
    BeforeAll {
        $script:Fixed | Test-Gradient | Export-GradientReport 'TestDrive:/fixed.html'
        $script:FixedHtml = Get-ReportText 'TestDrive:/fixed.html'
        $script:BuggyResult | Export-GradientReport 'TestDrive:/buggy2.html'
        $script:BuggyHtml = Get-ReportText 'TestDrive:/buggy2.html'
        function script:Get-CellColours([string] $Html, [string] $Block) {
            $figure = [regex]::Match($Html, "<figure class=""heatmap"" data-block=""$Block"">.*?</figure>", 'Singleline').Value
            [regex]::Matches($figure, '<rect x="[^"]+" y="[^"]+" width="[^"]+" height="[^"]+" fill="#([0-9a-f]{6})"') | ForEach-Object { $_.Groups[1].Value }
        }
        function script:Test-Orange([string] $Hex) {
            # More red than green, and not grey: past the verdict's yellow.
            $r = [Convert]::ToInt32($Hex.Substring(0, 2), 16); $g = [Convert]::ToInt32($Hex.Substring(2, 2), 16)
            $r -gt $g + 20
        }
    }

    It 'colours a correct block, whatever its relative errors, never orange or red' {
        foreach ($block in 'W1', 'b1', 'W2', 'b2', 'W3', 'b3') {
            $colours = @(Get-CellColours $script:FixedHtml $block)
            $colours.Count | Should -BeGreaterThan 0
            @($colours | Where-Object { Test-Orange $_ }) | Should -BeNullOrEmpty -Because "$block is correct"
        }
    }

    It 'colours the entries outside their tolerance in the wrong blocks red' {
        @(Get-CellColours $script:BuggyHtml 'b1' | Where-Object { Test-Orange $_ }).Count | Should -Be 4
        @(Get-CellColours $script:BuggyHtml 'W2' | Where-Object { Test-Orange $_ }).Count | Should -BeGreaterThan 0
    }

    It 'keeps numbers from wrapping inside cells' {
        $script:BuggyHtml | Should -Match 'th, td \{[^}]*white-space: nowrap'
    }

    It 'says what was checked: the Name, the layout, epsilon, the mode and the command line' {
        $script:BuggyHtml | Should -Match '<th>Name</th><td>4-5-3-1 CourseTestCase, fault b1&#215;4 W2&#215;2</td>'
        $script:BuggyHtml | Should -Match '<th>Layout</th><td>W1\(5, 4\) b1\(5, 1\)'
        $script:BuggyHtml | Should -Match '<th>Epsilon</th><td>1E-07</td>'
        $script:BuggyHtml | Should -Match '<th>Mode</th><td>Entries</td>'
        $script:BuggyHtml | Should -Match '<p class="command">Command: <code>\$script:BuggyResult \| Export-GradientReport'
        $script:BuggyHtml | Should -Match '<h2>Result: 4-5-3-1 CourseTestCase, fault b1&#215;4 W2&#215;2: WRONG'
    }

    It 'leaves epsilon and the criterion out of a Taylor result''s heading and table' {
        $script:Fixed | Test-Gradient -Method Taylor -Seed 1 | Export-GradientReport 'TestDrive:/taylor2.html'
        $html = Get-ReportText 'TestDrive:/taylor2.html'
        $html | Should -Match '<h2>Result: [^<]*CORRECT \(Taylor\)</h2>'
        $html | Should -Not -Match '<th>Epsilon</th>|<th>Criterion</th>'
    }

    It 'counts failing directions, not entries, for a directional check''s blocks' {
        $script:Buggy | Test-Gradient -Directions 8 -Seed 1 | Export-GradientReport 'TestDrive:/dirblocks.html'
        $blocks = [regex]::Match((Get-ReportText 'TestDrive:/dirblocks.html'), '<table class="blocks">.*?</table>', 'Singleline').Value
        $blocks | Should -Match '<td>\d+ directions?</td>'
        $blocks | Should -Not -Match '<td>\d+/\d+</td>'
    }

    It 'shows an Inconclusive verdict as such' {
        $result = $script:Fixed | Test-Gradient
        $result.GetType().GetProperty('Verdict').GetSetMethod($true).Invoke($result, @([GradCheck.CheckVerdict]::Inconclusive))
        $result | Export-GradientReport 'TestDrive:/inconclusive.html'
        $html = Get-ReportText 'TestDrive:/inconclusive.html'
        $html | Should -Match '<th>Verdict</th><td>Inconclusive</td>'
        $html | Should -Match '<section id="result-1" class="result inconclusive">'
        $html | Should -Match '0 passed, 0 failed, 1 inconclusive'
    }
}

Describe 'Export-GradientReport: Jacobian and Hessian checks (issue 11)' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'JacobianFixture.ps1')
        $backward = $script:Layer.affine.Backward
        $script:Jacobian = Test-Jacobian -Parameter (Get-CaseInput affine) -Function $script:Layer.affine.Forward `
            -Backward { param($x, $dy) & $backward $x $dy -Bug }.GetNewClosure()
        $script:Jacobian | Export-GradientReport -Path 'TestDrive:/jacobian.html'
        $script:JacobianHtml = Get-ReportText 'TestDrive:/jacobian.html'
    }

    It 'draws one heatmap per (output, input) block pair, rows as outputs' {
        $maps = [regex]::Matches($script:JacobianHtml, '<figure class="heatmap" data-block="([^"]+)"')
        @($maps | ForEach-Object { $_.Groups[1].Value }) | Should -Be @('Z ← A', 'Z ← W', 'Z ← b')
        $script:JacobianHtml | Should -Match 'Z ← W \(6, 8\)'
    }

    It 'names the failing pair and outlines its worst entries' {
        $script:JacobianHtml | Should -Match 'WRONG'
        $script:JacobianHtml | Should -Match 'class="worst fail"'
        $script:JacobianHtml | Should -Match ([regex]::Escape($script:Jacobian.Worst[0].Name))
    }

    It 'takes gradient and Jacobian results in one report' {
        $script:BuggyResult, $script:Jacobian | Export-GradientReport -Path 'TestDrive:/both.html'
        (Get-ReportText 'TestDrive:/both.html') | Should -Match 'Result 2 of 2'
    }

    It 'writes ReportInputInvalid for anything else, and still writes the results' {
        $Error.Clear()
        $script:Jacobian, 'not a result' | Export-GradientReport -Path 'TestDrive:/mixed.html' -ErrorAction SilentlyContinue
        ($Error[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'ReportInputInvalid'
        $Error[0].TargetObject | Should -Be 'not a result'
        'TestDrive:/mixed.html' | Should -Exist
    }
}
