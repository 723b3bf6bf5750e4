"""`make demo`: runs the main job end to end on shipped example data."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from kkik_xl.catalogue import CATALOGUE


def main() -> None:
    """Print the catalogue of self-collected measures (the flow grows as the layers land)."""
    console = Console()
    table = Table(title=f"KKiK-katalog {CATALOGUE.version}")
    for heading in ("KPI", "Mått", "Mall", "Enhet"):
        table.add_column(heading)
    for m in CATALOGUE.measures:
        if m.self_collected:
            table.add_row(m.kpi, m.short_title, m.template or "", m.unit.value)
    console.print(table)


if __name__ == "__main__":
    main()
