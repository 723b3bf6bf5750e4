<#
.SYNOPSIS
    Installerar kkik-xl för den inloggade användaren (utan administratörsbehörighet).

.DESCRIPTION
    1. Skapar (eller återanvänder) en virtuell Python-miljö i %LOCALAPPDATA%\kkik-xl\venv.
    2. Installerar kkik-xl från -Kalla (en wheel-fil, en mapp med källkoden eller ett paketnamn).
    3. Installerar xlwings-tillägget (xlwings addin install) och KKiK-tillägget kkik_knappar.xlam
       i användarens XLSTART-mapp.
    4. Skriver xlwings inställningar i %USERPROFILE%\.xlwings\xlwings.conf
       (INTERPRETER_WIN och UDF MODULES = kkik_xl.xl.udfs).
    5. Kör kkik-xl doctor.
    Skriptet kan köras flera gånger: en ny körning uppdaterar installationen.

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File install.ps1 -Kalla C:\Paket\kkik_xl-0.1.0-py3-none-any.whl
#>
[CmdletBinding()]
param(
    # Wheel-fil, mapp med källkod (pyproject.toml) eller paketnamn som pip förstår, t.ex. "kkik-xl==0.1.0".
    [string]$Kalla = (Join-Path $PSScriptRoot '..\..'),
    # Valfritt internt paketindex (pip --index-url), t.ex. kommunens spegel.
    [string]$PaketIndex = '',
    # Sökväg till python.exe (3.11 eller senare). Tomt = Python-startaren py eller python i PATH.
    [string]$Python = '',
    # Var miljön installeras.
    [string]$Installationsmapp = (Join-Path $env:LOCALAPPDATA 'kkik-xl'),
    # Importera KKIK_-funktionerna till KKiK-tillägget (kräver åtkomst till VBA-projektets objektmodell).
    [switch]$ImporteraFunktioner,
    # Hoppa över Excel-delarna (tilläggen); bara Python-miljön och kommandot kkik-xl installeras.
    [switch]$UtanExcel
)

$ErrorActionPreference = 'Stop'
$MinstaPython = [version]'3.11'
$UdfModul = 'kkik_xl.xl.udfs'
$TillaggNamn = 'kkik_knappar'
$Venv = Join-Path $Installationsmapp 'venv'
$Knappar = Join-Path $Installationsmapp 'knappar'
$Manifest = Join-Path $Installationsmapp 'installation.json'
$XlStart = Join-Path $env:APPDATA 'Microsoft\Excel\XLSTART'
$VenvPython = Join-Path $Venv 'Scripts\python.exe'
$VenvPythonw = Join-Path $Venv 'Scripts\pythonw.exe'

function Steg([string]$Text) { Write-Host "==> $Text" -ForegroundColor Cyan }
function Avbryt([string]$Text) {
    Write-Host "FEL: $Text" -ForegroundColor Red
    exit 1
}

# Kör ett program och avbryter med ett svenskt meddelande om det misslyckas.
function Kor([string]$Vad, [string]$Program, [string[]]$Argument) {
    & $Program @Argument
    if ($LASTEXITCODE -ne 0) { Avbryt "$Vad misslyckades (felkod $LASTEXITCODE)." }
}

