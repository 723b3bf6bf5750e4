"""Compute every template's measures from the shipped example CSV files (`kkik-xl compute`)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from kkik_xl import terminal
from kkik_xl.catalogue import CATALOGUE
from kkik_xl.commands.compute import print_table
from kkik_xl.computation import Computation, UsageError, compute_file
from kkik_xl.excel.result import ReadError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_YEAR = 2025


def example_files(template_id: str) -> list[tuple[str, Path]]:
    """``(table name, CSV path)`` for each table of the template that has an example file."""
    template = CATALOGUE.template(template_id)
    files = [(tab.name, EXAMPLES / template_id / f"{tab.name.lower()}.csv") for tab in template.tables]
    return [(name, path) for name, path in files if path.is_file()]


def compute_examples(console: Console | None = None, year: int = EXAMPLE_YEAR) -> list[Computation]:
    """Run ``kkik-xl compute`` on every template's example CSV files and print the measure tables.

    Templates whose engine is not available are reported in a line, not skipped silently.
    """
    console = console or terminal.console()
    done: list[Computation] = []
    for template in CATALOGUE.templates:
        for table, path in example_files(template.id):
            console.rule(f"{template.name}: {path.relative_to(EXAMPLES)}")
            try:
                comp = compute_file(template.id, path, year=year, table=table)
            except (UsageError, ReadError) as err:
                console.print(terminal.line(terminal.styled("Beräknas inte:", "yellow"), " ", err.reason))
                continue
            print_table(comp, console)
            done.append(comp)
    return done


def catalogue_table() -> Table:
    """The self-collected measures of the catalogue."""
    table = Table(title=f"KKiK-katalog {CATALOGUE.version}")
    for heading in ("KPI", "Mått", "Mall", "Enhet"):
        table.add_column(heading)
    for m in CATALOGUE.measures:
        if m.self_collected:
            table.add_row(m.kpi, m.short_title, m.template or "", m.unit.value)
    return table


def main() -> None:
    """Print the catalogue, then compute every template's measures from the example data."""
    console = terminal.console()
    console.print(catalogue_table())
    compute_examples(console)


if __name__ == "__main__":
    main()
