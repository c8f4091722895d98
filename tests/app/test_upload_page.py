"""AppTest of the upload on the Trade and Data pages, driven through the uploader, "Try the example" and the session."""

import threading
from pathlib import Path

import pytest

from components.analysis import commodities, upload_budget, uploads
from components.charts import trade_chart
from components.data import paths
from components.ui import uploads_panel
from harness import hostile_uploads
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
    assert any(option.startswith("your file:") for option in at.selectbox(key="trade_source").options)
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
    (uploader,) = at.file_uploader
    uploader.upload("plus.csv", (FIXTURES / "comtrade_plus_chapters.csv").read_bytes(), "text/csv").run()
    assert not at.exception
    labels = [markdown.value.replace("\\", "") for markdown in at.markdown]
    assert any("your file: plus.csv" in label for label in labels)
    assert any("Iron and steel" in label or "Mineral fuels" in label for label in labels)
    assert sent_charts(at), "the chapters chart is drawn"
    # The article's coal, diesel and metal claim, checked against the file's Russian export chapters.
    chapters = uploads.read_upload("plus.csv", (FIXTURES / "comtrade_plus_chapters.csv").read_bytes()).chapters
    expected = commodities.claim_sentence(commodities.claim_shares(chapters))
    claims = [info.value.replace("\\", "") for info in at.info if "metallurgical coal" in info.value]
    assert claims == [expected] and "mineral fuels (HS 27: coal and diesel) were" in expected


@pytest.mark.parametrize(
    ("name", "build", "words"),
    [
        ("many-columns.csv", hostile_uploads.csv_many_columns, "The file's header has 100,000 columns"),
        ("many-rows.csv", hostile_uploads.csv_many_rows, "The file has 5,000,000 lines after its header"),
        ("many-sheets.xlsx", hostile_uploads.xlsx_many_sheets, "The workbook has 500 sheets"),
    ],
)
def test_a_file_past_the_caps_is_refused_in_one_sentence_and_the_earlier_file_stays(name, build, words):
    at = open_app_page("pages/trade.py")
    at.button(key="trade_try").click().run()
    example = {trace["name"] for trace in upload_traces(at)}
    (uploader,) = at.file_uploader
    uploader.upload(name, build(), "application/octet-stream").run()
    assert not at.exception
    (error,) = [error.value.replace("\\", "") for error in at.error]
    assert f"{name} was not loaded" in error and words in error
    assert {trace["name"] for trace in upload_traces(at)} == example


def test_an_idle_sessions_file_is_released_past_the_budget_and_it_says_so(monkeypatch):
    one_file = uploads_panel.BUDGET.limit_bytes
    example = (paths.SAMPLES_DIR / "format-example-comtrade-legacy.csv").read_bytes()
    size = upload_budget.charge(uploads.read_upload("a.csv", example))
    # Room for one file only, for this test.
    monkeypatch.setattr(uploads_panel, "BUDGET", upload_budget.UploadBudget(size + size // 2))
    first = open_app_page("pages/trade.py")
    first.file_uploader[0].upload("first.csv", example, "text/csv").run()
    assert upload_traces(first)
    second = open_app_page("pages/trade.py")
    second.file_uploader[0].upload("second.csv", example, "text/csv").run()
    assert {trace["name"].split(" · ")[0] for trace in upload_traces(second)} == {"your file: second.csv"}
    # The first session was idle: its file went to make room, and its next run says so.
    first.run()
    assert not first.exception
    assert upload_traces(first) == []
    assert [warning.value for warning in first.warning] == ["Your file was released to free memory; upload it again."]
    assert uploads_panel.BUDGET.held() == 1 and one_file > size


class Waiting:
    """Stands in for the ``st.empty`` that says how many files are ahead."""

    def __init__(self):
        self.captions, self.emptied = [], 0

    def caption(self, words: str) -> None:
        self.captions.append(words)

    def empty(self) -> None:
        self.emptied += 1


def test_a_large_file_waits_its_turn_and_is_told_how_many_files_are_ahead(monkeypatch):
    reads = upload_budget.ReadQueue(every=0.01)
    monkeypatch.setattr(uploads_panel, "READS", reads)
    monkeypatch.setattr(uploads_panel, "QUEUE_FROM_BYTES", 10)
    example = (paths.SAMPLES_DIR / "format-example-comtrade-legacy.csv").read_bytes()
    busy, done, waiting = threading.Event(), threading.Event(), Waiting()

    def another_read() -> None:
        with reads.turn():
            busy.set()
            done.wait(5)

    thread = threading.Thread(target=another_read)
    thread.start()
    busy.wait(5)
    threading.Timer(0.2, done.set).start()
    upload = uploads_panel._read("mine.csv", example, waiting)
    thread.join(5)
    assert len(upload.trade) > 0
    assert waiting.captions and set(waiting.captions) == {"Your file waits its turn: 1 file is being read before it."}
    assert waiting.emptied == 1, "the words go once its turn comes"


def test_a_small_file_is_read_at_once_while_a_large_one_is_being_read(monkeypatch):
    reads = upload_budget.ReadQueue(every=0.01)
    monkeypatch.setattr(uploads_panel, "READS", reads)
    at = open_app_page("pages/trade.py")
    busy, done = threading.Event(), threading.Event()

    def large_read() -> None:
        with reads.turn():
            busy.set()
            done.wait(60)

    thread = threading.Thread(target=large_read)
    thread.start()
    busy.wait(5)
    try:
        at.button(key="trade_try").click().run()
        assert upload_traces(at), "the format example was read without waiting"
    finally:
        done.set()
        thread.join(5)


def test_once_read_the_uploaded_bytes_are_let_go_by_the_widgets_value_too():
    from streamlit.proto.Common_pb2 import FileURLs
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    file = UploadedFile(UploadedFileRec("id-1", "mine.csv", "text/csv", b"x" * 1000), FileURLs())
    uploads_panel._drop_uploaded_bytes(file)
    assert file.closed, "an UploadedFile kept in session state would hold the file's bytes for the session's life"
