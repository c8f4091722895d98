"""AppTest of the Debt page: terms card, what-if controls, metrics, schedule table and URL state."""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.app_pages import open_app_page, sent_charts

PAGE = "pages/debt.py"


def open_debt_page(query_params: dict | None = None) -> AppTest:
    return open_app_page(PAGE, query_params)


@pytest.fixture
def two_terms(data_copy) -> Path:
    """The data with a second, longer stated term from another source (sources differ on the term)."""
    debt_csv = data_copy / "debt.csv"
    table = pd.read_csv(debt_csv, dtype=str, keep_default_na=False)
    sources = pd.read_csv(data_copy / "sources.csv", dtype=str, keep_default_na=False)
    preferred = table[table["preferred"].str.lower() == "true"].iloc[0].copy()
    unused = sorted(
        set(sources["source_id"]) - set(table.loc[table["agreement_id"] == preferred["agreement_id"], "source_id"])
    )
    preferred["source_id"], preferred["preferred"] = unused[0], "false"
    preferred["term_years"] = str(2 * float(preferred["term_years"]))
    pd.concat([table, preferred.to_frame().T]).to_csv(debt_csv, index=False)
    return data_copy


def metric(at: AppTest, label: str) -> str:
    return next(item.value for item in at.metric if item.label == label)


def money(text: str) -> float:
    """``$1,090.0M`` → 1090.0"""
    return float(text.removeprefix("$").removesuffix("M").replace(",", ""))


def schedule(at: AppTest) -> pd.DataFrame:
    return next(frame.value for frame in at.dataframe if "payment_usd_m" in frame.value.columns)


def chart(at: AppTest) -> tuple[dict, str]:
    """The schedule chart's plotly figure and PNG file name, as the browser receives them."""
    (sent,) = sent_charts(at)
    return sent.figure, sent.file_name


def lines(figure: dict) -> dict[str, dict]:
    return {trace["name"]: trace for trace in figure["data"]}


def test_page_shows_terms_metrics_chart_schedule_and_links():
    at = open_debt_page()
    table = schedule(at)
    count = len(table)
    assert metric(at, "Instalments") == str(count)
    assert money(metric(at, "Nominal repayments")) == pytest.approx(table["payment_usd_m"].sum(), abs=0.5)
    assert table["balance_usd_m"].iloc[-1] == 0
    card = at.table[0].value
    assert {"Original debt", "Written off", "Repayment term", "Signed"} <= set(card["term"])
    assert card["sources"].str.len().gt(0).all()
    assert "None" not in card.to_string()
    figure, file_name = chart(at)
    assert list(lines(figure)) == [
        "Balance owed (nominal)",
        "Cumulative repaid (nominal)",
        "Balance owed (present value)",
        "Cumulative repaid (present value)",
    ]
    assert "balance still owed" in sent_charts(at)[0].alt
    nominal_balance = lines(figure)["Balance owed (nominal)"]
    assert nominal_balance["y"] == list(table["balance_usd_m"])
    assert nominal_balance["x"] == list(table["due_date"].dt.strftime("%Y-%m-%d"))
    assert figure["layout"]["hovermode"] == "x unified"
    assert file_name.startswith("nea-debt-schedule-discount-5pct-")
    assert at.download_button(key="download_schedule").label == "Download the schedule as CSV"
    assert "map" in [link.proto.page for link in at.get("page_link")]  # the Map page's url_path
    assert "Assumption" in at.date_input(key="first").label
    assert any(caption.value.startswith("**Sources:**") for caption in at.caption)


def test_discount_slider_changes_the_present_value_metric():
    at = open_debt_page()
    at.slider(key="rate").set_value(0.0).run()
    nominal = money(metric(at, "Nominal repayments"))
    assert money(metric(at, "Present value of repayments")) == pytest.approx(nominal, abs=0.5)
    at.slider(key="rate").set_value(10.0).run()
    at_ten_percent = money(metric(at, "Present value of repayments"))
    assert at_ten_percent < nominal
    at.slider(key="rate").set_value(15.0).run()
    assert money(metric(at, "Present value of repayments")) < at_ten_percent
    assert not at.exception


def test_the_answer_puts_face_value_against_present_value_forgiveness_above_the_chart():
    at = open_debt_page()
    answer = at.markdown[0].value.replace("\\", "")
    forgiveness = metric(at, "Effective forgiveness (present value)")
    assert answer.startswith("At face value 90% of the $")
    assert answer.endswith(f"so {forgiveness} was forgiven in present value.")
    at.slider(key="rate").set_value(0.0).run()
    assert "at 0.0% a year" in at.markdown[0].value.replace("\\", "")


def test_discount_slider_redraws_the_present_value_lines_title_and_file_name():
    at = open_debt_page()
    figure, _ = chart(at)
    assert figure["layout"]["title"]["text"].startswith("Repayment schedule; present values at 5.0%")
    at.slider(key="rate").set_value(12.5).run()
    figure_after, file_name_after = chart(at)
    assert figure_after["layout"]["title"]["text"].startswith("Repayment schedule; present values at 12.5%")
    assert file_name_after.startswith("nea-debt-schedule-discount-12p5pct-")
    present_value = money(metric(at, "Present value of repayments"))
    assert lines(figure_after)["Cumulative repaid (present value)"]["y"][-1] == pytest.approx(present_value, abs=0.5)
    for name in ("Balance owed (nominal)", "Cumulative repaid (nominal)"):
        assert lines(figure_after)[name]["y"] == lines(figure)[name]["y"]
    before = lines(figure)["Balance owed (present value)"]["y"]
    after = lines(figure_after)["Balance owed (present value)"]["y"]
    assert all(new <= old for new, old in zip(after, before, strict=True)) and after != before


