#!/bin/sh
# Renderar jämförelserapporterna (syntetiska data) till bilder för dokumentationen.
# Kräver chromium, soffice (LibreOffice) och pdftoppm. Körs från repots rot: sh docs/images/rendera_rapporter.sh
set -eu
BIN=${BIN:-.venv/bin}
TMP=$(mktemp -d)
"$BIN/kkik-xl" synthetic --out "$TMP" --year 2025
NAT="$TMP/syntetisk_nationell_2023-2025.csv"
"$BIN/kkik-xl" compare "$NAT" --year 2025 --municipality 1440 --format html --out "$TMP/rapport.html"
"$BIN/kkik-xl" compare "$NAT" --year 2025 --municipality 1440 --format xlsx --out "$TMP/rapport.xlsx"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$TMP/profile" --hide-scrollbars \
  --screenshot=docs/images/rapport_html.png --window-size=1240,1500 "file://$TMP/rapport.html"
(cd "$TMP" && soffice --headless --convert-to pdf rapport.xlsx >/dev/null)
pdftoppm -r 90 -png -f 1 -l 2 "$TMP/rapport.pdf" "$TMP/sida"
cp "$TMP/sida-01.png" docs/images/rapport_xlsx_oversikt.png
cp "$TMP/sida-02.png" docs/images/rapport_xlsx_omrade.png
rm -rf "$TMP"
