"""Typed catalogue documents: measures, templates, tables, columns and parameters."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Direction(StrEnum):
    """Which way is better for a measure."""

    HIGHER = "higher"
    LOWER = "lower"


class Unit(StrEnum):
    """Display unit of a measure value."""

    PERCENT = "%"
    DAYS = "dagar"
    COUNT = "antal"
    POINTS = "poäng"
    INDEX = "index"


class ColumnType(StrEnum):
    """Cell type of an input column."""

    TEXT = "text"
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    INT = "int"
    DECIMAL = "decimal"
    JANEJ = "ja/nej"
    CHOICE = "choice"


class _Doc(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Column(_Doc):
    """One column of an input table; ``name`` is the exact header text."""

    name: str
    type: ColumnType
    required: bool = True
    help: str
    choices: tuple[str, ...] = ()
    min_value: float | None = None
    max_value: float | None = None
    is_id: bool = Field(default=False, description="Identifies a case/person: never leaves the workbook.")
    width: int = 18
    blank_means: str | None = Field(
        default=None,
        description="What an empty cell means to the measures (Swedish), when it does not mean that the "
        "row is left out (or, for an every-row measure, that there is no value).",
    )

    @model_validator(mode="after")
    def _choices_only_for_choice(self) -> Column:
        if (self.type is ColumnType.CHOICE) != bool(self.choices):
            raise ValueError(f"column {self.name!r}: choices go with type 'choice' only")
        return self


class Table(_Doc):
    """An Excel Table (ListObject) on its own input sheet."""

    name: str = Field(description="ListObject name (ASCII, no spaces).", pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    sheet: str
    description: str
    columns: tuple[Column, ...]
    quality_measure: str | None = Field(
        default=None,
        description="For a Kvalitet table: the measure whose year's indicator list (indicator_files) adds "
        "one ja/nej column per indicator.",
    )
    key: tuple[str, ...] = Field(default=(), description="Columns that identify a row (duplicate check).")
    unit_column: str | None = Field(default=None, description="Column used for per-unit breakdowns.")

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    def quality_names(self, year: int) -> tuple[str, ...]:
        """Headers of the quality indicators asked in ``year`` (empty for other tables)."""
        if self.quality_measure is None:
            return ()
        from kkik_xl.catalogue.indicator_files import current

        return current(year).names(self.quality_measure)

    def columns_for_year(self, year: int) -> tuple[Column, ...]:
        """Fixed columns plus one ja/nej column per quality indicator asked in ``year``."""
        if self.quality_measure is None:
            return self.columns
        from kkik_xl.catalogue.indicator_files import current

        extra = tuple(
            Column(name=q.namn, type=ColumnType.JANEJ, help=q.fraga, width=16, blank_means="räknas som Nej")
            for q in current(year).of(self.quality_measure)
        )
        return self.columns + extra


class ParameterType(StrEnum):
    """Type of a template parameter."""

    DATE = "date"
    INT = "int"
    BOOL = "ja/nej"


class Parameter(_Doc):
    """A template parameter set on the Uppgifter sheet or on the command line."""

    name: str = Field(pattern=r"^[a-z_]+$")
    label: str
    type: ParameterType
    help: str
    default: str | None = Field(default=None, description="Default as text; {year} is substituted.")


class Template(_Doc):
    """A workbook template: its input tables, parameters and the measures it produces."""

    id: str = Field(pattern=r"^[a-z][a-z-]*$")
    name: str
    department: str
    description: str
    tables: tuple[Table, ...]
    parameters: tuple[Parameter, ...] = ()
    version: str = "1.0"

    def table(self, name: str) -> Table:
        """The table called ``name`` (ListObject name or sheet name)."""
        for tab in self.tables:
            if name in (tab.name, tab.sheet):
                return tab
        raise KeyError(name)


class Measure(_Doc):
    """A KKiK measure (one Kolada KPI)."""

    kpi: str = Field(pattern=r"^[NU]\d{5}$")
    number: str | None = Field(
        default=None,
        pattern=r"^\d{1,2}[AB]?$",
        description="The measure's number in the KKiK guide (SKL 2014, 'Mått 10'); None where the guide "
        "does not number it.",
    )
    title: str
    short_title: str
    area: str
    direction: Direction
    unit: Unit
    decimals: int = 1
    self_collected: bool
    template: str | None = None
    table: str | None = None
    definition: str = ""
    period: str = ""
    kolada_verified: bool = Field(
        default=False,
        description="The KPI id was found in a published Kolada KPI list (kolada_source); never guessed.",
    )
    kolada_source: str = ""
    all_rows: bool = Field(
        default=False,
        description="The denominator is every row of the table: a blank needed cell or an unreadable row "
        "makes the value undefined instead of dropping the row.",
    )
    inputs: tuple[str, ...] = Field(
        default=(),
        description="Headers the measure reads, in UDF argument order (then År, then template parameters). "
        "Quality measures read 'Antal platser' plus the block of the year's quality columns.",
    )

    @property
    def guide_label(self) -> str:
        """``Mått 10 i KKiK`` (the guide's numbering), or a sentence saying the guide has no number."""
        return f"Mått {self.number} i KKiK" if self.number else "inget måttnummer i KKiK-guiden"

    @model_validator(mode="after")
    def _template_iff_self_collected(self) -> Measure:
        if self.self_collected != (self.template is not None and self.table is not None):
            raise ValueError(f"{self.kpi}: self-collected measures name their template and table")
        return self


class Catalogue(_Doc):
    """All measures and templates, cross-checked at load time."""

    version: str
    measures: tuple[Measure, ...]
    templates: tuple[Template, ...]

    @model_validator(mode="after")
    def _cross_check(self) -> Catalogue:
        kpis = [m.kpi for m in self.measures]
        if len(set(kpis)) != len(kpis):
            raise ValueError("duplicate KPI id in the catalogue")
        by_id = {t.id: t for t in self.templates}
        for m in self.measures:
            if m.template is None or m.table is None:
                continue
            if m.template not in by_id:
                raise ValueError(f"{m.kpi}: unknown template {m.template!r}")
            table = by_id[m.template].table(m.table)
            headers = {c.name for c in table.columns}
            missing = [h for h in m.inputs if h not in headers]
            if missing or not m.inputs:
                raise ValueError(f"{m.kpi}: inputs {missing or '()'} are not columns of {m.table}")
        return self

    def measure(self, kpi: str) -> Measure:
        """The measure with KPI id ``kpi``."""
        for m in self.measures:
            if m.kpi == kpi:
                return m
        raise KeyError(kpi)

    def template(self, template_id: str) -> Template:
        """The template with id ``template_id``."""
        for t in self.templates:
            if t.id == template_id:
                return t
        raise KeyError(template_id)

    def measures_of(self, template_id: str) -> tuple[Measure, ...]:
        """The self-collected measures a template produces, in catalogue order."""
        return tuple(m for m in self.measures if m.template == template_id)
