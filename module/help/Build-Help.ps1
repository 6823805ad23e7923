#Requires -Version 7.2
<#
.SYNOPSIS
    Generates the module's MAML help (GradCheck.dll-Help.xml, the file the cmdlets name) from module/help/<Cmdlet-Name>.md.
.DESCRIPTION
    One markdown file per exported cmdlet gives the prose; everything the compiled cmdlet knows (parameter
    sets, types, positions, mandatory-ness, pipeline binding, aliases, accepted values, defaults, pipeline
    input and output types) is read from it, so nothing is written twice. The markdown format:

        # Verb-Noun                  optional; must match the file name
        ## SYNOPSIS                  one paragraph
        ## DESCRIPTION               paragraphs
        ## EXAMPLES                  at least two, each:
        ### Example 1: title         a ```powershell block (the code), then text (the remarks)
        ## PARAMETERS                '### -Name' + text per parameter (no type, set, position or pipeline)
        ## INPUTS                    '### TypeName' + text per type bound from the pipeline, or plain text
                                     when nothing is (written as None)
        ## OUTPUTS                   '### TypeName' + text per [OutputType] of the cmdlet
        ## NOTES                     optional paragraphs
        ## RELATED LINKS             optional list: '- Name' or '- [Name](https://…)'

    Blank lines separate paragraphs. Prose lines are joined; list items ('- ', '* ', '1. ') and lines indented
    by four spaces keep their own line, and a fenced block is kept verbatim. Type headings may use the short
    (Network) or full (GradCheck.Network) name. Common parameters are not documented.

    It fails (throws, so 'pwsh -File' exits 1) when an exported cmdlet has no markdown, when a parameter,
    input type or output type of the compiled cmdlet is not described, when the markdown describes one the
    cmdlet lacks, or when a section is unknown, missing or empty. Run it in a child pwsh, as build.ps1 does:
    it imports the built module, whose assemblies then stay loaded in that process.
.EXAMPLE
    dotnet pwsh -NoProfile -NonInteractive -File module/help/Build-Help.ps1 -ModuleManifest out/GradCheck/GradCheck.psd1 -OutputPath out/GradCheck/en-US
.EXAMPLE
    dotnet pwsh -NoProfile -NonInteractive -File module/help/Build-Help.ps1 -ModuleManifest out/GradCheck/GradCheck.psd1 -OutputPath out/GradCheck/zh-CN -SourcePath module/help/zh-CN
