"""Unreadable and hostile files are refused with a Swedish reason before any parser inflates them."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import fastexcel
import pytest
from xlsx_builders import rewrite_member, template_workbook

from kkik_xl.excel import xlsx_reader
from kkik_xl.excel.reader import ReadError, read_workbook
from kkik_xl.excel.safety import CFB_MAGIC

ROWS = {"Placeringar": [["Solen", date(2025, 1, 7), date(2025, 1, 10), None]]}


def _valid(tmp_path: Path, name: str = "f.xlsx") -> Path:
    return template_workbook(tmp_path / name, "forskola", ROWS)


def _refused(path: Path, fragment: str) -> ReadError:
    with pytest.raises(ReadError) as err:
        read_workbook(path, "forskola", year=2025)
    assert fragment in err.value.reason, err.value.reason
    return err.value


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "tom.xlsx"
    path.write_bytes(b"")
    _refused(path, "är tom")


def test_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "brev.xlsx"
    path.write_text("Hej! Det här är ett brev.", encoding="utf-8")
    _refused(path, "inte ett Excel")


def test_corrupt_zip(tmp_path: Path) -> None:
    path = _valid(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _refused(path, "skadad")


def test_zip_bomb_refused_before_inflating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _valid(tmp_path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf, zf.open("xl/media/bomb.bin", "w") as fh:
        chunk = bytes(1 << 20)
        for _ in range(64):
            fh.write(chunk)

    def never(*_: object) -> None:
        raise AssertionError("the parser must not be reached")

    monkeypatch.setattr(xlsx_reader.fastexcel, "read_excel", never)
    reason = _refused(path, "zip-bomb").reason
    assert "xl/media/bomb.bin" in reason


def test_encrypted_ooxml(tmp_path: Path) -> None:
    # A password-protected .xlsx is an OLE compound file with an EncryptionInfo stream.
    path = tmp_path / "hemlig.xlsx"
    directory_entry = "EncryptionInfo".encode("utf-16-le")
    path.write_bytes(CFB_MAGIC + bytes(504) + directory_entry + bytes(2000))
    _refused(path, "lösenordsskyddad")


def test_xml_external_entity_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-4711", encoding="utf-8")
    path = _valid(tmp_path)
    doctype = f'<!DOCTYPE w [<!ENTITY xxe SYSTEM "file://{secret}">]>'.encode()

    def inject(data: bytes) -> bytes:
        head, rest = data.split(b"?>", 1)
        rest = rest.replace(b"<v>", b"<v>&xxe;", 1)
        return head + b"?>" + doctype + rest

    rewrite_member(path, "xl/worksheets/sheet1.xml", inject)
    err = _refused(path, "säkerhetsskäl")
    assert "TOPSECRET" not in err.reason


def test_fastexcel_itself_does_not_resolve_entities(tmp_path: Path) -> None:
    """Defence in depth: even the bare parser never reads the file the entity points at."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-4711", encoding="utf-8")
    path = _valid(tmp_path)
    doctype = f'<!DOCTYPE w [<!ENTITY xxe SYSTEM "file://{secret}">]>'.encode()
    rewrite_member(
        path,
        "xl/sharedStrings.xml",
        lambda d: d.split(b"?>", 1)[0] + b"?>" + doctype + d.split(b"?>", 1)[1].replace(b"Solen", b"&xxe;"),
    )
    try:
        frame = fastexcel.read_excel(path).load_sheet(0).to_polars()
    except Exception:
        return  # refusing to parse is also safe
    assert "TOPSECRET" not in str(frame.to_dicts())


def test_unknown_template_detection_fails_clearly(tmp_path: Path) -> None:
    path = template_workbook(tmp_path / "x.xlsx", "forskola", ROWS, meta=False)
    with zipfile.ZipFile(path) as zf:
        assert "xl/tables/table1.xml" in zf.namelist()
    result = read_workbook(path, None)
    assert result.template_id == "forskola"
