"""AppTest of the Trade page's named scenarios: from the link, added, renamed, changed and removed on the page,
the slider's rate saved, the ready-made rows, and the comparison table's values."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.analysis import citation
from components.ui import scenario_panel
from tests.app.app_pages import open_app_page, sent_charts

PAGE = "pages/trade.py"
# The preferred 2013 turnover is $112.7M (reuters-2014-06), 2011's $113.7M (rus-embassy-dprk), 2023's $34.4M;
# the target is $1,000M by 2020 from the 2013 baseline.
BASELINE = 112.7


def open_trade(params: dict | None = None, editor_open: bool = True, **options) -> AppTest:
    """The Trade page, by default with the scenario editor open, as after the analyst's click."""
    return open_app_page(PAGE, params, state={scenario_panel.EDITOR_KEY: editor_open}, **options)


def compared(at: AppTest) -> pd.DataFrame:
    """The "Scenarios compared" table as shown, indexed by scenario."""
    frame = next(frame.value for frame in at.dataframe if "Reaches the target" in frame.value.columns)
    return frame.set_index("Scenario")


def links(at: AppTest) -> list[str]:
    return at.query_params.get("scenario", []) if isinstance(at.query_params.get("scenario"), list) else (
        [at.query_params["scenario"]] if "scenario" in at.query_params else []
    )  # fmt: skip


def named_traces(at: AppTest) -> dict[str, dict]:
    figure = sent_charts(at)[0].figure
    return {
        trace["name"]: trace for trace in figure["data"] if "%{customdata[3]}</b>" in trace.get("hovertemplate", "")
    }


def labels(at: AppTest) -> list[str]:
    figure = sent_charts(at)[0].figure
    return [note["text"] for note in figure["layout"].get("annotations", []) if note.get("xref") == "x"]


def button(at: AppTest, key: str):
    return next(item for item in at.button if item.key == key)


def test_scenarios_in_the_link_are_drawn_labelled_and_compared_with_worked_values():
    at = open_trade({"scenario": ["Pace 2011-2013:14.5", "Fast:40", "Surge:5:2023"]})
    assert not at.warning
    table = compared(at)
    assert list(table.index) == ["Scenario path (your rate)", "Pace 2011-2013", "Fast", "Surge"]
    # 112.7 × 1.145^7 = 290.78 (29 %), ln(1000/112.7) / ln 1.145 = 16.1 → 2030; 112.7 × 1.4^7 = 1,188.01 → 2020.
    assert table.loc["Pace 2011-2013"].tolist() == ["14.5%", "2013 ($112.7M)", "$290.8M", "29%", "2030"]
    assert table.loc["Fast"].tolist() == ["40.0%", "2013 ($112.7M)", "$1,188.0M", "119%", "2020"]
    # From 2023's $34.4M at 5 %: ln(1000/34.4) / ln 1.05 = 69.07 → 70 years on, 2093; no value in 2020.
    assert table.loc["Surge"].tolist() == ["5.0%", "2023 ($34.4M)", "–", "–", "2093"]
    assert set(named_traces(at)) == {"Pace 2011-2013", "Fast", "Surge"}
    assert labels(at) == ["Pace 2011-2013", "Fast", "Surge"]
    assert named_traces(at)["Fast"]["y"][-1] == pytest.approx(BASELINE * 1.4**7)


def test_bad_scenarios_in_the_link_get_a_notice_each_and_the_rest_stay():
    params = {"scenario": ["Fast:40", "FAST:3", "<b>x</b>:5", "Huge:1e9", "nothing", "Nan:nan", "C:1", "D:2"]}
    at = open_trade(params)
    notices = " ".join(warning.value for warning in at.warning)
    for dropped in ("FAST", "Huge", "nothing", "Nan"):
        assert f"scenario={dropped}" in notices.replace("\\", "")
    assert list(compared(at).index)[1:] == ["Fast", "<b>x</b>", "C", "D"]
    assert links(at) == ["Fast:40", "<b>x</b>:5", "C:1", "D:2"]
    # Markup in a name is text: escaped in the chart, as typed in the table.
    assert "&lt;b&gt;x&lt;/b&gt;" in named_traces(at)