#>
param(
    [Parameter(Mandatory)] $ModuleManifest,
    [Parameter(Mandatory)] $OutputPath,
    # The folder of the markdown files: this one for en-US, zh-CN/ beside it for the Chinese help.
    [string] $SourcePath = $PSScriptRoot,
    # The language of the sentences the generator writes itself (accepted values, parameter sets).
    [ValidateSet('en-US', 'zh-CN')] [string] $Culture = 'en-US',
    # Skip, with a warning, markdown files for cmdlets the module does not export, instead of failing.
    [switch] $AllowMissingCmdlet
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Sections = 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
$Required = 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'INPUTS', 'OUTPUTS'
$Common = [System.Management.Automation.Cmdlet]::CommonParameters
$Ns = @{ maml = 'http://schemas.microsoft.com/maml/2004/10'; dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10' }

# --- Markdown ----------------------------------------------------------------------------------------------
function Read-Markdown([string] $Path) {
    # -> @{ Title; 'SECTION' = @{ Text = lines before its first ###; Sub = [ordered] ### heading -> lines } }
    $doc = @{ Title = $null }; $h2 = $null; $h3 = $null; $fenced = $false
    foreach ($line in Get-Content $Path -Encoding utf8) {
        if ($line -match '^\s*```') { $fenced = -not $fenced }
        elseif (-not $fenced -and $line -match '^# (.+)$') { $doc.Title = $Matches[1].Trim(); continue }
        elseif (-not $fenced -and $line -match '^## (.+)$') {
            $h2 = $Matches[1].Trim().ToUpperInvariant(); $h3 = $null
            if ($h2 -notin $Sections) { throw "${Path}: unknown section '## $h2'; expected one of $($Sections -join ', ')." }
            $doc[$h2] = @{ Text = [Collections.Generic.List[string]]::new(); Sub = [ordered]@{} }; continue
        }
        elseif (-not $fenced -and $h2 -and $line -match '^### (.+)$') {
            $h3 = $Matches[1].Trim(); $doc[$h2].Sub[$h3] = [Collections.Generic.List[string]]::new(); continue
        }
        if ($h3) { $doc[$h2].Sub[$h3].Add($line) } elseif ($h2) { $doc[$h2].Text.Add($line) }
    }
    $doc
}

function Test-JoinsTight([Text.StringBuilder] $Before, [string] $Next) {
    # Whether the character before the break and the one after it are both Han characters or fullwidth punctuation.
    $wide = '[\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}\p{IsHalfwidthandFullwidthForms}]'
    $Before.Length -gt 0 -and $Next.Length -gt 0 -and "$($Before[$Before.Length - 1])" -match $wide -and "$($Next[0])" -match $wide
}

# The sentences the generator writes itself, in the help's language.
$Phrases = @{
    'en-US' = @{ Accepted = 'Accepted values: {0}.'; InSet = 'In parameter set {0}'; InSets = 'In parameter sets {0}'
        MandatoryIn = 'mandatory in {0} only'; Separator = '; '; End = '.' }
    'zh-CN' = @{ Accepted = '可接受的值：{0}。'; InSet = '属于参数集 {0}'; InSets = '属于参数集 {0}'
        MandatoryIn = '仅在 {0} 中为必需'; Separator = '；'; End = '。' }
}

function ConvertTo-Paragraph([string[]] $Lines) {
    # Markdown lines -> MAML paragraphs, as the format above says; [text](url) becomes 'text (url)'.
    $paras = [Collections.Generic.List[string]]::new(); $current = [Text.StringBuilder]::new(); $fenced = $false
    $flush = { if ($current.ToString().Trim()) { $paras.Add($current.ToString().TrimEnd()) }; [void]$current.Clear() }
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { & $flush; $fenced = -not $fenced; continue }
        if ($fenced) { [void]$current.Append("    $line`n"); continue }
        $text = $line -replace '\[([^\]]+)\]\((https?://[^)]+)\)', '$1 ($2)'
        if (-not $text.Trim()) { & $flush }
        elseif ($current.Length -eq 0) { [void]$current.Append($text.TrimStart()) }
        elseif ($text -match '^(\s*([-*]|\d+\.)\s|    )') { [void]$current.Append("`n" + $text) }
        # Chinese runs on without spaces: lines that break between two CJK characters join with none.
        elseif (Test-JoinsTight $current $text.Trim()) { [void]$current.Append($text.Trim()) }
        else { [void]$current.Append(' ' + $text.Trim()) }
    }
    & $flush
    , $paras.ToArray()
}

function Split-Example([string[]] $Lines) {
    # The first ```powershell block is the code; the text around it is the remarks.
    $start = [array]::FindIndex($Lines, [Predicate[string]] { $args[0] -match '^\s*```powershell' })
    $end = [array]::FindIndex($Lines, $start + 1, [Predicate[string]] { $args[0] -match '^\s*```\s*$' })
    if ($end -lt 0) { throw "An example's ``````powershell block is never closed:`n$($Lines -join "`n")" }
    @{  Code = $Lines[($start + 1)..($end - 1)] -join "`n"
        Remarks = @(if ($start -gt 0) { $Lines[0..($start - 1)] }; if ($end + 1 -lt $Lines.Count) { $Lines[($end + 1)..($Lines.Count - 1)] }) }
}

# --- The compiled cmdlet ------------------------------------------------------------------------------------
function Get-TypeName([type] $Type, [switch] $Full) {
    # Int32, Double[]; Nullable[Int32] shows as Int32; -Full gives the namespace-qualified name.
    $inner = [Nullable]::GetUnderlyingType($Type); if ($inner) { $Type = $inner }
    if ($Type.IsArray) { return (Get-TypeName $Type.GetElementType() -Full:$Full) + '[]' }
    if ($Full) { $Type.FullName } else { $Type.Name }
}

function Get-AcceptedValue([string] $Command, $Parameter) {
    # Enum names, or for a string what its IArgumentCompleter offers for an empty word (activations, losses…).
    $type = $Parameter.ParameterType; if ($type.IsArray) { $type = $type.GetElementType() }
    $inner = [Nullable]::GetUnderlyingType($type); if ($inner) { $type = $inner }
    if ($type.IsEnum) { return [Enum]::GetNames($type) }
    $completer = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] -and $_.Type }
    if ($type -eq [string] -and $completer) {
        $instance = [Activator]::CreateInstance(@($completer)[0].Type)
        @($instance.CompleteArgument($Command, $Parameter.Name, '', $null, @{}) | ForEach-Object CompletionText)
    }
}

