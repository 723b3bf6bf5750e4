"""KKIK-ST-002: statistical outliers per unit (modified z-score, Iglewicz & Hoaglin), a warning.

For every wait pair, and for invoice amounts, values are compared with the other rows of the same
unit (the table's ``unit_column``; the whole table when it has none). A row is an outlier when
``|0.6745 · (x − median) / MAD| > 3.5``. Groups with fewer than 5 values, or a MAD of zero, are skipped.
Only rows inside the measurement period are compared (the rows the measures count; rows outside it
are excluded from the measure and reported by KKIK-DA-001).
"""

from __future__ import annotations

import polars as pl

from kkik_xl.codes import register
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.base import Rule, RuleContext, cell_findings, measures_using
from kkik_xl.rules.period import inside_period
from kkik_xl.rules.waits import WAITS, wait_days

OUTLIER = register(
    "KKIK-ST-002",
    Severity.WARNING,
    "Avvikande värde",
    "Cell {cell}: {what} {x} avviker starkt från övriga rader{unit}: medianen är {median}, och värdet "
    "ligger {times} gånger så långt från medianen som raderna brukar ligga. "
    "Kontrollera värdet eller motivera.",
)
THRESHOLD = 3.5
MIN_GROUP = 5


def outliers(frame: pl.DataFrame, value: pl.Expr, unit: str | None) -> pl.DataFrame:
    """Rows (``_row``, ``x``, ``median``, ``z``, ``times``, ``g``) whose modified z-score exceeds 3.5.

    ``times`` is |x − median| / MAD, the plain-language form shown to users ("so many times as far
    from the median as the rows usually are"); the modified z-score stays the criterion.
    """
    group = pl.col(unit).fill_null("") if unit else pl.lit("")
    x = pl.col("x")
    med = x.median().over("g")
    mad = (x - med).abs().median().over("g")
    return (
        frame.lazy()
        .select("_row", value.cast(pl.Float64).alias("x"), group.alias("g"))
        .filter(x.is_not_null())
        .with_columns(med.alias("median"), mad.alias("mad"), pl.len().over("g").alias("n"))
        .filter((pl.col("n") >= MIN_GROUP) & (pl.col("mad") > 0))
        .with_columns((0.6745 * (x - pl.col("median")) / pl.col("mad")).alias("z"))
        .filter(pl.col("z").abs() > THRESHOLD)
        .with_columns(((x - pl.col("median")).abs() / pl.col("mad")).round(0).cast(pl.Int64).alias("times"))
        .select("_row", "x", "median", pl.col("z").round(1), "times", "g")
        .collect()
    )


def _emit(
    ctx: RuleContext, table_name: str, column: str, value: pl.Expr, what: str, cols: list[str]
) -> list[Finding]:
    table = ctx.template.table(table_name)
    frame = ctx.present(table)
    if frame is None or not all(ctx.has_column(table, c) for c in cols):
        return []
    inside = inside_period(ctx, table)
    if inside is not None:
        frame = frame.filter(inside)
    unit = table.unit_column if table.unit_column and ctx.has_column(table, table.unit_column) else None
    hits = outliers(frame, value, unit).with_columns(
        pl.when(pl.col("g") != "")
        .then(pl.lit(" i enheten ") + pl.col("g"))
        .otherwise(pl.lit(""))
        .alias("unit")
    )
    hits = hits.drop("g").join(frame.select("_row", column), on="_row")
    measure = measures_using(ctx.template, table, cols)
    return cell_findings(OUTLIER, ctx, table, column, hits, measure=measure, what=what)


def check(ctx: RuleContext) -> list[Finding]:
    """Outlying waits and invoice amounts."""
    out: list[Finding] = []
    for pair in WAITS:
        if pair.template == ctx.template.id:
            out += _emit(
                ctx, pair.table, pair.end, wait_days(pair), "väntetiden (dagar)", [pair.start, pair.end]
            )
    if ctx.template.id == "kost":
        col = "Belopp totalt (kr)"
        out += _emit(ctx, "Fakturor", col, pl.col(col), "beloppet", [col])
    return out


RULE = Rule(
    "outliers",
    (OUTLIER,),
    check,
    templates=tuple(sorted({w.template for w in WAITS} | {"kost"})),
)
