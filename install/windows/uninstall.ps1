<#
.SYNOPSIS
    Tar bort kkik-xl för den inloggade användaren: det som install.ps1 har installerat.

.DESCRIPTION
    1. Tar bort KKiK-tillägget kkik_knappar.xlam ur XLSTART, och xlwings-tillägget om install.ps1
       installerade det (det fanns inte där före installationen).
    2. Tar bort kkik-xl:s värden (INTERPRETER_WIN, kkik_xl.xl.udfs i UDF MODULES) ur
       %USERPROFILE%\.xlwings\xlwings.conf. Andra inställningar lämnas kvar.
    3. Tar bort den virtuella miljön, tilläggsmappen och anteckningen i %LOCALAPPDATA%\kkik-xl.
       Referensvärden (referensvarden.csv) och andra egna filer där lämnas kvar om inte -TaBortAllt anges.

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File uninstall.ps1
#>
[CmdletBinding()]
param(
    [string]$Installationsmapp = (Join-Path $env:LOCALAPPDATA 'kkik-xl'),
    # Ta bort hela installationsmappen, även referensvärden och andra filer som lagts där.
    [switch]$TaBortAllt
)

$ErrorActionPreference = 'Stop'
$UdfModul = 'kkik_xl.xl.udfs'
$TillaggNamn = 'kkik_knappar'
$Venv = Join-Path $Installationsmapp 'venv'
$Knappar = Join-Path $Installationsmapp 'knappar'
$Manifest = Join-Path $Installationsmapp 'installation.json'
$XlStart = Join-Path $env:APPDATA 'Microsoft\Excel\XLSTART'
$VenvPython = Join-Path $Venv 'Scripts\python.exe'
$KonfigFil = Join-Path $env:USERPROFILE '.xlwings\xlwings.conf'

function Steg([string]$Text) { Write-Host "==> $Text" -ForegroundColor Cyan }
function Avbryt([string]$Text) {
    Write-Host "FEL: $Text" -ForegroundColor Red
    exit 1
}

if (Get-Process EXCEL -ErrorAction SilentlyContinue) {
    Avbryt 'Excel är öppet. Spara ditt arbete, stäng Excel och kör skriptet igen.'
}

$anteckning = $null
if (Test-Path $Manifest) {
    $anteckning = Get-Content -Raw -Encoding UTF8 $Manifest | ConvertFrom-Json
    $XlStart = $anteckning.xlstart
} else {
    Write-Host "Ingen anteckning från install.ps1 i $Installationsmapp; tar bort det som finns på standardplatserna." -ForegroundColor Yellow
}

# --- 1. Excel-tilläggen -----------------------------------------------------------------------------
Steg "Tar bort $TillaggNamn.xlam ur $XlStart"
Remove-Item -Force -ErrorAction SilentlyContinue (Join-Path $XlStart "$TillaggNamn.xlam")
if ($anteckning -and -not $anteckning.xlwings_tillagg_fanns_fore) {
    Steg 'Tar bort xlwings-tillägget (xlwings.xlam), som installerades av kkik-xl'
    Remove-Item -Force -ErrorAction SilentlyContinue (Join-Path $XlStart 'xlwings.xlam')
} elseif ($anteckning) {
    Write-Host 'xlwings-tillägget lämnas kvar: det fanns före installationen av kkik-xl.'
} else {
    Write-Host 'xlwings-tillägget lämnas kvar (okänt om det fanns före kkik-xl); ta bort xlwings.xlam ur XLSTART om det inte behövs.'
}

# --- 2. xlwings inställningar ----------------------------------------------------------------------
$interpreter = '%LOCALAPPDATA%\kkik-xl\venv\Scripts\pythonw.exe'
if ($anteckning) { $interpreter = $anteckning.interpreter }
if ((Test-Path $KonfigFil) -and (Test-Path $VenvPython)) {
    Steg "Tar bort kkik-xl:s värden ur $KonfigFil"
    & $VenvPython -m kkik_xl.xl.installation avkonfigurera --interpreter $interpreter
    if ($LASTEXITCODE -ne 0) { Avbryt "Inställningarna i $KonfigFil kunde inte ändras." }
} elseif (Test-Path $KonfigFil) {
    Write-Host "Miljön saknas: ta själv bort raderna INTERPRETER_WIN och $UdfModul ur $KonfigFil." -ForegroundColor Yellow
}

# --- 3. Miljön och mappen ----------------------------------------------------------------------------
Steg "Tar bort miljön och tilläggsmappen i $Installationsmapp"
foreach ($del in @($Venv, $Knappar, $Manifest)) {
    if (Test-Path $del) { Remove-Item -Recurse -Force $del }
}
if ($TaBortAllt -and (Test-Path $Installationsmapp)) {
    Remove-Item -Recurse -Force $Installationsmapp
} elseif ((Test-Path $Installationsmapp) -and -not (Get-ChildItem $Installationsmapp)) {
    Remove-Item -Force $Installationsmapp
} elseif (Test-Path $Installationsmapp) {
    Write-Host "Egna filer finns kvar i $Installationsmapp (till exempel referensvärden); -TaBortAllt tar bort dem."
}
Write-Host 'kkik-xl är avinstallerat.' -ForegroundColor Green
