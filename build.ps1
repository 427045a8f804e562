# nlset build entry point for PowerShell (Windows, macOS, Linux). Same commands as build.sh.
#   ./build.ps1 build | test | publish | run | bench NAME [args]
param([string]$Command = "build", [Parameter(ValueFromRemainingArguments = $true)][string[]]$Rest)
$ErrorActionPreference = "Stop"
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = "1"; $env:DOTNET_NOLOGO = "1"

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error "build.ps1: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH"; exit 2
}

function Publish-Nlset {
    # For this machine's runtime only: libtorch for every other OS would add half a gigabyte.
    $rid = (dotnet --info | Select-String '^\s*RID:\s*(\S+)' | Select-Object -First 1).Matches.Groups[1].Value
    if (Test-Path out/nlset) { Remove-Item -Recurse -Force out/nlset }
    dotnet publish src/Nlset.Cli/Nlset.Cli.csproj -c Release -r $rid --self-contained false -o out/nlset --nologo -v quiet
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    Write-Host "published: $(Join-Path $PWD 'out/nlset/nlset')"
}
$exe = if ($IsWindows -or $env:OS -eq "Windows_NT") { "out/nlset/nlset.exe" } else { "out/nlset/nlset" }

switch ($Command) {
    "build" { dotnet build Reconstruct.sln -c Release --nologo -v quiet; exit $LASTEXITCODE }
    "test" {
        dotnet build Reconstruct.sln -c Release --nologo -v quiet
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
        $output = dotnet test Reconstruct.sln -c Release --no-build --nologo 2>&1 | Tee-Object -Variable lines
        $status = $LASTEXITCODE
        $passed = 0; $failed = 0
        foreach ($line in $lines) {
            if ("$line" -match '^(Passed|Failed)!.*Failed:\s*(\d+), Passed:\s*(\d+)') { $failed += [int]$Matches[2]; $passed += [int]$Matches[3] }
        }
        Write-Host "$passed passed, $failed failed"
        exit $status
    }
    "publish" { Publish-Nlset }
    "run" {
        Publish-Nlset
        & $exe info data-samples/bunny.ply; if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
        & $exe reconstruct data-samples/bunny.ply -o out/bunny.recon.ply @Rest; if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
        & $exe info out/bunny.recon.ply; exit $LASTEXITCODE
    }
    "bench" { dotnet run -c Release --project tests/Nlset.Benchmarks/Nlset.Benchmarks.csproj -- @Rest; exit $LASTEXITCODE }
    default { Write-Error "build.ps1: unknown command '$Command' (build, test, publish, run, bench)"; exit 2 }
}
