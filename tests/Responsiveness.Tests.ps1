BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function script:Start-Check([string] $Script) {
        # A check running in its own runspace, as a user's console would run it; returns once it is under way.
        $started = [System.Threading.ManualResetEventSlim]::new($false)
        $ps = [powershell]::Create()
        $null = $ps.AddScript("param(`$started) Import-Module '$script:ModuleManifest'; `$started.Set(); $Script").AddArgument($started)
        $handle = $ps.BeginInvoke()
        $null = $started.Wait([timespan]::FromSeconds(60))
        Start-Sleep -Milliseconds 300
        [pscustomobject]@{ PowerShell = $ps; Handle = $handle }
    }
}

Describe 'Stopping a check (Ctrl+C)' {
    It 'stops <Name> and leaves the session usable' -TestCases @(
        @{ Name = 'a compiled network check'; Script = 'New-GradCheckNetwork -LayerSize 784,128,64,1 -ExampleCount 32 -Seed 1 | Test-Gradient -Evaluation Full' }
        @{ Name = 'a scriptblock check'; Script = 'Test-Gradient -Parameter (1..2000) -Cost { param($t) Start-Sleep -Milliseconds 5; 0 } -Gradient { , [double[]]::new(2000) }' }
    ) {
        $run = Start-Check $Script
        $run.PowerShell.InvocationStateInfo.State | Should -Be 'Running'
        $run.PowerShell.Stop()
        $run.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
        $run.PowerShell.Commands.Clear()
        $run.PowerShell.AddScript('(4 | Test-Gradient -Cost { param($t) $t * 2 } -Gradient { 2 }).Passed').Invoke() | Should -BeTrue
        $run.PowerShell.Dispose()
    }
}

Describe 'Progress' {
    It 'shows no progress bar for a check that ends at once' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$script:ModuleManifest'; 4 | Test-Gradient -Cost { param(`$t) `$t * 2 } -Gradient { 2 }").Invoke()
        $ps.Streams.Progress.Count | Should -Be 0
        $ps.Dispose()
    }

    It 'reports progress with the time left for a long scriptblock check' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$script:ModuleManifest'; Test-Gradient -Parameter (1..60) -Cost { param(`$t) Start-Sleep -Milliseconds 5; 0 } -Gradient { , [double[]]::new(60) }").Invoke()
        $records = @($ps.Streams.Progress | Where-Object RecordType -eq 'Processing')
        $records.Count | Should -BeGreaterThan 0
        @($records | Where-Object SecondsRemaining -ge 0).Count | Should -BeGreaterThan 0
        $ps.Dispose()
    }
}
