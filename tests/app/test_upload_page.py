"""AppTest of the upload on the Trade and Data pages, driven through the uploader, "Try the example" and the session."""

from pathlib import Path

from components.analysis import commodities, uploads
from components.charts import trade_chart
from components.data import paths
from components.ui import uploads_panel
from tests.app.app_pages import open_app_page, sent_charts

FIXTURES = Path(__file__).parents[1] / "unit" / "upload_fixtures"


def chart_traces(at) -> list[dict]:
    """The Trade chart's plotly traces as the page sent them."""
    return sent_charts(at)[0].figure["data"]


def upload_traces(at) -> list[dict]:
    return [trace for trace in chart_traces(at) if trace.get("name", "").startswith("your file:")]


def test_trying_the_example_adds_the_file_as_its_own_series_and_remove_takes_it_away():
    data_before = (paths.DEFAULT_DATA_DIR / "trade.csv").read_bytes()
    at = open_app_page("pages/trade.py")
    assert upload_traces(at) == []
    at.selectbox(key="trade_example").set_value("Legacy UN Comtrade CSV").run()
    at.button(key="trade_try").click().run()
    assert not at.exception
    mine = upload_traces(at)
    name = "format-example-comtrade-legacy.csv"
    assert {trace["name"] for trace in mine} == {
        f"your file: {name} · Russian exports to the DPRK",
        f"your file: {name} · Russian imports from the DPRK",
    }
    assert all(f"upload:{name}" in str(trace["customdata"]) for trace in mine)
    # Its own colour and marker: no curated series uses them.
    others = [trace for trace in chart_traces(at) if trace not in mine]
    assert {trace["marker"]["color"] for trace in mine} == {trade_chart.UPLOAD_COLOUR}
    assert trade_chart.UPLOAD_COLOUR not in {trace.get("marker", {}).get("color") for trace in others}
    assert {trace["marker"]["symbol"] for trace in mine} == {"triangle-up"}
    assert any("format example" in caption.value for caption in at.caption)
    assert any(option.startswith("your file:") for option in at.selectbox(key="source").options)
    at.button(key="trade_remove").click().run()
    assert upload_traces(at) == []
    assert (paths.DEFAULT_DATA_DIR / "trade.csv").read_bytes() == data_before


BAD_CSV = (
    b"year,reporter,partner,flow,value_usd_m,growth_pct_stated,source_id,preferred,note\n"
    b"2019,RUS,PRK,export,1,,x,true,\n"
    b"2019,RUS,PRK,exports,1,,x,true,\n"
)


def test_uploading_a_refused_file_shows_its_problems_and_keeps_the_earlier_file():
    at = open_app_page("pages/trade.py")
    at.button(key="trade_try").click().run()
    example = {trace["name"] for trace in upload_traces(at)}
    assert example
    (uploader,) = at.file_uploader
    uploader.upload("bad.csv", BAD_CSV, "text/csv").run()
    assert not at.exception
    errors = [error.value.replace("\\", "") for error in at.error]
    assert any("bad.csv was not loaded" in error and "line 3" in error and "'flow'" in error for error in errors)
    assert {trace["name"] for trace in upload_traces(at)} == example


def test_data_page_lists_the_file_and_its_chapters():
    at = open_app_page("pages/data.py")
    at.session_state[uploads_panel.STATE_KEY] = uploads.read_upload(
        "plus.csv", (FIXTURES / "comtrade_plus_chapters.csv").read_bytes()
    )
    at.run()
    assert not at.exception
    labels = [markdown.value.replace("\\", "") for markdown in at.markdown]
    assert any("your file: plus.csv" in label for label in labels)
    assert any("Iron and steel" in label or "Mineral fuels" in label for label in labels)
    assert sent_charts(at), "the chapters chart is drawn"
    # The article's coal, diesel and metal claim, checked against the file's Russian export chapters.
    chapters = at.session_state[uploads_panel.STATE_KEY].chapters
    expected = commodities.claim_sentence(commodities.claim_shares(chapters))
    claims = [info.value.replace("\\", "") for info in at.info if "metallurgical coal" in info.value]
    assert claims == [expected] and "mineral fuels (HS 27: coal and diesel) were" in expected
