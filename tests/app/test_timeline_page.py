"""AppTest checks of the Timeline page: filters drive the table, the URL selects an event, datings are marked."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.analysis import formats, timeline
from components.charts import timeline_chart
from components.data import loader, paths
from tests.app.app_pages import SentChart, open_app_page, sent_charts

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


def chart_sent(app: AppTest) -> SentChart:
    charts = sent_charts(app)
    assert len(charts) == 1
    return charts[0]


def chart_figure(app: AppTest) -> dict:
    return chart_sent(app).figure


def traces(app: AppTest) -> dict[str, dict]:
    """The chart's traces by drawing (``timeline_chart.DRAWINGS`` keys)."""
    names = {name: drawing for drawing, name in timeline_chart.DRAWINGS.items()}
    return {names[trace["name"]]: trace for trace in chart_figure(app)["data"]}


def drawn_event_ids(app: AppTest) -> set[str]:
    return {row[0] for trace in chart_figure(app)["data"] for row in trace["customdata"] if row}


def titles(app: AppTest) -> list[str]:
    return list(app.dataframe[0].value["Event"])


def test_real_data_opens_on_the_story_window_with_every_dating_in_chart_and_table():
    events = loader.load("events")
    first_year, last_year = timeline.year_bounds(events)
    app = open_timeline()
    assert app.slider(key="years").value == (timeline.STORY_FIRST_YEAR, last_year)
    shown = timeline.filter_events(events, years=(timeline.STORY_FIRST_YEAR, last_year))
    assert len(app.dataframe[0].value) == len(shown) < len(events)
    assert drawn_event_ids(app) == set(shown["event_id"])
    assert set(traces(app)) == set(timeline_chart.DRAWINGS)
    figure = chart_figure(app)
    assert figure["layout"]["xaxis"]["range"] == [f"{timeline.STORY_FIRST_YEAR}-01-01", f"{last_year + 1}-01-01"]
    assert chart_sent(app).clicks  # a click picks one mark
    assert app.markdown[0].value.replace("\\", "").startswith(f"{shown['event_id'].nunique()} events between")
    assert not app.warning


def test_earlier_history_is_one_click_away_and_in_the_url():
    first_year, last_year = timeline.year_bounds(loader.load("events"))
    app = open_timeline()
    button = app.button[0]
    assert button.label == f"From {first_year}"
    button.click().run()
    assert app.slider(key="years").value == (first_year, last_year)
    assert app.query_params["years"] == [str(first_year), str(last_year)]
    assert len(app.dataframe[0].value) == len(loader.load("events"))
    assert app.button[0].disabled


def test_the_table_shows_titles_and_dates_in_words_and_the_export_keeps_the_ids(curated_events):
    app = open_timeline()
    table = app.dataframe[0].value
    assert list(table.columns) == timeline.DISPLAY_COLUMNS
    assert "event_id" not in table.columns and "source_id" not in table.columns
    assert "Sanctions after Crimea" in set(table["Event"])
    assert "Mar 2014 (month)" in set(table["Date"])
    assert (table == "None").sum().sum() == 0
    assert set(table.loc[table["Event"] == "China fuel halt", "Location"]) == {formats.MISSING}
    assert app.download_button(key="timeline_csv").proto.label == "Download CSV"


def test_category_filter_narrows_the_table(curated_events):
    app = open_timeline()
    assert len(app.dataframe[0].value) == 7
    app.multiselect(key="timeline_category").select("visit").run()
    table = app.dataframe[0].value
    assert set(table["Category"]) == {"Visit"}  # the category as the table words it (vocabulary_label)
    assert sorted(table["Event"]) == ["Galushka visit <script>alert(1)</script>"] * 2 + ["Xi visits Seoul"]


def test_actor_and_year_filters_from_the_url(curated_events):
    app = open_timeline({"actor": "KOR"})
    assert titles(app) == ["Xi visits Seoul"]
    app = open_timeline({"years": ["2011", "2012"]})
    assert titles(app) == ["Medvedev meets Kim Jong Il"]


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


