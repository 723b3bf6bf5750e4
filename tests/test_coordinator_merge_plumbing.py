"""Merge plumbing with a minimal reader: directories, rejected files listed, outputs written.

The submission model is exercised in the merge CLI tests; here a tiny reader of the same shape lets the
file handling be tested on its own.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import polars as pl

from kkik_xl.coordinator.merge import Loaded, Rejected, merge
from kkik_xl.coordinator.merge_output import summary_lines, write_merge
from kkik_xl.coordinator.values import load_values


def tiny_reader(path: Path) -> Loaded:
    """Reads {"kommun", "år", "mall", "signerad", "tid", "värden": {kpi: värde}}; bad JSON is rejected."""
    try:
        doc = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise Rejected(f"Filen är inte giltig JSON (rad {exc.lineno}).") from exc
    return Loaded(
        path=path,
        kommunkod=doc["kommun"],
        year=doc["år"],
        template=doc["mall"],
        fully_signed=doc["signerad"],
        time=datetime.fromisoformat(doc["tid"]),
        values=tuple((kpi, "T", v) for kpi, v in doc["värden"].items()),
    )


def write(path: Path, signed: bool, day: int, values: dict[str, float | None], mall: str = "service") -> None:
    doc = {
        "kommun": "1440",
        "år": 2025,
        "mall": mall,
        "signerad": signed,
        "tid": f"2026-03-{day:02d}T12:00:00+00:00",
        "värden": values,
    }
    path.write_text(json.dumps(doc), "utf-8")


def test_directory_and_files_merge_with_every_reject_listed(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    (inbox / "sub").mkdir(parents=True)
    write(inbox / "1440_service_2025.kkik.json", True, 1, {"U00412": 80.0, "U00442": None})
    write(inbox / "sub" / "1440_forskola_2025.kkik.json", False, 2, {"U11401": 90.0}, "forskola")
    (inbox / "1440_hemtjanst_2025.kkik.json").write_text("{trasig", "utf-8")
    (inbox / "annat.txt").write_text("ignoreras: inte en inlämning", "utf-8")
    (tmp_path / "tom").mkdir()
    again = inbox / "1440_service_2025.kkik.json"  # also inside inbox: read once, not twice
    result = merge([inbox, again, tmp_path / "saknas.kkik.json", tmp_path / "tom"], tiny_reader)
    assert sorted(result.accepted) == ["1440_forskola_2025.kkik.json", "1440_service_2025.kkik.json"]
    reasons = dict(result.rejected)
    assert "inte giltig JSON" in reasons["1440_hemtjanst_2025.kkik.json"]
    assert reasons["saknas.kkik.json"] == "Filen finns inte."  # never the coordinator's absolute path
    assert "inga .kkik.json-filer" in reasons["tom"]
    assert result.null_values == 1
    assert result.ignored == ["annat.txt"]
    assert "1 fil till i katalogerna" in "\n".join(summary_lines(result))
    status = dict(zip(result.completeness["kpi"], result.completeness["status"], strict=True))
    assert (status["U00412"], status["U00442"], status["U11401"], status["U21401"]) == (
        "finns",
        "saknas",
        "osignerad",
        "ogiltig",  # the broken file's name says hemtjänst
    )


def test_outputs_are_written_and_merged_values_load_for_compare(tmp_path: Path) -> None:
    write(tmp_path / "a.kkik.json", True, 1, {"U00412": 80.0})
    write(tmp_path / "b.kkik.json", True, 5, {"U00412": 85.5})
    result = merge([tmp_path], tiny_reader)
    written = write_merge(result, tmp_path / "ut")
    assert {p.name for p in written} == {
        "varden.csv",
        "varden.json",
        "fullstandighet.csv",
        "fullstandighet.xlsx",
        "konflikter.csv",
        "avvisade.csv",
    }
    conflicts = pl.read_csv(tmp_path / "ut" / "konflikter.csv", separator=";")
    assert conflicts["vinnare"].to_list() == ["b.kkik.json"]
    for name in ("varden.csv", "varden.json"):
        loaded = load_values([tmp_path / "ut" / name]).frame
        assert loaded.select("kommunkod", "värde").row(0) == ("1440", 85.5)
    text = "\n".join(summary_lines(result))
    assert "2 inlämningar godtogs, 0 filer avvisades" in text and "1 lösta" in text
