"""Load VALUES: merged output (JSON/CSV), CSV ``kpi;kommunkod;år;kön;värde`` or Kolada API v2 JSON.

Every loader returns the same long frame (:data:`VALUE_SCHEMA`). Nothing is dropped silently: rows that
cannot be used (null values, codes that are not municipalities, KPIs outside the catalogue, duplicates)
are counted in :attr:`ValueSet.notes` as Swedish sentences.
"""

from __future__ import annotations

import json
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from kkik_xl.atomic import Batch, batch
from kkik_xl.catalogue import CATALOGUE
from kkik_xl.kommuner import by_code
from kkik_xl.submission.kolada import published_text
from kkik_xl.textsafe import frame_csv

VALUE_SCHEMA: dict[str, Any] = {
    "kpi": pl.String,
    "kommunkod": pl.String,
    "år": pl.Int64,
    "kön": pl.String,
    "värde": pl.Float64,
    "status": pl.String,
}
KEY = ["kpi", "kommunkod", "år", "kön"]
MERGED_FORMAT = "kkik-xl-värden"
CSV_COLUMNS = ["kpi", "kommunkod", "år", "kön", "värde"]


class ValuesError(Exception):
    """A VALUES file cannot be read; the message is a Swedish sentence for the user."""


@dataclass
class ValueSet:
    """Values from one or more files, plus Swedish notes about rows that were set aside."""

    frame: pl.DataFrame
    synthetic: bool = False
    notes: list[str] = field(default_factory=list)


def empty_frame() -> pl.DataFrame:
    """A values frame with no rows."""
    return pl.DataFrame(schema=VALUE_SCHEMA)


def _normalise(frame: pl.DataFrame) -> pl.DataFrame:
    """Cast to :data:`VALUE_SCHEMA`; municipality codes get their leading zero back."""
    if "status" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("status"))
    return frame.select(
        pl.col("kpi").cast(pl.String).str.strip_chars(),
        pl.col("kommunkod").cast(pl.String).str.strip_chars().str.zfill(4),
        pl.col("år").cast(pl.Int64),
        pl.col("kön").cast(pl.String).str.strip_chars().fill_null("T"),
        pl.col("värde").cast(pl.Float64),
        pl.col("status").cast(pl.String),
    )


def _swedish_number(col: str) -> pl.Expr:
    """Text with decimal comma (and spaces as thousands separators) to Float64; bad text to null."""
    text = pl.col(col).cast(pl.String).str.replace_all(r"[\s\u00a0]", "").str.replace(",", ".")
    return pl.when(text == "").then(None).otherwise(text).cast(pl.Float64, strict=False)


def read_csv(path: Path) -> tuple[pl.DataFrame, bool]:
    """Read ``kpi;kommunkod;år;kön;värde`` (decimal comma accepted); returns (frame, synthetic)."""
    try:
        raw = pl.read_csv(path, separator=";", infer_schema=False, encoding="utf8-lossy")
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise ValuesError(f"Filen {path.name} kunde inte läsas som CSV: {exc}") from exc
    raw = raw.rename({c: c.strip().lower() for c in raw.columns})
    missing = [c for c in CSV_COLUMNS if c not in raw.columns]
    if missing:
        raise ValuesError(
            f"Filen {path.name} saknar kolumnerna {', '.join(missing)} "
            "(väntat: kpi;kommunkod;år;kön;värde, semikolon som avgränsare)."
        )
    parsed = raw.with_row_index("_line", offset=2).with_columns(_swedish_number("värde").alias("_v"))
    bad = parsed.filter(pl.col("_v").is_null() & pl.col("värde").is_not_null() & (pl.col("värde") != ""))
    if bad.height:
        lines = ", ".join(str(n) for n in bad["_line"].head(5).to_list())
        raise ValuesError(f"Filen {path.name} har värden som inte är tal på rad {lines}.")
    years = parsed["år"].cast(pl.Int64, strict=False)
    if years.null_count():
        raise ValuesError(f"Filen {path.name} har år som inte är heltal i kolumnen år.")
    synthetic = "syntetisk" in raw.columns or "syntetisk" in path.name.lower()
    return _normalise(parsed.with_columns(pl.col("_v").alias("värde"))), synthetic


def _kolada_rows(doc: dict[str, Any]) -> pl.DataFrame:
    """Flatten Kolada v2 ``values`` (one entry per kpi/municipality/period, one sub-row per gender)."""
    entries = pl.DataFrame(
        doc["values"],
        schema={
            "kpi": pl.String,
            "municipality": pl.String,
            "period": pl.Int64,
            "values": pl.List(
                pl.Struct({"gender": pl.String, "value": pl.Float64, "count": pl.Int64, "status": pl.String})
            ),
        },
        strict=False,
    )
    flat = entries.explode("values").unnest("values")
    return flat.select(
        pl.col("kpi"),
        pl.col("municipality").alias("kommunkod"),
        pl.col("period").alias("år"),
        pl.col("gender").alias("kön"),
        pl.col("value").alias("värde"),
        pl.when(pl.col("status").str.strip_chars() == "")
        .then(None)
        .otherwise(pl.col("status"))
        .alias("status"),
    )