def test_adding_renaming_changing_and_removing_a_scenario():
    at = open_trade()
    at.text_input(key="scenario_new_name").set_value("Fast")
    at.number_input(key="scenario_new_rate").set_value(40.0)
    button(at, "scenario_add").click().run()
    assert links(at) == ["Fast:40"]
    assert compared(at).loc["Fast", "In 2020"] == "$1,188.0M"
    at.text_input(key="scenario_row_name_0").set_value("Quick").run()
    assert links(at) == ["Quick:40"] and "Quick" in compared(at).index and "Fast" not in compared(at).index
    at.number_input(key="scenario_row_rate_0").set_value(10.0).run()
    # 112.7 × 1.1^7 = 219.62.
    assert compared(at).loc["Quick", "In 2020"] == "$219.6M"
    at.selectbox(key="scenario_row_start_0").set_value(2023).run()
    assert links(at) == ["Quick:10:2023"] and compared(at).loc["Quick", "From"] == "2023 ($34.4M)"
    assert set(named_traces(at)) == {"Quick"}
    button(at, "scenario_row_remove_0").click().run()
    assert not at.exception and links(at) == [] and "Quick" not in compared(at).index
    assert not named_traces(at)


def test_a_rename_to_a_taken_name_is_refused_with_a_notice():
    at = open_trade({"scenario": ["Fast:40", "Slow:10"]})
    at.text_input(key="scenario_row_name_1").set_value(" fast ").run()
    assert any("already names" in warning.value for warning in at.warning)
    assert links(at) == ["Fast:40", "Slow:10"]
    assert at.text_input(key="scenario_row_name_1").value == "Slow"


def test_the_ready_made_rows_are_computed_from_the_data():
    at = open_trade()
    button(at, "scenario_add_required").click().run()
    # (1000 / 112.7)^(1/7) − 1 = 36.596 %, rounded up to 36.60: its path reaches the target in 2020.
    assert links(at) == ["Required rate:36.6"]
    assert compared(at).loc["Required rate"].tolist()[-2:] == ["100%", "2020"]
    # The observed pace starts at the year with data before the 2013 baseline: 2011's 113.7 → 2013's 112.7,
    # (112.7 / 113.7)^(1/2) − 1 = −0.44 % a year, which never reaches the target.
    assert at.selectbox(key="scenario_pace_from").value == 2011 and at.selectbox(key="scenario_pace_to").value == 2013
    button(at, "scenario_add_observed").click().run()
    assert links(at)[1] == "Pace 2011–2013:-0.44"
    assert compared(at).loc["Pace 2011–2013"].tolist() == ["−0.4%", "2013 ($112.7M)", "$109.3M", "11%", "not by 2100"]


def test_the_sliders_rate_is_saved_under_a_name_and_the_page_takes_four_at_most():
    at = open_trade({"scenario": ["A:1", "B:2"]})
    at.slider(key="growth").set_value(12.5).run()
    at.text_input(key="scenario_slider_name").set_value("Mine")
    button(at, "scenario_save_slider").click().run()
    assert links(at) == ["A:1", "B:2", "Mine:12.5"]
    assert compared(at).loc["Mine", "Rate a year"] == "12.5%"
    at.text_input(key="scenario_new_name").set_value("D")
    button(at, "scenario_add").click().run()
    assert len(links(at)) == 4
    assert button(at, "scenario_add").disabled and button(at, "scenario_save_slider").disabled


def test_the_citation_and_the_scenario_csv_carry_the_scenarios():
    at = open_trade({"scenario": ["Fast:40"]}, footer_open=True)
    plain = next(code.value for code in at.code if code.value.startswith(citation.PUBLISHER))
    assert "named scenarios: Fast: 40.0% a year from 2013, $1,188.0M in 2020 (119% of the target)" in plain
    assert "scenario=Fast%3A40" in plain
    assert next(item for item in at.get("download_button") if "scenario table" in item.proto.label)


def test_the_editor_builds_its_rows_only_while_open_and_a_slider_move_keeps_it_closed():
    at = open_trade({"scenario": ["Fast:40"]}, editor_open=False)
    assert [expander for expander in at.expander if expander.label.startswith("Named scenarios")]
    keys = {widget.key for widget in at.text_input}
    assert "scenario_new_name" not in keys and f"{scenario_panel.ROW_PREFIX}name_0" not in keys
    at.slider(key="growth").set_value(12.5).run()
    assert "scenario_new_name" not in {widget.key for widget in at.text_input}
    at.session_state[scenario_panel.EDITOR_KEY] = True
    at.run()
    assert at.text_input(key=f"{scenario_panel.ROW_PREFIX}name_0").value == "Fast"
    assert "(12.5%)" in button(at, "scenario_save_slider").label