function Get-Default($Instance, $Info) {
    # The default a fresh instance of the cmdlet class holds; WhatIf and Confirm have no property.
    $value = if ($Instance.PSObject.Properties[$Info.Name]) { $Instance.($Info.Name) } elseif ($Info.ParameterType -eq [switch]) { [switch]$false }
    if ($null -eq $value -or ($value -is [string] -and -not $value)) { return 'None' }
    if ($value -is [switch]) { return "$($value.IsPresent)" }
    (@($value) | ForEach-Object { [Convert]::ToString($_, [cultureinfo]::InvariantCulture) }) -join ', '
}

function Get-Attributes($Infos) {
    # MAML attributes of a parameter, from its CommandParameterInfo in each set it belongs to.
    $positions = @($Infos | ForEach-Object { if ($_.Position -ge 0) { $_.Position } else { 'named' } } | Select-Object -Unique)
    $pipe = @(if ($Infos.ValueFromPipeline -contains $true) { 'ByValue' }; if ($Infos.ValueFromPipelineByPropertyName -contains $true) { 'ByPropertyName' })
    @{  required = "$(@($Infos | Where-Object IsMandatory).Count -eq $Infos.Count)".ToLower(); position = $positions -join ', '
        pipelineInput = if ($pipe) { "True ($($pipe -join ', '))" } else { 'False' }; globbing = 'false'
        variableLength = "$($Infos[0].ParameterType.IsArray)".ToLower(); aliases = if ($Infos[0].Aliases) { $Infos[0].Aliases -join ', ' } else { 'none' } }
}

# --- Pairing the markdown with the cmdlet -------------------------------------------------------------------
function Test-Described([string] $Kind, [string] $Command, [string[]] $Expected, $Described) {
    # Each expected name needs a non-empty description, and nothing else may be described; returns the problems.
    foreach ($name in $Expected) { if ($name -notin @($Described.Keys)) { "${Command}: $Kind '$name' is not described in the markdown." } }
    foreach ($name in @($Described.Keys)) {
        if ($name -notin $Expected) { "${Command}: the markdown describes $Kind '$name', which the cmdlet lacks." }
        elseif (-not (ConvertTo-Paragraph $Described[$name])) { "${Command}: $Kind '$name' has an empty description." }
    }
}

function Get-Described($Section, [type[]] $Types) {
    # INPUTS/OUTPUTS keyed by the types' full names; without types, the section's text describes None.
    $described = [ordered]@{}
    foreach ($key in $Section.Sub.Keys) {
        $bare = $key.Trim('`').Replace('[]', '')
        $type = @($Types | Where-Object { $bare -in $_.Name, $_.FullName })
        $described[$(if ($type) { $type[0].FullName } else { $key })] = $Section.Sub[$key]
    }
    if (-not $Types -and -not $described.Count) { $described['None'] = $Section.Text }
    $described
}

