"""Curated tables in the reader's language: translations replace only our own text, by row."""

import pandas as pd
import pytest

from components.analysis import localized
from components.data import loader, translations

EVENTS = pd.DataFrame(
    {
        "event_id": ["a", "a", "b"],
        "source_id": ["s1", "s2", "s1"],
        "title": ["Treaty signed", "Treaty signed (second source)", "Bridge opened"],
        "start": pd.to_datetime(["2024-06-19", "2024-06-19", "2025-01-01"]),
    }
)
KO = pd.DataFrame(
    {
        "table": ["events", "events"],
        "id": ["a", "b"],
        "source_id": ["s2", "s1"],
        "field": ["title", "title"],
        "text": ["조약 체결(두 번째 출처)", "다리 개통"],
    }
)


def test_only_the_rows_with_a_translation_change_and_ids_stay():
    result = localized.localized("events", EVENTS, KO)
    assert result["title"].tolist() == ["Treaty signed", "조약 체결(두 번째 출처)", "다리 개통"]
    assert result[["event_id", "source_id", "start"]].equals(EVENTS[["event_id", "source_id", "start"]])
    assert EVENTS["title"][2] == "Bridge opened"  # the cached frame is not changed


def test_a_table_without_translations_is_returned_as_is():
    assert localized.localized("events", EVENTS, KO.iloc[0:0]) is EVENTS
    assert localized.localized("trade", EVENTS, KO) is EVENTS


def test_a_routes_leg_note_is_translated_by_route_and_seq():
    routes = pd.DataFrame(
        {
            "route_id": ["r", "r", "q"],
            "seq": [1, 2, 2],
            "source_id": ["s1", "s2", "s2"],
            "leg_note": [None, "This leg only seems to cross China", "Another note"],
        }
    )
    ko = pd.DataFrame(
        {
            "table": ["routes"],
            "id": ["r.2"],
            "source_id": ["s2"],
            "field": ["leg_note"],
            "text": ["중국을 지나 보일 뿐"],
        }
    )
    assert translations.row_ids("routes", routes) == ["r.1", "r.2", "q.2"]
    result = localized.localized("routes", routes, ko)
    assert result["leg_note"].tolist()[1:] == ["중국을 지나 보일 뿐", "Another note"]
    assert pd.isna(result["leg_note"][0])


def test_places_are_renamed_only_where_a_sourced_name_exists():
    names = pd.DataFrame(
        {
            "place": ["Rajin station", "Rajin station"],
            "lang": ["ko", "ru"],
            "name": ["나진역", "Раджин"],
            "source_id": ["x", "y"],
        }
    )
    routes = pd.DataFrame({"place": ["Rajin station", "Khasan station"], "seq": [1, 2]})
    result = localized.with_place_names(routes, localized.place_names(names, "ko"))
    assert result["place"].tolist() == ["나진역", "Khasan station"]
    assert localized.place_names(names, "en") == {}


def write(folder, name, text):
    (folder / translations.FOLDER).mkdir(exist_ok=True)
    (folder / translations.FOLDER / name).write_text(text, encoding="utf-8")


def test_a_field_we_did_not_write_cannot_be_translated(tmp_path):
    write(tmp_path, "ko.csv", "table,id,source_id,field,text\nevents,a,s1,start,2025\n")
    with pytest.raises(loader.DataError) as error:
        translations.load_text_translations("ko", tmp_path)
    assert "translated text column" in str(error.value)


@pytest.mark.parametrize(
    "body",
    [
        "table,id,source_id,field,text\nevents,a,s1,title,x\nevents,a,s1,title,y\n",  # twice
        "table,id,source_id,field,text\ntrade,a,s1,title,x\n",  # a table without our text
        "table,id,source_id,field\nevents,a,s1,title\n",  # no text column
        "table,id,source_id,field,text\nevents,a,s1,title,\n",  # empty translation
    ],
)
def test_a_malformed_translation_file_is_refused_with_its_name(tmp_path, body):
    write(tmp_path, "ja.csv", body)
    with pytest.raises(loader.DataError) as error:
        translations.load_text_translations("ja", tmp_path)
    assert error.value.file_name == "data/translations/ja.csv"


def test_no_file_means_no_translation(tmp_path):
    assert translations.load_text_translations("ru", tmp_path).empty
    assert translations.load_text_translations("en").empty


SOURCES = pd.DataFrame(
    {"source_id": ["art", "tass", "kotra"], "agency": ["the article", "Russian customs (via RFA)", "KOTRA"]}
)
SOURCES_KO = pd.DataFrame(
    {
        "table": ["sources", "sources"],
        "id": ["art", "tass"],
        "source_id": ["art", "tass"],
        "field": ["agency", "agency"],
        "text": ["검토 대상 논문", "러시아 세관(RFA 재인용)"],
    }
)


def test_a_translated_agency_keeps_its_english_for_the_code_that_compares_agencies():
    from components.analysis import sources, timeline

    shown = localized.localized("sources", SOURCES, SOURCES_KO)
    assert shown["agency"].tolist() == ["검토 대상 논문", "러시아 세관(RFA 재인용)", "KOTRA"]
    assert sources.agency_of(["tass", "nope"], shown).tolist()[0] == "러시아 세관(RFA 재인용)"
    assert sources.agency_of(["tass", "kotra"], shown, key=True).tolist() == ["Russian customs (via RFA)", "KOTRA"]
    assert sources.agency_names(shown) == {
        "the article": "검토 대상 논문",
        "Russian customs (via RFA)": "러시아 세관(RFA 재인용)",
    }
    assert sources.agency_names(SOURCES) == {} and sources.agency_of(["art"], SOURCES, key=True)[0] == "the article"
    # The article's dating is found by its English agency, whatever the reader's language.
    events = pd.DataFrame(
        {
            "event_id": ["e", "e"],
            "start": pd.to_datetime(["2014-03-24", "2014-03-01"]),
            "end": pd.NaT,
            "date_precision": ["day", "month"],
            "source_id": ["tass", "art"],
            "preferred": [True, False],
        }
    )
    english = timeline.label_datings(events, SOURCES)["dating"].tolist()
    assert timeline.label_datings(events, shown)["dating"].tolist() == english == ["preferred", "article's dating"]
