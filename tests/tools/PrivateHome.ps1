function Invoke-WithPrivateHome([scriptblock] $Script) {
    <#
    .SYNOPSIS
        Runs $Script with $HOME pointing at a throw-away folder, for the PSResourceGet calls made in it.
    .DESCRIPTION
        PSResourceGet keeps its repository list, and installs CurrentUser modules, under $HOME: a private home
        keeps the user's own untouched. dotnet and NuGet keep finding their real caches.
    #>
    $saved = @{ HOME = $env:HOME; NUGET_PACKAGES = $env:NUGET_PACKAGES; DOTNET_CLI_HOME = $env:DOTNET_CLI_HOME }
    $privateHome = Join-Path ([IO.Path]::GetTempPath()) "GradCheck-home-$([guid]::NewGuid().ToString('n'))"
    # .NET reports no ApplicationData folder unless ~/.config exists, and NuGet would then write into the
    # current directory; so the private home gets the folders a real one has.
    foreach ($folder in '.config', '.local/share') { $null = New-Item -ItemType Directory -Path (Join-Path $privateHome $folder) -Force }
    try {
        if (-not $env:NUGET_PACKAGES) { $env:NUGET_PACKAGES = ((dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim() }
        if (-not $env:DOTNET_CLI_HOME) { $env:DOTNET_CLI_HOME = $HOME }
        $env:HOME = $privateHome
        & $Script $privateHome
    }
    finally {
        foreach ($name in $saved.Keys) {
            if ($null -eq $saved[$name]) { Remove-Item "env:$name" -ErrorAction SilentlyContinue }
            else { Set-Item "env:$name" -Value $saved[$name] }
        }
        Remove-Item $privateHome -Recurse -Force -ErrorAction SilentlyContinue
    }
}