function Get-Model($Cmdlet, $Doc, $Problems) {
    # Everything one command:command element needs, or $null (and problems) when markdown and cmdlet disagree.
    $name = $Cmdlet.Name; $before = $Problems.Count
    if ($Doc.Title -and $Doc.Title -ne $name) { $Problems.Add("$name.md is titled '# $($Doc.Title)'.") }
    foreach ($s in $Required | Where-Object { -not $Doc.ContainsKey($_) }) { $Problems.Add("$name.md has no '## $s' section.") }
    if ($Problems.Count -gt $before) { return }
    $sets = @($Cmdlet.ParameterSets | Sort-Object -Stable { -not $_.IsDefault })
    $piped = @($sets.Parameters | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } | ForEach-Object {
            if ($_.ParameterType.IsArray) { $_.ParameterType.GetElementType() } else { $_.ParameterType } } | Select-Object -Unique)
    $returned = @($Cmdlet.OutputType | ForEach-Object { if ($_.Type) { $_.Type } else { $Problems.Add("${name}: [OutputType] '$($_.Name)' does not resolve.") } })
    $m = @{ Sets = $sets; Parameters = [ordered]@{}; Inputs = Get-Described $Doc.INPUTS $piped
        Outputs = Get-Described $Doc.OUTPUTS @($returned | Select-Object -Unique) }
    if ($Doc.ContainsKey('PARAMETERS')) { foreach ($k in $Doc.PARAMETERS.Sub.Keys) { $m.Parameters[$k.TrimStart('-')] = $Doc.PARAMETERS.Sub[$k] } }
    $compiled = @($sets.Parameters.Name | Where-Object { $_ -notin $Common } | Select-Object -Unique)
    $Problems.AddRange([string[]]@(Test-Described 'parameter' $name $compiled $m.Parameters))
    $Problems.AddRange([string[]]@(Test-Described 'input type' $name @(if ($piped) { $piped.FullName } else { 'None' }) $m.Inputs))
    $Problems.AddRange([string[]]@(Test-Described 'output type' $name @(if ($returned) { $returned.FullName } else { 'None' }) $m.Outputs))
    $m.Examples = @($Doc.EXAMPLES.Sub.GetEnumerator() | Where-Object { $_.Value -match '^\s*```powershell' } |
        ForEach-Object { (Split-Example @($_.Value)) + @{ Title = $_.Key } })
    if ($m.Examples.Count -lt 2) { $Problems.Add("$name.md has $($m.Examples.Count) example(s) with a ``````powershell block; at least 2 are needed.") }
    foreach ($s in 'SYNOPSIS', 'DESCRIPTION' | Where-Object { -not (ConvertTo-Paragraph $Doc[$_].Text) }) { $Problems.Add("$name.md has an empty $s.") }
    if ($Problems.Count -eq $before) { $m }
}

# --- MAML: one XmlWriter; elements are named prefix:local ---------------------------------------------------
function Open([string] $Name, [hashtable] $Attributes = @{}) {
    $prefix, $local = $Name -split ':'; $script:W.WriteStartElement($prefix, $local, $Ns[$prefix])
    foreach ($key in $Attributes.Keys | Sort-Object) { $script:W.WriteAttributeString($key, [string]$Attributes[$key]) }
}
function Close { $script:W.WriteEndElement() }
function Leaf([string] $Name, [string] $Text, [hashtable] $Attributes = @{}) { Open $Name $Attributes; $script:W.WriteString($Text); Close }
function Paras([string] $Name, [string[]] $Paragraphs) { Open $Name; foreach ($p in $Paragraphs) { Leaf 'maml:para' $p }; Close }

