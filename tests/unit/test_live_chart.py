"""What goes to the live chart component (components/ui/live_chart.py) and where plotly.js comes from."""

import json
import zlib

import plotly.graph_objects as go
import plotly.io
import plotly.offline
import pytest

from components.ui import chart_view, live_chart
from harness.frames import read_live_chart_payload
from tools import static_files


def trade_like(growth: float, *, title="Trade turnover, USD million", log=False) -> go.Figure:
    years = [2020, 2021, 2022]
    return go.Figure(
        [
            go.Scatter(x=years, y=[10.0, 12.0, 14.0], name="Turnover"),
            go.Scatter(x=years, y=[10.0 * (1 + growth) ** i for i in range(3)], name="Your scenario"),
        ],
        layout={
            "title": {"text": title},
            "yaxis": {"title": {"text": "USD million"}, "type": "log" if log else "linear"},
            "height": 480,
        },
    )


def sent(figure, **overrides) -> dict:
    arguments = {
        "key": "trade_chart",
        "file_name": "nea-trade-russia-dprk-3f9a1c2b7d",
        "alt": "Russia–DPRK trade 2001–2024",
        "clicks": False,
        "plotly_src": "/app/static/plotly-basic.min.js",
        "module_src": "/app/static/live_chart.js?v=3f9a1c2b7d01",
    } | overrides
    return live_chart.payload(figure, **arguments)


def test_the_figure_goes_as_plotly_json_with_its_traces_height_and_a_uirevision():
    data = sent(trade_like(0.1))
    figure = json.loads(data["figure"])
    assert [trace["name"] for trace in figure["data"]] == ["Turnover", "Your scenario"]
    assert figure["data"][1]["y"] == pytest.approx([10.0, 11.0, 12.1])
    assert figure["layout"]["title"]["text"] == "Trade turnover, USD million"
    assert figure["layout"]["uirevision"]
    assert data["height"] == 480
    json.dumps(data)  # everything the component gets is plain JSON


def test_the_component_gets_compressed_utf8_json_with_the_figure_inside_it_not_escaped_again():
    figure = trade_like(0.1, title="Товарооборот <b>России</b> и КНДР / 무역 – 貿易")
    figure.update_traces(hovertemplate="<b>%{y}</b><br>%{x}<extra></extra>")
    figure.layout.template = None  # as our charts send it: no template
    data = sent(figure)
    raw = live_chart.encode(data)
    assert read_live_chart_payload(raw) == {**data, "figure": json.loads(data["figure"])}
    text = zlib.decompress(raw).decode("utf-8")
    assert text.startswith('{"figure":{"data":')  # the figure's JSON as it is, not a string in a string
    assert "Товарооборот <b>России</b> и КНДР / 무역 – 貿易" in text and "<br>" in text
    assert "\\u" not in text and '\\"' not in text
    # What went before: plotly's JSON (escapes for HTML) as a string inside the ASCII JSON Streamlit makes.
    before = json.dumps(plotly.io.to_json(json.loads(data["figure"])))
    assert len(data["figure"].encode()) < 0.7 * len(before)


