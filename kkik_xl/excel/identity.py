"""Wrong template or wrong year: the file's ``_meta`` against what the user asked for.

A file read as another template than its ``_meta`` says, or for another year than the template was
made for, gives nothing but misleading findings (every column missing, every date outside the
period). So it is one clear usage error (exit 2) before anything else, for ``validate``, ``compute``
and ``submit`` alike. A template this version does not know is not an error here: the reader then
goes by the sheet names, and validation says so (KKIK-MA-007).
"""

from __future__ import annotations

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.excel.result import ReadError, WorkbookMeta


def check_identity(meta: WorkbookMeta, template_id: str | None, year: int | None) -> None:
    """Raise :class:`ReadError` when ``_meta`` names another known template or another year."""
    known = {t.id: t for t in CATALOGUE.templates}
    found = meta.template_id
    if template_id is not None and found in known and found != template_id:
        raise ReadError(
            f"Filen är mallen {found} ({known[found].name}) enligt bladet _meta, inte {template_id}. "
            f"Välj rätt fil, eller kontrollera den som mallen {found}."
        )
    if year is not None and meta.year is not None and meta.year != year:
        tpl = found if found in known else (template_id or "mallen")
        raise ReadError(
            f"Mallen är gjord för {meta.year}, men filen kontrolleras för {year}. "
            f"Ange --year {meta.year}, eller hämta mallen för {year} "
            f"(kkik-xl template {tpl} --year {year}) och flytta över uppgifterna."
        )