function Write-Parameter([string] $Command, $Info, [hashtable] $Attributes, [string[]] $Description, [string] $Default, [switch] $InSyntax) {
    # One command:parameter. Accepted values become a parameterValueGroup, which Get-Help shows as {A | B}.
    Open 'command:parameter' $Attributes; Leaf 'maml:name' $Info.Name
    if (-not $InSyntax) { Paras 'maml:description' $Description }
    $values = @(Get-AcceptedValue $Command $Info); $isSwitch = $Info.ParameterType -eq [switch]
    if ($values) { Open 'command:parameterValueGroup'; foreach ($v in $values) { Leaf 'command:parameterValue' $v @{ required = 'false' } }; Close }
    if (-not ($InSyntax -and ($isSwitch -or $values))) {
        Leaf 'command:parameterValue' (Get-TypeName $Info.ParameterType) @{ required = "$(-not $isSwitch)".ToLower(); variableLength = 'false' }
    }
    if (-not $InSyntax) { Open 'dev:type'; Leaf 'maml:name' (Get-TypeName $Info.ParameterType -Full); Leaf 'maml:uri' ''; Close; Leaf 'dev:defaultValue' $Default }
    Close
}

function Write-Command($Cmdlet, $Doc, $M) {
    $name = $Cmdlet.Name
    Open 'command:command'; foreach ($p in 'maml', 'command', 'dev') { $script:W.WriteAttributeString('xmlns', $p, $null, $Ns[$p]) }
    Open 'command:details'; Leaf 'command:name' $name; Leaf 'command:verb' $Cmdlet.Verb; Leaf 'command:noun' $Cmdlet.Noun
    Paras 'maml:description' (ConvertTo-Paragraph $Doc.SYNOPSIS.Text); Close
    Paras 'maml:description' (ConvertTo-Paragraph $Doc.DESCRIPTION.Text)

    Open 'command:syntax'
    foreach ($set in $M.Sets) {
        # Positional parameters by position, then mandatory ones, then the rest in declaration order.
        Open 'command:syntaxItem'; Leaf 'maml:name' $name
        $ordered = $set.Parameters | Where-Object Name -NotIn $Common |
            Sort-Object -Stable { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } }, { -not $_.IsMandatory }
        foreach ($info in $ordered) { Write-Parameter $name $info (Get-Attributes @($info)) -InSyntax }
        Close
    }
    Close

    # Parameters in the markdown's order. Where a parameter differs between sets, a generated sentence says
    # so, since Get-Help's single Required?/Position? fields cannot.
    Open 'command:parameters'
    $instance = [Activator]::CreateInstance($Cmdlet.ImplementingType)
    foreach ($n in $M.Parameters.Keys) {
        $infos = @($M.Sets | ForEach-Object { $_.Parameters | Where-Object Name -EQ $n })
        $inSets = @($M.Sets | Where-Object { $_.Parameters.Name -contains $n } | ForEach-Object Name)
        $mandatoryIn = @($M.Sets | Where-Object { $_.Parameters | Where-Object { $_.Name -eq $n -and $_.IsMandatory } } | ForEach-Object Name)
        $text = [Collections.Generic.List[string]](ConvertTo-Paragraph $M.Parameters[$n])
        $say = $Phrases[$Culture]
        $values = @(Get-AcceptedValue $name $infos[0]); if ($values) { $text.Add($say.Accepted -f ($values -join ', ')) }
        $where = @(if ($inSets.Count -lt $M.Sets.Count) { $say[$(if ($inSets.Count -gt 1) { 'InSets' } else { 'InSet' })] -f ($inSets -join ', ') }
            if ($mandatoryIn -and $mandatoryIn.Count -lt $inSets.Count) { $say.MandatoryIn -f ($mandatoryIn -join ', ') })
        if ($where) { $text.Add(($where -join $say.Separator) + $say.End) }
        Write-Parameter $name $infos[0] (Get-Attributes $infos) $text.ToArray() (Get-Default $instance $infos[0])
    }
    if ($instance -is [IDisposable]) { $instance.Dispose() }
    Close

    foreach ($kind in @(@('Inputs', 'command:inputTypes', 'command:inputType'), @('Outputs', 'command:returnValues', 'command:returnValue'))) {
        Open $kind[1]
        foreach ($entry in $M[$kind[0]].GetEnumerator()) {
            Open $kind[2]; Open 'dev:type'; Leaf 'maml:name' $entry.Key; Close; Paras 'maml:description' (ConvertTo-Paragraph $entry.Value); Close
        }
        Close
    }
    if ($Doc.ContainsKey('NOTES')) { Open 'maml:alertSet'; Paras 'maml:alert' (ConvertTo-Paragraph $Doc.NOTES.Text); Close }

    Open 'command:examples'
    foreach ($e in $M.Examples) {
        Open 'command:example'; Leaf 'maml:title' "---------- $($e.Title) ----------"
        Leaf 'dev:code' $e.Code; Paras 'dev:remarks' (ConvertTo-Paragraph $e.Remarks); Close
    }
    Close

    Open 'maml:relatedLinks'
    foreach ($link in @(if ($Doc.ContainsKey('RELATED LINKS')) { $Doc['RELATED LINKS'].Text -match '^\s*[-*]\s+\S' })) {
        $text, $uri = if ($link -match '\[([^\]]+)\]\(([^)]*)\)') { $Matches[1], ($Matches[2] -replace '^(?!https?://).*$', '') }
        else { ($link -replace '^\s*[-*]\s+').Trim(), '' }
        Open 'maml:navigationLink'; Leaf 'maml:linkText' $text; Leaf 'maml:uri' $uri; Close
    }
    Close
    Close
}