def test_a_figure_that_repeats_itself_mark_by_mark_goes_in_a_fraction_of_its_size():
    marks = 300
    figure = go.Figure(
        go.Scatter(
            x=list(range(marks)),
            y=[1] * marks,
            customdata=[
                [f"event-{n % 40}", "A visit to Pyongyang", "visit", "RUS, PRK", "preferred"] for n in range(marks)
            ],
            marker={"color": ["#88ccee", "#cc6677"] * (marks // 2)},
        )
    )
    data = sent(figure)
    assert len(live_chart.encode(data)) < len(data["figure"]) / 4


def test_a_slider_move_keeps_the_uirevision_and_a_new_view_gets_a_new_one():
    revision = json.loads(sent(trade_like(0.1))["figure"])["layout"]["uirevision"]
    assert json.loads(sent(trade_like(0.3))["figure"])["layout"]["uirevision"] == revision
    assert json.loads(sent(trade_like(0.1, log=True))["figure"])["layout"]["uirevision"] != revision
    assert json.loads(sent(trade_like(0.1, title="Exports, USD million"))["figure"])["layout"]["uirevision"] != revision
    other_chart = json.loads(sent(trade_like(0.1), key="debt_chart")["figure"])["layout"]["uirevision"]
    assert other_chart != revision


def test_a_uirevision_the_figure_sets_itself_wins():
    figure = trade_like(0.1)
    figure.update_layout(uirevision="mine")
    assert json.loads(sent(figure)["figure"])["layout"]["uirevision"] == "mine"


def test_a_figure_given_as_a_dict_is_sent_the_same_way():
    figure = trade_like(0.1)
    assert json.loads(sent(figure.to_dict())["figure"]) == json.loads(sent(figure)["figure"])


def test_file_name_scale_alt_and_clicks_go_as_given():
    data = sent(trade_like(0.1), clicks=True)
    assert data["file_name"] == "nea-trade-russia-dprk-3f9a1c2b7d"
    assert data["png_scale"] == 2
    assert data["alt"] == "Russia–DPRK trade 2001–2024"
    assert data["clicks"] is True
    assert data["failed_text"] and data["camera_title"]


def test_the_revision_tag_follows_the_figure():
    assert sent(trade_like(0.1))["revision"] == sent(trade_like(0.1))["revision"]
    assert sent(trade_like(0.1))["revision"] != sent(trade_like(0.2))["revision"]


def test_a_figure_without_a_height_is_drawn_at_plotlys_default():
    assert sent(go.Figure())["height"] == live_chart.DEFAULT_HEIGHT


def test_view_revision_reads_titles_given_as_text_or_dict():
    assert live_chart.view_revision("k", {"title": "A"}) == live_chart.view_revision("k", {"title": {"text": "A"}})


@pytest.mark.parametrize(("value", "live"), [(None, True), ("1", True), ("0", False), ("off", False), ("False", False)])
def test_the_setting_falls_back_to_st_plotly_chart(monkeypatch, value, live):
    if value is None:
        monkeypatch.delenv(chart_view.LIVE_SETTING, raising=False)
    else:
        monkeypatch.setenv(chart_view.LIVE_SETTING, value)
    assert chart_view.live_charts_on() is live


def test_the_component_script_is_read_from_its_file_and_loads_plotly_from_static():
    script = live_chart.Path(live_chart.__file__).with_name("live_chart.js").read_text(encoding="utf-8")
    assert "Plotly.react" in script and "Plotly.newPlot" in script
    assert "export default function" in script


def test_the_inline_js_is_a_small_loader_that_imports_the_module_the_payload_names():
    # Streamlit sends the inline JS with every rerun, for every chart.
    assert len(live_chart._JS.encode()) < 1024
    assert "import(" in live_chart._JS and "module_src" in live_chart._JS and "export default" in live_chart._JS
    assert "Plotly" not in live_chart._JS  # the chart's code is in the module
    assert sent(trade_like(0.1))["module_src"] == "/app/static/live_chart.js?v=3f9a1c2b7d01"


def test_the_module_url_names_the_static_copy_and_changes_with_its_content(monkeypatch, tmp_path):
    url = live_chart.module_url()
    assert url == f"/app/static/{live_chart.MODULE_FILE}?v={live_chart.MODULE_VERSION}"
    (copied,) = [path for path in static_files.put_in_place(tmp_path / "static") if path.name == live_chart.MODULE_FILE]
    assert live_chart.hashlib.blake2b(copied.read_bytes(), digest_size=6).hexdigest() == live_chart.MODULE_VERSION
    monkeypatch.setattr(
        live_chart.st, "get_option", lambda name: "/dashboard/" if name == "server.baseUrlPath" else None
    )
    assert live_chart.module_url() == f"/dashboard/app/static/{live_chart.MODULE_FILE}?v={live_chart.MODULE_VERSION}"


def test_static_folder_gets_the_locked_basic_plotly_js_and_the_charts_module_and_nothing_else(tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    (static / "stray.html").write_text("<script>alert(1)</script>")
    (static / "sub").mkdir()
    (static / live_chart.MODULE_FILE).write_text("// an older version")
    copied, module = static_files.put_in_place(static)
    assert sorted(entry.name for entry in static.iterdir()) == [live_chart.MODULE_FILE, live_chart.STATIC_SCRIPT]
    assert (copied.name, module.name) == (static_files.PLOTLY_FILE, static_files.MODULE_FILE)
    assert copied.read_bytes() == static_files.plotly_js_bundle().read_bytes()
    assert module.read_bytes() == live_chart.Path(live_chart.__file__).with_name(live_chart.MODULE_FILE).read_bytes()
    head = copied.read_bytes()[:200].decode()
    assert f"plotly.js (basic - minified) v{plotly.offline.get_plotlyjs_version()}" in head


def test_a_bundle_of_another_plotly_js_version_is_refused_with_what_to_do(tmp_path):
    package = tmp_path / "node_modules" / static_files.NPM_PACKAGE
    package.mkdir(parents=True)
    (package / static_files.PLOTLY_FILE).write_text("/* plotly.js (basic - minified) v0.1.0 */")
    (package / "package.json").write_text('{"version": "0.1.0"}')
    with pytest.raises(RuntimeError, match=r"is 0\.1\.0, but the plotly Python package writes figures for"):
        static_files.plotly_js_bundle(tmp_path)
    with pytest.raises(RuntimeError, match=r"missing: run `npm ci`"):
        static_files.plotly_js_bundle(tmp_path / "elsewhere")


def test_the_script_goes_without_its_comments_and_indentation_and_keeps_its_code():
    source = "// About the chart.\nconst a = 1; // one\n\n  function f() {\n    return a;\n  }\n"
    assert live_chart.compact_script(source) == "const a = 1; // one\nfunction f() {\nreturn a;\n}"
    script = live_chart.Path(live_chart.__file__).with_name("live_chart_loader.js").read_text(encoding="utf-8")
    compact = live_chart.compact_script(script)
    assert len(compact) < 0.8 * len(script)
    assert compact == live_chart._JS and "export default async function" in compact
