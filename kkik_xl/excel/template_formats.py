"""Cell formats and per-column data validation for generated templates (XlsxWriter)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from kkik_xl.catalogue import Column, ColumnType

DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "hh:mm"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
LAST_ROW = 1_048_575  # zero-based index of Excel's last row (1 048 576)

_NUMBER_FORMATS: dict[ColumnType, str] = {
    ColumnType.TEXT: "@",
    ColumnType.CHOICE: "@",
    ColumnType.JANEJ: "@",
    ColumnType.DATE: DATE_FORMAT,
    ColumnType.TIME: TIME_FORMAT,
    ColumnType.DATETIME: DATETIME_FORMAT,
    ColumnType.INT: "0",
    ColumnType.DECIMAL: "#,##0.00",
}

TYPE_LABELS: dict[ColumnType, str] = {
    ColumnType.TEXT: "Text",
    ColumnType.CHOICE: "Val i lista",
    ColumnType.JANEJ: "Ja/Nej",
    ColumnType.DATE: "Datum ÅÅÅÅ-MM-DD",
    ColumnType.TIME: "Tid tt:mm",
    ColumnType.DATETIME: "Datum och tid",
    ColumnType.INT: "Heltal",
    ColumnType.DECIMAL: "Tal",
}


@dataclass
class Formats:
    """The shared XlsxWriter formats of one workbook."""

    title: Format
    heading: Format
    text: Format
    wrap: Format
    label: Format
    note: Format
    header: Format
    input_text: Format
    input_date: Format
    locked_value: Format
    result_int: Format
    percent: Format
    by_type: dict[ColumnType, Format]
    result_by_decimals: dict[int, Format]

    def result_for(self, decimals: int) -> Format:
        """The bold preview-value format showing a measure's display decimals (0–2)."""
        return self.result_by_decimals[min(max(decimals, 0), 2)]


def make_formats(wb: Workbook) -> Formats:
    """Create every format once (XlsxWriter formats are per workbook)."""
    base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}

    def fmt(**props: Any) -> Format:
        return wb.add_format({**base, **props})

    by_type = {t: fmt(num_format=nf, locked=False) for t, nf in _NUMBER_FORMATS.items()}
    return Formats(
        title=fmt(bold=True, font_size=16, font_color="#1F3864"),
        heading=fmt(bold=True, font_size=12, font_color="#1F3864", bottom=1),
        text=fmt(),
        wrap=fmt(text_wrap=True),
        label=fmt(bold=True, text_wrap=True),
        note=fmt(italic=True, font_color="#595959", text_wrap=True),
        header=fmt(bold=True, text_wrap=True, bg_color="#DDEBF7", border=1),
        input_text=fmt(locked=False, bg_color="#FFF2CC", border=1, num_format="@"),
        input_date=fmt(locked=False, bg_color="#FFF2CC", border=1, num_format=DATE_FORMAT, align="left"),
        locked_value=fmt(border=1, bg_color="#F2F2F2", align="left"),
        result_int=fmt(num_format="0", align="right", indent=1),
        percent=fmt(num_format="0.0%", align="right"),
        by_type=by_type,
        result_by_decimals={
            d: fmt(num_format=nf, bold=True, align="right", indent=1)
            for d, nf in enumerate(("0", "0.0", "0.00"))
        },
    )


def number_format(column: Column) -> str:
    """Excel number format of a column."""
    return _NUMBER_FORMATS[column.type]


def _bounds(column: Column, default_min: float, default_max: float) -> tuple[float, float]:
    low = column.min_value if column.min_value is not None else default_min
    high = column.max_value if column.max_value is not None else default_max
    return low, high


def _personnummer_guard(cell: str) -> str:
    """Custom-validation formula rejecting 10–12 digit values (a personnummer, with or without dash)."""
    digits = f'SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({cell},"-",""),"+","")," ","")'
    return f"=OR(LEN({digits})<10,ISERROR(--{digits}))"


def _type_rule(column: Column, year: int, cell: str) -> tuple[dict[str, Any], str]:
    """XlsxWriter validation options and the Swedish error sentence for the column type."""
    t = column.type
    first, last = date(year - 3, 1, 1), date(year + 1, 12, 31)
    window = f"mellan {first.isoformat()} och {last.isoformat()}"
    if t in (ColumnType.DATE, ColumnType.DATETIME):
        what = "ett datum" if t is ColumnType.DATE else "datum och tid (ÅÅÅÅ-MM-DD tt:mm)"
        rule = {"validate": "date", "criteria": "between", "minimum": first, "maximum": last}
        return rule, f"Skriv {what} {window}, till exempel {year}-03-15."
    if t is ColumnType.TIME:
        rule = {"validate": "time", "criteria": "between", "minimum": 0.0, "maximum": 0.99999}
        return rule, "Skriv en tid som tt:mm, till exempel 08:30."
    if t is ColumnType.INT:
        low, high = _bounds(column, 0, 1_000_000_000)
        rule = {"validate": "integer", "criteria": "between", "minimum": int(low), "maximum": int(high)}
        return rule, f"Skriv ett heltal från {int(low)} till {int(high)}."
    if t is ColumnType.DECIMAL:
        low, high = _bounds(column, 0, 1e12)
        rule = {"validate": "decimal", "criteria": "between", "minimum": low, "maximum": high}
        return rule, f"Skriv ett tal som är {low:g} eller större (utan enhet, till exempel 1250,50)."
    if t in (ColumnType.JANEJ, ColumnType.CHOICE):
        choices = list(column.choices) if t is ColumnType.CHOICE else ["Ja", "Nej"]
        return {"validate": "list", "source": choices}, "Välj ett av värdena i listan: " + ", ".join(
            choices
        ) + "."
    if column.is_id:
        rule = {"validate": "custom", "value": _personnummer_guard(cell)}
        return rule, "Skriv ett eget löpnummer. Personnummer (10–12 siffror) får inte användas."
    limit = 500 if not column.required else 255
    rule = {"validate": "length", "criteria": "<=", "value": limit}
    return rule, f"Texten får vara högst {limit} tecken. Skriv aldrig namn eller personnummer."


def column_validation(column: Column, year: int, cell: str) -> dict[str, Any]:
    """Complete validation options (rule, Swedish input message and error alert) for one column.

    ``cell`` is the first data cell (e.g. ``"A2"``), used by custom formulas.
    """
    rule, error = _type_rule(column, year, cell)
    required = "Obligatorisk." if column.required else "Frivillig."
    return {
        **rule,
        "ignore_blank": True,
        "input_title": column.name[:32],
        "input_message": f"{column.help} {required}"[:255],
        "error_title": "Ogiltigt värde"[:32],
        "error_message": f"{column.name}: {error}"[:255],
        "error_type": "stop",
    }