def test_term_switch_changes_the_instalment_count(two_terms):
    at = open_debt_page()
    switch = at.segmented_control(key="debt_term")
    assert len(switch.options) == 2
    before, current = len(schedule(at)), switch.value
    other = next(option for option in switch.options if option != current)
    switch.set_value(other).run()
    after = len(schedule(at))
    assert after != before
    # Same interval, so the count scales with the term ("20 years" → 40 instalments, "40 years" → 80).
    assert after * float(current.split()[0]) == before * float(other.split()[0])
    assert metric(at, "Instalments") == str(after)


def test_written_off_share_changes_the_nominal_repayments():
    at = open_debt_page()
    at.slider(key="share").set_value(100.0).run()
    assert money(metric(at, "Nominal repayments")) == 0
    assert metric(at, "Effective forgiveness (present value)") == "100.0%"
    at.slider(key="share").set_value(50.0).run()
    assert money(metric(at, "Nominal repayments")) > 0


def test_a_later_first_payment_lowers_the_present_value():
    at = open_debt_page()
    first = at.date_input(key="first").value
    present = money(metric(at, "Present value of repayments"))
    later = first + dt.timedelta(days=3 * 365)
    at.date_input(key="first").set_value(later).run()
    assert schedule(at)["due_date"].iloc[0].date() == later
    assert money(metric(at, "Present value of repayments")) < present


def test_url_values_set_every_control(two_terms):
    default = open_debt_page()
    term_switch = default.segmented_control(key="debt_term")
    other_term = next(option for option in term_switch.options if option != term_switch.value)
    first = default.date_input(key="first").value + dt.timedelta(days=400)
    at = open_debt_page({"rate": "2.5", "share": "80", "term": other_term, "first": first.isoformat()})
    assert not at.warning
    assert at.slider(key="rate").value == 2.5
    assert at.slider(key="share").value == 80.0
    assert at.segmented_control(key="debt_term").value == other_term
    assert schedule(at)["due_date"].iloc[0].date() == first


def test_bad_url_values_fall_back_with_a_notice():
    default = open_debt_page()
    at = open_debt_page({"rate": "abc", "share": "250", "term": "7 decades", "first": "1900-01-01"})
    notices = " ".join(warning.value for warning in at.warning)
    for key in ("rate", "share", "term", "first"):
        assert f"'{key}=" in notices
    assert at.slider(key="rate").value == default.slider(key="rate").value
    assert at.slider(key="share").value == default.slider(key="share").value
    assert at.segmented_control(key="debt_term").value == default.segmented_control(key="debt_term").value
    assert at.date_input(key="first").value == default.date_input(key="first").value


def test_text_from_debt_csv_is_escaped(data_copy):
    debt_csv = data_copy / "debt.csv"
    table = pd.read_csv(debt_csv, dtype=str, keep_default_na=False)
    table.loc[table["preferred"].str.lower() == "true", "use_of_proceeds"] = "<b>bold</b> [x](javascript:alert(1))"
    table.to_csv(debt_csv, index=False)
    at = open_debt_page()
    shown = next(item.value for item in at.markdown if item.value.startswith("**Use of repayments:**"))
    assert "\\<b\\>bold\\</b\\>" in shown
    assert "](javascript" not in shown


def test_terms_that_cannot_give_a_schedule_show_an_error_not_a_traceback(data_copy):
    debt_csv = data_copy / "debt.csv"
    table = pd.read_csv(debt_csv, dtype=str, keep_default_na=False)
    table["interval_months"] = ""
    table.to_csv(debt_csv, index=False)
    at = open_debt_page()
    assert at.error
    assert "interval" in at.error[0].value
    assert not at.metric


def test_an_empty_original_amount_still_gives_a_schedule(data_copy):
    debt_csv = data_copy / "debt.csv"
    table = pd.read_csv(debt_csv, dtype=str, keep_default_na=False)
    table["original_usd_m"] = ""
    table.to_csv(debt_csv, index=False)
    at = open_debt_page()
    assert not at.error
    values = {metric.label: metric.value for metric in at.metric}
    assert values["Nominal repayments"] == "$1,090M"  # the preferred source's stated remainder
    assert values["Effective forgiveness (present value)"] == "not computed"


def test_the_debt_page_shows_the_default_agreement_wherever_it_is_in_the_file(data_copy):
    debt_csv = data_copy / "debt.csv"
    table = pd.read_csv(debt_csv, dtype=str, keep_default_na=False)
    other = table.iloc[[1]].assign(agreement_id="aaa-other-deal", remaining_usd_m="5", source_id=table["source_id"][1])
    pd.concat([other, table]).to_csv(debt_csv, index=False)
    at = open_debt_page()
    assert not at.error
    assert {metric.label: metric.value for metric in at.metric}["Nominal repayments"] == "$1,090M"
