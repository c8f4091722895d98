"""AppTest checks of the Timeline page: filters drive the table, the URL selects an event, datings are marked."""

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from components import data, paths, timeline
from tests.app.app_pages import open_app_page

PAGE = "pages/timeline.py"

SOURCES_CSV = """source_id,title,publisher,published,url,agency,note
article,The article,Journal,2014-08-01,https://example.org/article,the article,
nknews,Russia signs protocol,NK News,2014-04-01,https://example.org/nknews,NK News,
tass,TASS report,TASS,,https://example.org/tass,TASS,
"""
EVENTS_CSV = """event_id,start,end,date_precision,title,category,actors,location,description,source_id,preferred
crimea_sanctions,2014-03-01,,month,Sanctions after Crimea,sanctions,USA;RUS,,Western sanctions,tass,true
galushka_visit,2014-03-24,2014-03-28,day,Galushka visit <script>alert(1)</script>,visit,RUS;PRK,Rason,$1B *protocol*,nknews,true
galushka_visit,2014-03-01,,month,Galushka visit <script>alert(1)</script>,visit,RUS;PRK,Rason,Article's dating,article,false
duma_writeoff,2014-04-18,,day,Duma ratifies write-off,legislation,RUS,Moscow,90% written off,tass,true
fuel_halt,2014-01-01,,year,China fuel halt,shock,CHN;PRK,,,article,true
xi_seoul,2014-07-03,2014-07-04,day,Xi visits Seoul,visit,CHN;KOR,Seoul,,tass,true
ulan_ude,2011-08-24,,day,Medvedev meets Kim Jong Il,summit,RUS;PRK,Ulan-Ude,,tass,true
"""


@pytest.fixture
def curated_events(tmp_path, monkeypatch) -> Path:
    """A small events table with an event dated two ways and a hostile title; the app reads it."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "sources.csv").write_text(SOURCES_CSV, encoding="utf-8")
    (folder / "events.csv").write_text(EVENTS_CSV, encoding="utf-8")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    return folder


def open_timeline(query: dict[str, str | list[str]] | None = None) -> AppTest:
    return open_app_page(PAGE, query)


def chart_proto(app: AppTest):
    charts = app.get("vega_lite_chart")
    assert len(charts) == 1
    return charts[0].proto


def chart_spec(app: AppTest) -> dict:
    return json.loads(chart_proto(app).spec)


def chart_rows(app: AppTest) -> pd.DataFrame:
    """The rows the browser gets for the chart (the named dataset, as Arrow)."""
    datasets = {dataset.name: dataset.data.data for dataset in chart_proto(app).datasets}
    assert list(datasets) == [timeline.CHART_DATASET]
    return pa.ipc.open_stream(datasets[timeline.CHART_DATASET]).read_all().to_pandas()


def test_real_data_renders_every_event_row_in_chart_and_table():
    events = data.load("events")
    app = open_timeline()
    assert len(app.dataframe[0].value) == len(events)
    rows = chart_rows(app)
    assert len(rows) == len(events)
    assert set(rows["drawing"]) == {"range", "imprecise", "day", "alternative"}
    proto = chart_proto(app)
    assert list(proto.selection_mode) == [timeline.SELECTION_PARAM]
    assert "datasets" not in chart_spec(app)  # the rows travel as Arrow beside the spec
    assert not app.warning


def test_category_filter_narrows_the_table(curated_events):
    app = open_timeline()
    assert len(app.dataframe[0].value) == 7
    app.multiselect(key="category").select("visit").run()
    table = app.dataframe[0].value
    assert set(table["category"]) == {"visit"}
    assert sorted(table["event_id"]) == ["galushka_visit", "galushka_visit", "xi_seoul"]


def test_actor_and_year_filters_from_the_url(curated_events):
    app = open_timeline({"actor": "KOR"})
    assert list(app.dataframe[0].value["event_id"]) == ["xi_seoul"]
    app = open_timeline({"years": ["2011", "2012"]})
    assert list(app.dataframe[0].value["event_id"]) == ["ulan_ude"]


def test_query_string_selects_an_event_and_shows_both_datings(curated_events):
    app = open_timeline({"event": "galushka_visit"})
    assert app.selectbox(key="event").value == "galushka_visit"
    assert app.query_params["event"] == "galushka_visit"
    assert not app.warning
    text = "\n".join(block.value for block in app.markdown)
    assert "preferred" in text
    assert "article's dating" in text.replace("\\", "")
    assert "Rason" in text
    assert "Russia signs protocol" in text
    assert "<script>" not in text
    assert "\\<script\\>" in text
    assert "month precision" in text
    assert "day precision" in text


def test_no_event_selected_shows_no_details(curated_events):
    app = open_timeline()
    assert app.selectbox(key="event").value is None
    assert not any("precision)" in block.value for block in app.markdown)


def test_choosing_an_event_puts_its_id_in_the_url_and_clearing_removes_it(curated_events):
    app = open_timeline()
    app.selectbox(key="event").select("xi_seoul").run()
    assert app.query_params["event"] == "xi_seoul"
    assert any("Seoul" in block.value for block in app.markdown)
    app.selectbox(key="event").set_value(None).run()
    assert "event" not in app.query_params


def test_chart_marks_the_alternative_dating_and_keeps_titles_as_plain_text(curated_events):
    rows = chart_rows(open_timeline())
    galushka = rows[rows["event_id"] == "galushka_visit"].set_index("source_id")
    assert galushka.loc["nknews", "drawing"] == "range"
    assert galushka.loc["article", "drawing"] == "alternative"
    assert galushka.loc["article", "label"] == "article's dating"  # quotes as typed: SVG text is literal
    # Vega's tooltip escapes what it shows; an entity here would be shown as "&lt;script&gt;".
    assert set(galushka["title"]) == {"Galushka visit <script>alert(1)</script>"}
    assert not rows["title"].str.contains("&lt;").any()


def test_filters_and_the_slider_change_the_chart_rows_not_its_spec(curated_events):
    app = open_timeline()
    spec = chart_proto(app).spec
    assert len(chart_rows(app)) == 7
    app.slider(key="years").set_value((2014, 2014)).run()
    assert "ulan_ude" not in set(chart_rows(app)["event_id"])
    assert chart_proto(app).spec == spec
    app.multiselect(key="category").select("visit").run()
    assert set(chart_rows(app)["category"]) == {"visit"}
    assert chart_proto(app).spec == spec


def test_the_chosen_event_is_flagged_in_the_chart_rows(curated_events):
    app = open_timeline({"event": "galushka_visit"})
    rows = chart_rows(app)
    assert set(rows.loc[rows["chosen"], "event_id"]) == {"galushka_visit"}
    app.selectbox(key="event").select("xi_seoul").run()
    rows = chart_rows(app)
    assert set(rows.loc[rows["chosen"], "event_id"]) == {"xi_seoul"}
    assert set(rows["choice_round"]) == {1}  # a choice in the select box starts a new round of chart clicks


def test_bad_url_values_give_a_notice_not_a_traceback(curated_events):
    app = open_timeline({"category": "<b>nope</b>", "event": "missing", "years": "abc"})
    notices = " ".join(warning.value for warning in app.warning)
    assert "category" in notices and "event" in notices and "years" in notices
    assert len(app.dataframe[0].value) == 7


def test_filters_matching_nothing_show_a_message_instead_of_a_chart(curated_events):
    app = open_timeline({"actor": "KOR", "category": "legislation"})
    assert not app.get("vega_lite_chart")
    assert any("No event matches" in info.value for info in app.info)
    assert app.dataframe[0].value.empty