def read_json(path: Path) -> tuple[pl.DataFrame, bool]:
    """Read merged output JSON or Kolada API v2 JSON; returns (frame, synthetic)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValuesError(f"Filen {path.name} är inte läsbar JSON: {exc}") from exc
    if isinstance(doc, dict) and doc.get("format") == MERGED_FORMAT:
        rows = doc.get("rader", [])
        frame = pl.DataFrame(rows, schema={k: v for k, v in VALUE_SCHEMA.items() if k != "status"})
        return _normalise(frame), bool(doc.get("syntetisk", False))
    if isinstance(doc, dict) and isinstance(doc.get("values"), list):
        try:
            return _normalise(_kolada_rows(doc)), "syntetisk" in path.name.lower()
        except (pl.exceptions.PolarsError, TypeError, ValueError) as exc:
            raise ValuesError(f"Filen {path.name} följer inte Koladas format (API v2): {exc}") from exc
    raise ValuesError(
        f"Filen {path.name} är varken en sammanställning från kkik-xl merge eller data från Kolada (API v2)."
    )


def read_values_file(path: Path) -> tuple[pl.DataFrame, bool]:
    """Read one VALUES file by its suffix (``.csv`` or ``.json``)."""
    if not path.is_file():
        raise ValuesError(f"Filen {path} finns inte.")
    if path.suffix.lower() == ".csv":
        return read_csv(path)
    if path.suffix.lower() == ".json":
        return read_json(path)
    raise ValuesError(f"Filen {path.name}: okänt format (väntat .csv eller .json).")


def _set_aside(frame: pl.DataFrame, mask: pl.Expr, what: str, notes: list[str]) -> pl.DataFrame:
    """Drop rows matching ``mask`` and record how many, in Swedish."""
    n = frame.filter(mask).height
    if n:
        notes.append(f"{n} rader {what}.")
    return frame.filter(~mask)


def clean(frame: pl.DataFrame, gender: str = "T") -> tuple[pl.DataFrame, list[str]]:
    """Keep rows usable for comparison (gender, catalogue KPI, municipality code, a value)."""
    notes: list[str] = []
    kpis = [m.kpi for m in CATALOGUE.measures]
    codes = list(by_code())
    frame = _set_aside(frame, pl.col("kön") != gender, f"med annat kön än {gender} används inte", notes)
    frame = _set_aside(frame, ~pl.col("kpi").is_in(kpis), "med KPI utanför katalogen används inte", notes)
    not_municipality = "med koder som inte är kommuner (t.ex. riket) används inte"
    frame = _set_aside(frame, ~pl.col("kommunkod").is_in(codes), not_municipality, notes)
    flagged = frame.filter(pl.col("status").is_not_null() & pl.col("värde").is_not_null()).height
    if flagged:
        notes.append(f"{flagged} värden har en statusmarkering från Kolada men används.")
    frame = _set_aside(frame, pl.col("värde").is_null(), "saknar värde (null) och räknas som saknade", notes)
    return frame, notes


def load_values(paths: list[Path], gender: str = "T") -> ValueSet:
    """Load and combine VALUES files; when files disagree on a key, the first file's value is used."""
    frames: list[pl.DataFrame] = []
    synthetic = False
    for index, path in enumerate(paths):
        frame, synth = read_values_file(path)
        frames.append(frame.with_columns(pl.lit(index).alias("_file")))
        synthetic = synthetic or synth
    combined = pl.concat(frames) if frames else empty_frame().with_columns(pl.lit(0).alias("_file"))
    combined, notes = clean(combined, gender)
    unique = combined.sort("_file").unique(subset=KEY, keep="first", maintain_order=True)
    if unique.height < combined.height:
        notes.append(
            f"{combined.height - unique.height} dubbletter (samma kpi, kommun, år och kön) i senare filer "
            "används inte: värdet från den först angivna filen gäller."
        )
    return ValueSet(frame=unique.drop("_file"), synthetic=synthetic, notes=notes)


def published_column(frame: pl.DataFrame, value: str) -> pl.Series:
    """The ``value`` column of ``frame`` (with ``kpi``) as text rounded as Kolada publishes it.

    Every CSV the coordinator writes shows values this way (decimal comma, catalogue decimals);
    JSON outputs keep full precision for further computation.
    """
    pairs = zip(frame.get_column("kpi").to_list(), frame.get_column(value).to_list(), strict=True)
    return pl.Series(value, [published_text(k, v) for k, v in pairs], dtype=pl.String)


def values_texts(
    frame: pl.DataFrame, *, synthetic: bool = False, extra: tuple[str, ...] = ()
) -> dict[str, str]:
    """``{".csv": text, ".json": text}``: semicolon CSV (values as Kolada publishes them) and merged JSON.

    ``extra`` columns (e.g. the source file) follow the five standard columns; readers ignore them.
    """
    rows = frame.select(*CSV_COLUMNS, *extra).sort(KEY)
    text_rows = rows.with_columns(published_column(rows, "värde"))
    if synthetic:
        text_rows = text_rows.with_columns(pl.lit("ja").alias("syntetisk"))
    doc = {"format": MERGED_FORMAT, "syntetisk": synthetic, "rader": rows.to_dicts()}
    return {".csv": frame_csv(text_rows), ".json": json.dumps(doc, ensure_ascii=False, indent=1)}


def write_values(
    frame: pl.DataFrame,
    out_dir: Path,
    stem: str,
    *,
    synthetic: bool = False,
    extra: tuple[str, ...] = (),
    files: Batch | None = None,
) -> list[Path]:
    """Write ``<stem>.csv`` and ``<stem>.json`` (:func:`values_texts`), into ``files`` when given."""
    texts = values_texts(frame, synthetic=synthetic, extra=extra)
    with nullcontext(files) if files is not None else batch() as staged:
        return [staged.text(out_dir / f"{stem}{suffix}", text) for suffix, text in texts.items()]
