"""Which default trade groups mix agencies (tests/data/agency_groups.py)."""

import pandas as pd

from tests.data.agency_groups import mixed_agency_groups

SOURCES = pd.DataFrame({"source_id": ["kotra", "itc", "kotra2"], "agency": ["KOTRA", "ITC", "KOTRA"]})


def trade(rows):
    return pd.DataFrame(rows, columns=["year", "reporter", "partner", "flow", "source_id", "preferred", "note"])


def test_a_group_with_one_agency_is_not_mixed_even_across_two_sources():
    rows = trade(
        [(2014, "RUS", "PRK", "total", "kotra", True, None), (2014, "RUS", "PRK", "export", "kotra2", True, "")]
    )
    assert mixed_agency_groups(rows, SOURCES).empty


def test_a_group_mixing_agencies_is_listed_with_its_agencies_and_whether_notes_say_so():
    rows = trade(
        [
            (2015, "RUS", "PRK", "total", "kotra", True, "KOTRA; mixed agencies: ..."),
            (2015, "RUS", "PRK", "export", "itc", True, "ITC"),
            (2015, "RUS", "PRK", "export", "kotra", False, "not default"),
        ]
    )
    mixed = mixed_agency_groups(rows, SOURCES)
    assert mixed[["year", "agencies"]].values.tolist() == [[2015, "ITC; KOTRA"]]
    assert not mixed["flagged"].iloc[0]
    rows.loc[1, "note"] = "ITC; mixed agencies"
    assert mixed_agency_groups(rows, SOURCES)["flagged"].iloc[0]


def test_non_default_rows_do_not_make_a_group_mixed():
    rows = trade([(2015, "RUS", "PRK", "total", "kotra", True, ""), (2015, "RUS", "PRK", "total", "itc", False, "")])
    assert mixed_agency_groups(rows, SOURCES).empty
