"""The measure catalogue: the single source of truth for measures, templates and columns.

Templates, schemas, UDFs and docs are generated from :data:`CATALOGUE`; nothing restates it by hand.
"""

from __future__ import annotations

from kkik_xl.catalogue.measures_data import MEASURES
from kkik_xl.catalogue.models import (
    Catalogue,
    Column,
    ColumnType,
    Direction,
    Measure,
    Parameter,
    ParameterType,
    Table,
    Template,
    Unit,
)
from kkik_xl.catalogue.templates_data import TEMPLATES

CATALOGUE_VERSION = "2026.1"

CATALOGUE = Catalogue(version=CATALOGUE_VERSION, measures=MEASURES, templates=TEMPLATES)

__all__ = [
    "CATALOGUE",
    "CATALOGUE_VERSION",
    "Catalogue",
    "Column",
    "ColumnType",
    "Direction",
    "Measure",
    "Parameter",
    "ParameterType",
    "Table",
    "Template",
    "Unit",
]