# %LOCALAPPDATA% i stället för den utskrivna sökvägen: xlwings läser filen i ANSI och tolkar variabler,
# så användarnamn med å, ä och ö hamnar aldrig i inställningsfilen.
function MedVariabel([string]$Sokvag) {
    $bas = $env:LOCALAPPDATA.TrimEnd('\')
    if ($Sokvag.StartsWith($bas + '\', [System.StringComparison]::OrdinalIgnoreCase)) {
        return '%LOCALAPPDATA%' + $Sokvag.Substring($bas.Length)
    }
    return $Sokvag
}

function HittaPython {
    if ($Python) { return $Python }
    $py = Get-Command py -ErrorAction SilentlyContinue
    if ($py) {
        # try: i Windows PowerShell 5.1 blir text på stderr ett avbrytande fel när $ErrorActionPreference är Stop.
        try { $sokvag = & $py.Source -3 -c 'import sys; print(sys.executable)' 2>$null } catch { $sokvag = $null }
        if ($LASTEXITCODE -eq 0 -and $sokvag) { return "$sokvag".Trim() }
    }
    $python = Get-Command python -ErrorAction SilentlyContinue
    if ($python -and $python.Source -notlike '*WindowsApps*') { return $python.Source }
    Avbryt 'Hittar ingen Python. Installera Python 3.11 eller senare (python.org) eller ange -Python C:\sökväg\python.exe.'
}

function PythonVersion([string]$Program) {
    # Inga dubbla citattecken i argumentet: Windows PowerShell 5.1 skickar dem inte vidare till python.exe.
    try { $text = & $Program -c 'import sys; print(sys.version_info[0], sys.version_info[1], sep=chr(46))' 2>$null } catch { $text = $null }
    if ($LASTEXITCODE -ne 0 -or -not $text) { return [version]'0.0' }
    return [version]"$text".Trim()
}

# Excel håller tilläggen och miljöns Python (funktionsservern) öppna: uppgradering och kopiering misslyckas då.
if (Get-Process EXCEL -ErrorAction SilentlyContinue) {
    Avbryt 'Excel är öppet. Spara ditt arbete, stäng Excel och kör skriptet igen.'
}

# --- 1. Python och virtuell miljö -------------------------------------------------------------
Steg 'Kontrollerar Python'
$BasPython = HittaPython
$version = PythonVersion $BasPython
if ($version -lt $MinstaPython) {
    Avbryt "Python $version är för gammal ($BasPython). kkik-xl kräver Python $MinstaPython eller senare."
}
Write-Host "Python $version hittades: $BasPython"

if ((Test-Path $VenvPython) -and ((PythonVersion $VenvPython) -lt $MinstaPython)) {
    Steg 'Den gamla miljön har för gammal Python och skapas om'
    Remove-Item -Recurse -Force $Venv
}
if (Test-Path $VenvPython) {
    Steg "Återanvänder miljön $Venv"
} else {
    Steg "Skapar miljön $Venv"
    New-Item -ItemType Directory -Force -Path $Installationsmapp | Out-Null
    Kor 'Att skapa den virtuella miljön' $BasPython @('-m', 'venv', $Venv)
}

# --- 2. Paketet -----------------------------------------------------------------------------------
Steg "Installerar kkik-xl från $Kalla"
if (Test-Path $Kalla) { $Kalla = (Resolve-Path $Kalla).Path }
$pipArgument = @('-m', 'pip', 'install', '--upgrade', '--disable-pip-version-check')
if ($PaketIndex) { $pipArgument += @('--index-url', $PaketIndex) }
Kor 'Installationen av kkik-xl' $VenvPython ($pipArgument + @($Kalla))
if (Test-Path $Kalla) {
    # En lokal fil eller mapp med samma versionsnummer som redan finns installeras ändå om (bara paketet).
    Kor 'Ominstallationen av kkik-xl' $VenvPython @('-m', 'pip', 'install', '--force-reinstall', '--no-deps', '--disable-pip-version-check', $Kalla)
}

# --- 3. Excel-tilläggen ------------------------------------------------------------------------------
$hadeXlwingsTillagg = Test-Path (Join-Path $XlStart 'xlwings.xlam')
if (Test-Path $Manifest) {
    $tidigare = Get-Content -Raw -Encoding UTF8 $Manifest | ConvertFrom-Json
    $hadeXlwingsTillagg = [bool]$tidigare.xlwings_tillagg_fanns_fore
}
if (-not $UtanExcel) {
    $xlwings = Join-Path $Venv 'Scripts\xlwings.exe'
    Steg 'Installerar xlwings-tillägget (xlwings addin install)'
    Kor 'xlwings addin install' $xlwings @('addin', 'install')

    Steg 'Bygger KKiK-tillägget'
    Kor 'Att bygga KKiK-tillägget' $VenvPython @(
        '-m', 'kkik_xl.xl.installation', 'tillagg', '--ut', $Knappar,
        '--interpreter', (MedVariabel $VenvPythonw), '--pythonpath', (MedVariabel $Knappar))
    Steg 'Installerar KKiK-tillägget'
    Kor 'xlwings addin install --file' $xlwings @('addin', 'install', '--file', (Join-Path $Knappar "$TillaggNamn.xlam"))
    foreach ($fil in @('xlwings.xlam', "$TillaggNamn.xlam")) {
        if (-not (Test-Path (Join-Path $XlStart $fil))) {
            Avbryt "$fil kom inte på plats i $XlStart. Kontrollera att Excel är installerat och stängt och kör skriptet igen."
        }
    }
}

# --- 4. xlwings inställningar -----------------------------------------------------------------------
Steg 'Skriver xlwings inställningar (INTERPRETER_WIN, UDF MODULES)'
Kor 'Att skriva xlwings inställningar' $VenvPython @(
    '-m', 'kkik_xl.xl.installation', 'konfigurera', '--interpreter', (MedVariabel $VenvPythonw))

if ($ImporteraFunktioner -and -not $UtanExcel) {
    Steg "Importerar funktionerna ($UdfModul) till KKiK-tillägget"
    # Excel syns under importen: xlwings visar eventuella fel i en meddelanderuta. En tom arbetsbok
    # behövs, eftersom xlwings läser inställningar via den aktiva arbetsboken.
    $excel = New-Object -ComObject Excel.Application
    $excel.Visible = $true
    try {
        $tom = $excel.Workbooks.Add()
        $bok = $excel.Workbooks.Open((Join-Path $XlStart "$TillaggNamn.xlam"))
        $excel.Run("'$TillaggNamn.xlam'!ImportPythonUDFsToAddin")
        $bok.Save()
        $tom.Close($false)
    } catch {
        Write-Host ('Funktionerna kunde inte importeras: ' + $_.Exception.Message) -ForegroundColor Yellow
        Write-Host 'Slå på "Lita på åtkomst till VBA-projektets objektmodell" (Arkiv > Alternativ > Säkerhetscenter) och kör skriptet igen.' -ForegroundColor Yellow
    } finally {
        $excel.Quit()
        [void][System.Runtime.InteropServices.Marshal]::ReleaseComObject($excel)
    }
}

# --- 5. Anteckning för avinstallationen och kontroll --------------------------------------------------
$anteckning = [ordered]@{
    installerad = (Get-Date).ToString('s')
    kalla = $Kalla
    venv = $Venv
    interpreter = (MedVariabel $VenvPythonw)
    xlstart = $XlStart
    tillagg = "$TillaggNamn.xlam"
    xlwings_tillagg_fanns_fore = $hadeXlwingsTillagg
    excel = (-not $UtanExcel)
}
$anteckning | ConvertTo-Json | Set-Content -Encoding UTF8 -Path $Manifest

Steg 'Kontrollerar installationen (kkik-xl doctor)'
$doctorArgument = @('doctor')
if ($UtanExcel) { $doctorArgument += '--utan-excel' }
& (Join-Path $Venv 'Scripts\kkik-xl.exe') @doctorArgument
if ($LASTEXITCODE -ne 0) {
    Avbryt 'Installationen är inte komplett: se punkterna markerade med ✗ ovan.'
}
Write-Host ''
Write-Host 'Klart. Starta Excel: fliken KKiK finns i menyfliksområdet.' -ForegroundColor Green
Write-Host "Kommandot kkik-xl finns i $(Join-Path $Venv 'Scripts')."
