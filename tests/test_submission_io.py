"""Submission files: round trip, tampering, key order, number formatting, hostile and foreign files."""

from __future__ import annotations

import errno
import json
from pathlib import Path
from typing import Any

import pytest
from submission_factory import make_submission

from kkik_xl.atomic import WriteError
from kkik_xl.submission import SubmissionError, load_submission, save_submission, verify_submission
from kkik_xl.submission.canonical import content_checksum


def _write(tmp_path: Path, data: Any, name: str = "0180_forskola_2025.kkik.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _data(tmp_path: Path) -> dict[str, Any]:
    path = save_submission(make_submission(), tmp_path / "orig.kkik.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_round_trip(tmp_path: Path) -> None:
    sub = make_submission()
    path = save_submission(sub, tmp_path / sub.file_name())
    assert path.name == "0180_forskola_2025.kkik.json"
    loaded = load_submission(path)
    assert loaded == sub
    assert verify_submission(loaded) == []
    assert not list(tmp_path.glob("*.tmp")), "the atomic write left a temporary file"
    assert path.stat().st_mode & 0o777 == 0o644, "readable by the coordinator, like any new file"


def test_tampered_value_is_detected(tmp_path: Path) -> None:
    data = _data(tmp_path)
    data["measures"][0]["value"] = 95.0
    data["measures"][0]["display"] = "95,0"
    problems = verify_submission(load_submission(_write(tmp_path, data)))
    assert any("kontrollsumma stämmer inte" in p for p in problems)


def test_tampered_checksum_is_detected(tmp_path: Path) -> None:
    data = _data(tmp_path)
    data["checksums"]["content_sha256"] = "c" * 64
    problems = verify_submission(load_submission(_write(tmp_path, data)))
    assert any("kontrollsumma stämmer inte" in p for p in problems)


def _reverse_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _reverse_keys(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [_reverse_keys(v) for v in value]
    return value


def test_reordered_keys_keep_the_checksum(tmp_path: Path) -> None:
    data = _data(tmp_path)
    reordered = _reverse_keys(data)
    assert list(reordered) != list(data)
    assert content_checksum(reordered) == content_checksum(data)  # raw JSON data, not re-dumped by pydantic
    loaded = load_submission(_write(tmp_path, reordered))
    assert content_checksum(loaded) == data["checksums"]["content_sha256"]
    assert verify_submission(loaded) == []


def test_decimal_formatting_one_point_zero_equals_one(tmp_path: Path) -> None:
    data = _data(tmp_path)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    assert '"value": 1.0' in text  # U11402 = 1.0 as written by kkik-xl
    as_int = _write(tmp_path, {}, "int.kkik.json")
    as_int.write_text(text.replace('"value": 1.0', '"value": 1'), encoding="utf-8")
    loaded = load_submission(as_int)
    assert content_checksum(loaded) == data["checksums"]["content_sha256"]
    assert verify_submission(loaded) == []
    raw_int = json.loads(as_int.read_text(encoding="utf-8"))
    assert raw_int["measures"][1]["value"] == 1 and isinstance(raw_int["measures"][1]["value"], int)
    assert content_checksum(raw_int) == data["checksums"]["content_sha256"]  # canonical form, not pydantic
    changed = _write(tmp_path, {}, "changed.kkik.json")
    changed.write_text(text.replace('"value": 1.0', '"value": 1.01'), encoding="utf-8")
    assert content_checksum(load_submission(changed)) != data["checksums"]["content_sha256"]


def test_file_from_another_tool_is_refused_in_swedish(tmp_path: Path) -> None:
    path = _write(tmp_path, {"kommun": "0180", "values": [{"kpi": "U11401", "value": 87.5}]})
    with pytest.raises(SubmissionError) as exc:
        load_submission(path)
    assert "ingen kkik-xl-inlämning" in exc.value.reason
    assert any(p.startswith("$:") and "'format'" in p for p in exc.value.problems)


def test_schema_problem_names_the_json_path(tmp_path: Path) -> None:
    data = _data(tmp_path)
    data["measures"][1]["kpi"] = 11402
    with pytest.raises(SubmissionError) as exc:
        load_submission(_write(tmp_path, data))
    assert "följer inte formatet" in exc.value.reason
    assert any(p.startswith("$.measures[1].kpi: fel typ") for p in exc.value.problems), exc.value.problems


def test_truncated_file(tmp_path: Path) -> None:
    text = (tmp_path / "x").parent.joinpath("orig.kkik.json")
    save_submission(make_submission(), text)
    whole = text.read_text(encoding="utf-8")
    cut = _write(tmp_path, {}, "cut.kkik.json")
    cut.write_text(whole[: len(whole) // 2], encoding="utf-8")
    with pytest.raises(SubmissionError, match="inte fullständig"):
        load_submission(cut)


def test_newer_format_version_gets_a_clear_message(tmp_path: Path) -> None:
    data = _data(tmp_path)
    data["format_version"] = 2
    data["new_field_from_the_future"] = {"x": 1}
    with pytest.raises(SubmissionError) as exc:
        load_submission(_write(tmp_path, data))
    assert "formatversion 2" in exc.value.reason
    assert "Uppdatera kkik-xl" in exc.value.reason


def test_not_json_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.kkik.json"
    bad.write_bytes(b"PK\x03\x04\xff\xfe binary")
    with pytest.raises(SubmissionError, match="UTF-8"):
        load_submission(bad)
    with pytest.raises(SubmissionError, match="finns inte"):
        load_submission(tmp_path / "none.kkik.json")
    wrong = _write(tmp_path, {}, "wrong.kkik.json")
    wrong.write_text('{"a": 1,, }', encoding="utf-8")
    with pytest.raises(SubmissionError, match="inte giltig JSON"):
        load_submission(wrong)


def test_failed_write_keeps_the_previous_file_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sub = make_submission()
    path = save_submission(sub, tmp_path / sub.file_name())
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("kkik_xl.atomic.os.replace", broken_replace)
    with pytest.raises(WriteError, match="disken är full"):
        save_submission(make_submission({"U11401": 12.0}), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
