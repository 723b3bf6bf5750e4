"""Canonical JSON and SHA-256 checksums of input rows and of submission content.

Canonical JSON: keys sorted, no whitespace, UTF-8, every number written as a plain decimal string
(``1.0`` and ``1`` are the same value, so they hash the same). Canonical input rows: per table
(sorted by name), the catalogue columns sorted by name, every cell rendered as text (dates ISO,
decimals as the shortest exact decimal, ja/nej as ``true``/``false``), one JSON object per row,
rows sorted. Row order and column order therefore do not change the checksum; any cell change does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import polars as pl

from kkik_xl.submission.model import Submission

CHECKSUM_PLACEHOLDER = "0" * 64


def decimal_text(value: float | int | str) -> str:
    """Plain decimal text of a number: ``1.0`` → ``"1"``, ``1e-7`` → ``"0.0000001"``, ``-0.0`` → ``"0"``."""
    text = format(Decimal(repr(value) if isinstance(value, float) else str(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _normalise(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return {"$decimal": decimal_text(value)}
    if isinstance(value, Mapping):
        return {str(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(v) for v in value]
    raise TypeError(f"not JSON data: {type(value).__name__}")


def canonical_json(data: Any) -> bytes:
    """Canonical UTF-8 bytes of JSON-like data (numbers normalised, keys sorted)."""
    return json.dumps(
        _normalise(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    """Lower-case hex SHA-256."""
    return hashlib.sha256(data).hexdigest()


def content_payload(sub: Submission | Mapping[str, Any]) -> dict[str, Any]:
    """The content that the content checksum covers: everything but signatures and that checksum."""
    data = sub.model_dump(mode="json") if isinstance(sub, Submission) else json.loads(json.dumps(sub))
    data.pop("signatures", None)
    checksums = data.get("checksums")
    if isinstance(checksums, dict):
        checksums.pop("content_sha256", None)
    return data


def content_checksum(sub: Submission | Mapping[str, Any]) -> str:
    """SHA-256 of the canonical content of a submission (model or raw JSON data)."""
    return sha256_hex(canonical_json(content_payload(sub)))


def _float_text(expr: pl.Expr) -> pl.Expr:
    """Shortest exact decimal text; exponent forms are expanded afterwards (see _expand_exponents)."""
    text = expr.cast(pl.String)
    text = pl.when(text.str.contains(r"^-?0\.0$")).then(pl.lit("0")).otherwise(text)
    return text.str.replace(r"\.0$", "")


def _cell_text(name: str, dtype: pl.DataType) -> pl.Expr:
    col = pl.col(name)
    if dtype == pl.Date:
        return col.dt.to_string("%Y-%m-%d")
    if dtype == pl.Time:
        return col.dt.to_string("%H:%M:%S%.6f")
    if isinstance(dtype, pl.Datetime):
        return col.dt.to_string("%Y-%m-%dT%H:%M:%S%.6f")
    if dtype.is_float():
        return _float_text(col)
    return col.cast(pl.String)


def _expand_exponents(frame: pl.DataFrame, float_columns: list[str]) -> pl.DataFrame:
    """Rewrite the (rare) ``1e-7`` forms as plain decimals; only distinct values go through Python."""
    for name in float_columns:
        odd = frame.filter(pl.col(name).str.contains("e")).get_column(name).unique().to_list()
        if odd:
            mapping = {s: decimal_text(float(s)) for s in odd}
            frame = frame.with_columns(pl.col(name).replace(mapping))
    return frame


def table_row_lines(frame: pl.DataFrame) -> pl.Series:
    """One canonical JSON object per row (columns sorted, cells as text), rows sorted."""
    names = sorted(c for c in frame.columns if not c.startswith("_"))
    if not names or frame.height == 0:
        return pl.Series("line", [], dtype=pl.String)
    texts = frame.select([_cell_text(n, frame.schema[n]).alias(n) for n in names])
    texts = _expand_exponents(texts, [n for n in names if frame.schema[n].is_float()])
    lines = texts.select(pl.struct(names).struct.json_encode().alias("line")).get_column("line")
    return lines.sort()


def input_rows_checksum(tables: Mapping[str, pl.DataFrame]) -> str:
    """SHA-256 of the canonical input rows of all tables (private columns like ``_row`` left out)."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        frame = tables[name]
        columns = sorted(c for c in frame.columns if not c.startswith("_"))
        digest.update(json.dumps({"table": name, "columns": columns}, ensure_ascii=False).encode() + b"\n")
        lines = table_row_lines(frame)
        if len(lines):
            digest.update((lines.str.join("\n").item() + "\n").encode("utf-8"))
    return digest.hexdigest()
