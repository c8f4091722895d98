"""Tables as shown: missing values stay missing (drawn as an en dash), codes read as words, ids untouched."""

import math

import pandas as pd

from components.analysis import formats, tables


def test_missing_values_of_every_kind_become_real_missing_values():
    frame = pd.DataFrame(
        {"note": ["kept", None, float("nan")], "source_ids": [["a", "b"], [], None], "value_usd_m": [1.5, None, 3.0]}
    )
    shown = tables.display_frame(frame)
    assert shown["note"].tolist()[0] == "kept"
    assert shown["note"].isna().tolist() == [False, True, True]
    assert shown["source_ids"].tolist()[0] == "a; b"
    assert shown["source_ids"].isna().tolist() == [False, True, True]
    assert math.isnan(shown["value_usd_m"].iloc[1])
    assert "None" not in shown.astype(str).replace({"<NA>": "", "nan": ""}).to_string()


def test_numeric_and_date_columns_keep_their_type():
    frame = pd.DataFrame({"cost_usd_m": [250.0, None], "signed": pd.to_datetime(["2012-09-17", None])})
    shown = tables.display_frame(frame)
    assert shown["cost_usd_m"].dtype == float
    assert pd.api.types.is_datetime64_any_dtype(shown["signed"])


def test_coded_values_read_as_words_and_unknown_codes_pass_through():
    frame = pd.DataFrame(
        {"status": ["under_construction", "operational", "made_up"], "category": ["rail", "pipeline", None]}
    )
    shown = tables.display_frame(frame)
    assert shown["status"].tolist() == ["Under construction", "Operational", "made_up"]
    assert shown["category"].tolist()[:2] == ["Rail", "Pipeline"]
    assert pd.isna(shown["category"].iloc[2])


def test_extra_value_labels_replace_ids_with_names():
    frame = pd.DataFrame({"project_id": ["khasan-rajin-rail", "unknown-id"]})
    shown = tables.display_frame(frame, {"project_id": {"khasan-rajin-rail": "Khasan–Rajin railway"}})
    assert shown["project_id"].tolist() == ["Khasan–Rajin railway", "unknown-id"]


def test_display_frame_leaves_the_exported_frame_unchanged():
    frame = pd.DataFrame({"status": ["under_construction"], "note": [None]})
    tables.display_frame(frame)
    assert frame["status"].tolist() == ["under_construction"]
    assert frame["note"].tolist() == [None]


def test_column_labels_spell_out_names_and_units():
    assert tables.column_label("stated_length_km") == "Stated length (km)"
    assert tables.column_label("baseline_usd_m") == "Baseline (USD m)"
    assert tables.column_label("other_source_rows") == "Other source rows"
    assert tables.column_label("route_names") == "Route names"
    assert tables.column_headers(pd.DataFrame(columns=["status", "cost_usd_m"])) == {
        "status": "Status",
        "cost_usd_m": "Cost (USD m)",
    }


def test_missing_text_is_an_en_dash_not_none():
    assert formats.MISSING == "\u2013"


def test_codes_mode_keeps_values_but_still_joins_lists_and_clears_none():
    frame = pd.DataFrame({"flow": ["export"], "status": ["under_construction"], "note": [None], "ids": [["a"]]})
    shown = tables.display_frame(frame, codes=True)
    assert shown.loc[0, "flow"] == "export"
    assert shown.loc[0, "status"] == "under_construction"
    assert pd.isna(shown.loc[0, "note"])
    assert shown.loc[0, "ids"] == "a"


def test_every_column_of_the_debt_schedule_has_a_header_a_translator_sees():
    # A header spelled out from its name ("Discount factor") is English in every language: the Debt page's
    # schedule shows each of these columns, so each is a marked entry of COLUMN_LABELS.
    from components.analysis.debt_schedule import SCHEDULE_COLUMNS

    missing = [column for column in SCHEDULE_COLUMNS if column not in tables.COLUMN_LABELS and column != "due_date"]
    assert not missing