# --- Main: import, pair, check, write -----------------------------------------------------------------------
$module = Import-Module (Resolve-Path $ModuleManifest).Path -Force -PassThru -DisableNameChecking
$cmdlets = @($module.ExportedCmdlets.Values | Sort-Object Name)
$files = @{}; Get-ChildItem (Join-Path $SourcePath '*.md') | ForEach-Object { $files[$_.BaseName] = $_.FullName }
$problems = [Collections.Generic.List[string]]::new()
foreach ($name in $files.Keys | Sort-Object | Where-Object { $_ -notin $cmdlets.Name }) {
    if ($AllowMissingCmdlet) { Write-Warning "Skipping $name.md: $($module.Name) exports no cmdlet $name." }
    else { $problems.Add("$name.md documents a cmdlet that $($module.Name) does not export (-AllowMissingCmdlet skips it).") }
}
foreach ($c in $cmdlets | Where-Object { -not $files.ContainsKey($_.Name) }) { $problems.Add("$($c.Name) has no markdown file $($c.Name).md in $SourcePath.") }

$stream = [IO.MemoryStream]::new()
$script:W = [Xml.XmlWriter]::Create($stream, [Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [Text.UTF8Encoding]::new($false) })
$W.WriteStartDocument(); $W.WriteStartElement('helpItems', 'http://msh'); $W.WriteAttributeString('schema', 'maml')
$written = 0
foreach ($c in $cmdlets | Where-Object { $files.ContainsKey($_.Name) }) {
    $doc = Read-Markdown $files[$c.Name]
    $model = Get-Model $c $doc $problems
    if ($model) { Write-Command $c $doc $model; $written++ }
}
$W.WriteEndElement(); $W.WriteEndDocument(); $W.Flush(); $W.Dispose()

if ($problems.Count) { throw "The help cannot be generated:`n  - $($problems -join "`n  - ")" }
$null = New-Item -ItemType Directory -Path $OutputPath -Force
# The file the cmdlets name as their help (GradCheck.dll-Help.xml), not the root module's: that is a script module.
$helpFile = ($module.ExportedCmdlets.Values | Select-Object -First 1).HelpFile
$target = Join-Path (Resolve-Path $OutputPath).Path $helpFile
[IO.File]::WriteAllBytes($target, $stream.ToArray())
Write-Host "Wrote $target ($written cmdlets)."