def test_chart_marks_the_alternative_dating_and_escapes_titles_for_plotly(curated_events):
    drawn = traces(open_timeline())
    assert [row[0] for row in drawn["range"]["customdata"]] == ["galushka_visit", "xi_seoul"]
    article = [row for row in drawn["alternative"]["customdata"] if row]
    assert {row[0] for row in article} == {"galushka_visit"}
    assert {row[5] for row in article} == {"article's dating"}  # quotes as typed
    # plotly reads a subset of HTML in hover text: the title arrives as entities, shown as typed.
    assert {row[1] for row in article} == {"Galushka visit &lt;script&gt;alert(1)&lt;/script&gt;"}
    assert drawn["alternative"]["marker"]["symbol"] == "diamond-open"


def test_filters_and_the_slider_redraw_the_chart(curated_events):
    app = open_timeline()
    assert len(drawn_event_ids(app)) == 6
    app.slider(key="years").set_value((2014, 2014)).run()
    assert "ulan_ude" not in drawn_event_ids(app)
    assert chart_figure(app)["layout"]["title"]["text"] == "Timeline of 5 events, 2014–2014"
    app.multiselect(key="timeline_category").select("visit").run()
    assert drawn_event_ids(app) == {"galushka_visit", "xi_seoul"}
    assert chart_sent(app).file_name.startswith("nea-timeline-2014-2014-visit-")


def test_the_chosen_event_is_outlined_and_a_choice_in_the_select_box_resets_the_chart_selection(curated_events):
    app = open_timeline({"event": "galushka_visit"})
    bars = traces(app)["range"]
    assert bars["marker"]["line"]["color"][0] == timeline_chart.CHOSEN_OUTLINE
    assert bars["marker"]["line"]["color"][1] != timeline_chart.CHOSEN_OUTLINE
    first_key = chart_sent(app).element_id
    app.selectbox(key="event").select("xi_seoul").run()
    bars = traces(app)["range"]
    assert [colour == timeline_chart.CHOSEN_OUTLINE for colour in bars["marker"]["line"]["color"]] == [False, True]
    # A new chart key: its selection starts empty, so a click on the event it picked before counts again.
    assert chart_sent(app).element_id != first_key


def test_bad_url_values_give_a_notice_not_a_traceback(curated_events):
    app = open_timeline({"category": "<b>nope</b>", "event": "missing", "years": "abc"})
    notices = " ".join(warning.value for warning in app.warning)
    assert "category" in notices and "event" in notices and "years" in notices
    assert len(app.dataframe[0].value) == 7


def test_filters_matching_nothing_show_a_message_instead_of_a_chart(curated_events):
    app = open_timeline({"actor": "KOR", "category": "legislation"})
    assert not sent_charts(app)
    assert any("No event matches" in info.value for info in app.info)
    assert app.dataframe[0].value.empty


# A stand-in Korean catalog, so the test does not depend on the translators' progress.
FAKE_KOREAN = {"Russia": "러시아", "DPRK": "북한", "ROK": "한국", "China": "중국", "United States": "미국",
               "Visit": "방문"}  # fmt: skip


@pytest.fixture
def fake_korean(monkeypatch):
    from components.i18n import translate

    real = translate._catalog
    monkeypatch.setattr(translate, "_catalog", lambda code: (FAKE_KOREAN, lambda n: 0) if code == "ko" else real(code))


def test_actors_are_named_in_the_readers_language_and_the_link_keeps_their_codes(curated_events, fake_korean):
    app = open_timeline({"lang": "ko", "actor": "KOR", "event": "galushka_visit"})
    box = app.multiselect(key="timeline_actor")
    assert box.value == ["KOR"] and box.options == ["러시아", "북한", "한국", "중국", "미국"]
    assert set(app.dataframe[0].value.iloc[:, 4]) == {"중국, 한국"}  # the table's actors column
    details = "\n".join(block.value for block in app.markdown)
    assert "러시아, 북한" in details and "RUS" not in details and "방문" in details
    assert "러시아, 북한" in {row[4] for row in traces(open_timeline({"lang": "ko"}))["range"]["customdata"]}
    app.multiselect(key="timeline_actor").select("PRK").run()
    assert app.query_params["actor"] == ["PRK", "KOR"]  # the codes, in the vocabulary's order
