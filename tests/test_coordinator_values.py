"""VALUES loaders: CSV with decimal comma, Kolada API v2 JSON with status and nulls, merged output."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.coordinator.synthetic import labelled_path, synthetic_values, write_synthetic
from kkik_xl.coordinator.values import ValuesError, load_values, write_values
from kkik_xl.kommuner import all_municipalities


def test_csv_with_decimal_comma_and_short_codes(tmp_path: Path) -> None:
    path = tmp_path / "varden.csv"
    path.write_text("kpi;kommunkod;år;kön;värde\nU00412;114;2025;T;87,5\nU00412;1440;2025;T; 90\n", "utf-8")
    got = load_values([path]).frame.sort("kommunkod")
    assert got["kommunkod"].to_list() == ["0114", "1440"]
    assert got["värde"].to_list() == [87.5, 90.0]


def test_csv_with_text_in_value_column_is_refused_with_line_number(tmp_path: Path) -> None:
    path = tmp_path / "fel.csv"
    path.write_text("kpi;kommunkod;år;kön;värde\nU00412;0114;2025;T;87,5\nU00412;1440;2025;T;åtta\n", "utf-8")
    with pytest.raises(ValuesError, match="rad 3"):
        load_values([path])


def test_csv_missing_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fel.csv"
    path.write_text("kpi,kommunkod,år,värde\nU00412,0114,2025,87\n", "utf-8")
    with pytest.raises(ValuesError, match="saknar kolumnerna"):
        load_values([path])


def kolada_doc() -> dict[str, object]:
    return {
        "count": 4,
        "values": [
            {
                "kpi": "U00412",
                "municipality": "0114",
                "period": 2025,
                "values": [
                    {"gender": "T", "value": 81.2, "count": 1, "status": ""},
                    {"gender": "K", "value": 80.0, "count": 1, "status": ""},
                ],
            },
            {
                "kpi": "U00412",
                "municipality": "1440",
                "period": 2025,
                "values": [{"gender": "T", "value": None, "count": 0, "status": "Missing"}],
            },
            {
                "kpi": "U00412",
                "municipality": "0180",
                "period": 2025,
                "values": [{"gender": "T", "value": 70.4, "count": 1, "status": "B"}],
            },
            {
                "kpi": "U00412",
                "municipality": "0000",
                "period": 2025,
                "values": [{"gender": "T", "value": 75.0, "count": 290, "status": None}],
            },
        ],
    }


def test_kolada_json_with_status_markers_and_nulls(tmp_path: Path) -> None:
    path = tmp_path / "kolada.json"
    path.write_text(json.dumps(kolada_doc()), "utf-8")
    loaded = load_values([path])
    got = loaded.frame.sort("kommunkod")
    assert got["kommunkod"].to_list() == ["0114", "0180"]
    assert got["värde"].to_list() == [81.2, 70.4]
    assert got["status"].to_list() == [None, "B"]
    notes = " ".join(loaded.notes)
    assert "1 rader med annat kön än T" in notes
    assert "1 rader med koder som inte är kommuner" in notes
    assert "1 rader saknar värde (null)" in notes
    assert "1 värden har en statusmarkering" in notes


def test_kolada_json_other_gender_on_request(tmp_path: Path) -> None:
    path = tmp_path / "kolada.json"
    path.write_text(json.dumps(kolada_doc()), "utf-8")
    assert load_values([path], gender="K").frame["värde"].to_list() == [80.0]


def test_unknown_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "annat.json"
    path.write_text('{"rows": []}', "utf-8")
    with pytest.raises(ValuesError, match="varken"):
        load_values([path])


def test_merged_output_round_trip_and_first_file_wins(tmp_path: Path) -> None:
    own = pl.DataFrame(
        {"kpi": ["U00412"], "kommunkod": ["1440"], "år": [2025], "kön": ["T"], "värde": [91.5]}
    )
    csv_path, json_path = write_values(own, tmp_path / "ut", "varden")
    national = tmp_path / "nationellt.csv"
    national.write_text("kpi;kommunkod;år;kön;värde\nU00412;1440;2025;T;50\nU00412;0114;2025;T;60\n", "utf-8")
    for path in (csv_path, json_path):
        loaded = load_values([path, national])
        by_code = dict(zip(loaded.frame["kommunkod"], loaded.frame["värde"], strict=True))
        assert by_code == {"1440": 91.5, "0114": 60.0}
        assert any("dubbletter" in n for n in loaded.notes)


def test_synthetic_dataset_is_complete_plausible_seeded_and_labelled(tmp_path: Path) -> None:
    first = synthetic_values(2025, seed=7)
    assert first.equals(synthetic_values(2025, seed=7))
    assert not first.equals(synthetic_values(2025, seed=8))
    assert first["kommunkod"].n_unique() == len(all_municipalities()) == 290
    assert sorted(first["år"].unique().to_list()) == [2023, 2024, 2025]
    assert first["kpi"].n_unique() == len(CATALOGUE.measures)
    percent = first.filter(pl.col("kpi") == "U00412")["värde"]
    assert percent.min() >= 0 and percent.max() <= 100  # type: ignore[operator]
    sick_days = first.filter(pl.col("kpi") == "N00938")["värde"]  # sjukpenningtal, days per insured
    assert sick_days.median() < 15  # type: ignore[operator]
    path = write_synthetic(tmp_path / "nat.csv", 2025, seed=7)
    assert path.name == "syntetisk_nat.csv" and path.is_file()
    loaded = load_values([path])
    assert loaded.synthetic and loaded.frame.height == first.height
    assert labelled_path(tmp_path, 2025).name == "syntetisk_nationell_2023-2025.csv"
