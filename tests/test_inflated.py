"""Parts inflated once per validation (kkik_xl/excel/inflated.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kkik_xl.excel import inflated
from kkik_xl.excel.inflated import open_part, sharing


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def _inflations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        if (args[0] if args else kwargs.get("mode", "r")) == "r":  # not the writes of _zip
            seen.append(getattr(name, "filename", name))  # type: ignore[arg-type]
        return real(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    return seen


def test_inside_sharing_a_part_is_inflated_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _zip(tmp_path / "a.xlsx", {"xl/worksheets/sheet1.xml": b"<x>" + b"a" * 100_000 + b"</x>"})
    seen = _inflations(monkeypatch)
    with sharing(), sharing():  # nested: the outer block's parts
        for _ in range(3):
            with zipfile.ZipFile(path) as zf, open_part(zf, zf.getinfo("xl/worksheets/sheet1.xml")) as fh:
                assert fh.read().endswith(b"</x>")
    assert seen == ["xl/worksheets/sheet1.xml"]
    with zipfile.ZipFile(path) as zf:
        for _ in range(2):
            with open_part(zf, zf.getinfo("xl/worksheets/sheet1.xml")) as fh:
                fh.read()
    assert len(seen) == 3  # outside sharing: streamed each time


def test_big_parts_and_a_changed_file_are_not_shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _zip(tmp_path / "a.xlsx", {"big.xml": b"b" * 5000, "small.xml": b"s" * 10})
    monkeypatch.setattr(inflated, "MAX_PART_BYTES", 1000)
    seen = _inflations(monkeypatch)
    with sharing():
        for _ in range(2):
            with zipfile.ZipFile(path) as zf:
                for name in ("big.xml", "small.xml"):
                    with open_part(zf, zf.getinfo(name)) as fh:
                        fh.read()
        _zip(path, {"big.xml": b"c" * 5000, "small.xml": b"t" * 10})  # saved again: another file
        with zipfile.ZipFile(path) as zf, open_part(zf, zf.getinfo("small.xml")) as fh:
            assert fh.read() == b"t" * 10
    assert seen == ["big.xml", "small.xml", "big.xml", "small.xml"]


def test_a_damaged_part_still_fails_inside_sharing(tmp_path: Path) -> None:
    path = _zip(tmp_path / "a.xlsx", {"xl/worksheets/sheet1.xml": b"<x>" + b"a" * 1000 + b"</x>"})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    central = data.rindex(b"PK\x01\x02")  # the central directory's entry holds the CRC zipfile checks
    data[central + 16 : central + 20] = (info.CRC ^ 1).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with sharing(), zipfile.ZipFile(path) as zf, pytest.raises(zipfile.BadZipFile):
        open_part(zf, zf.getinfo("xl/worksheets/sheet1.xml")).read()
