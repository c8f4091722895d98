"""Unit tests for components/debt.py: schedule, rounding, present value, forgiveness, terms card."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.analysis import debt, debt_schedule

AGREEMENT = "test-settlement"


def debt_table() -> pd.DataFrame:
    """Two sources on one settlement, shaped like the loaded debt.csv (dates are datetimes)."""
    frame = pd.DataFrame(
        {
            "agreement_id": [AGREEMENT, AGREEMENT],
            "creditor": ["RUS", "RUS"],
            "debtor": ["PRK", "PRK"],
            "original_usd_m": [1000.0, 1000.0],
            "written_off_share": [0.9, 0.9],
            "remaining_usd_m": [99.0, float("nan")],
            "installments": pd.array([pd.NA, pd.NA], dtype="Int64"),
            "interval_months": pd.array([6, 6], dtype="Int64"),
            "term_years": [10.0, 20.0],
            "interest_rate": [0.0, float("nan")],
            "settlement_currency": ["RUB", None],
            "use_of_proceeds": ["projects", None],
            "signed": ["2010-01-15", "2010-01-15"],
            "ratified": ["2011-03-31", None],
            "source_id": ["source-a", "source-b"],
            "preferred": [True, False],
            "note": [None, None],
        }
    )
    for column in ["signed", "ratified"]:
        frame[column] = pd.to_datetime(frame[column])
    return frame


def sources_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": ["source-a", "source-b"],
            "title": ["A", "B"],
            "publisher": ["Agency A", "Paper B"],
            "published": pd.to_datetime(["2011-04-01", None]),
            "url": [None, None],
            "agency": ["a", "b"],
            "note": [None, None],
        }
    )


def schedule(remaining=1090.0, count=40, rate=0.0, first=dt.date(2014, 10, 18), valuation=dt.date(2012, 9, 17)):
    return debt_schedule.repayment_schedule(remaining, count, 6, first, rate, valuation)


# ---- Rounding and the schedule ----------------------------------------------------------------


def test_installments_sum_to_the_remaining_debt_to_the_cent():
    payments = debt_schedule.split_into_installments(debt_schedule.to_cents(1000 / 3), 7)
    assert sum(payments) == debt_schedule.to_cents(1000 / 3) == 33_333_333_333
    assert payments[:-1] == [4_761_904_761] * 6
    assert payments[-1] == 33_333_333_333 - 6 * 4_761_904_761


@settings(deadline=None)
@given(total_cents=st.integers(min_value=0, max_value=10**14), count=st.integers(min_value=1, max_value=500))
def test_split_is_exact_and_only_the_last_instalment_differs(total_cents, count):
    payments = debt_schedule.split_into_installments(total_cents, count)
    assert len(payments) == count
    assert sum(payments) == total_cents
    assert len(set(payments[:-1])) <= 1
    assert 0 <= payments[-1] - payments[0] < count


def test_to_cents_rounds_half_up():
    assert debt_schedule.to_cents(0.000000005) == 1
    assert debt_schedule.to_cents(0.000000004) == 0
    assert debt_schedule.to_cents(1090) == 109_000_000_000


def test_schedule_balance_runs_down_to_zero_and_payments_sum_to_remaining():
    table = schedule(remaining=1000 / 3, count=40)
    assert list(table.columns) == debt_schedule.SCHEDULE_COLUMNS
    assert list(table["instalment"]) == list(range(1, 41))
    assert round(table["payment_usd_m"].sum(), 8) == round(1000 / 3, 8)
    assert table["balance_usd_m"].iloc[-1] == 0
    assert table["balance_usd_m"].is_monotonic_decreasing
    assert table["repaid_usd_m"].iloc[-1] == pytest.approx(1000 / 3, abs=1e-8)
    assert (table["repaid_usd_m"] + table["balance_usd_m"]).round(8).eq(round(1000 / 3, 8)).all()


def test_due_dates_step_by_the_interval_from_the_first_payment():
    table = schedule(count=4, first=dt.date(2014, 8, 31))
    assert [date.date() for date in table["due_date"]] == [
        dt.date(2014, 8, 31),
        dt.date(2015, 2, 28),
        dt.date(2015, 8, 31),
        dt.date(2016, 2, 29),
    ]


def test_one_instalment_pays_everything_on_the_first_date():
    table = schedule(remaining=1090.0, count=1)
    assert len(table) == 1
    assert table["payment_usd_m"].iloc[0] == 1090.0
    assert table["balance_usd_m"].iloc[0] == 0


def test_zero_remainder_gives_zero_payments_and_full_forgiveness():
    table = schedule(remaining=0.0, count=40, rate=0.05)
    assert len(table) == 40
    assert table["payment_usd_m"].eq(0).all()
    assert debt_schedule.present_value(table) == 0
    assert debt_schedule.effective_forgiveness(1000.0, debt_schedule.present_value(table)) == 1


# ---- Present value and forgiveness --------------------------------------------------------------


def test_present_value_at_zero_rate_equals_the_nominal_sum():
    table = schedule(remaining=1090.0, rate=0.0)
    assert debt_schedule.present_value(table) == pytest.approx(1090.0, abs=1e-8)
    assert table["discount_factor"].eq(1).all()


def test_present_value_falls_as_the_rate_rises():
    values = [debt_schedule.present_value(schedule(rate=rate)) for rate in (0.0, 0.01, 0.05, 0.1, 0.2)]
    assert values == sorted(values, reverse=True)
    assert len(set(values)) == len(values)


# The first example also pays for pandas warm-up; a wall-clock deadline would make it flaky.
@settings(deadline=None, max_examples=50)
@given(
    low=st.floats(min_value=0, max_value=0.5, allow_nan=False),
    step=st.floats(min_value=0.001, max_value=0.5, allow_nan=False),
)
def test_present_value_is_decreasing_in_the_rate(low, step):
    assert debt_schedule.present_value(schedule(count=10, rate=low + step)) < debt_schedule.present_value(
        schedule(count=10, rate=low)
    )


def test_present_value_of_one_payment_one_year_out():
    table = debt_schedule.repayment_schedule(110.0, 1, 6, dt.date(2021, 1, 1), 0.1, dt.date(2020, 1, 1))
    years = 366 / debt_schedule.DAYS_PER_YEAR
    assert debt_schedule.present_value(table) == pytest.approx(110.0 / 1.1**years)


def test_discounted_balance_starts_at_the_present_value_and_ends_at_zero():
    table = schedule(rate=0.05)
    total = debt_schedule.present_value(table)
    first = table.iloc[0]
    assert first["balance_present_value_usd_m"] + first["payment_present_value_usd_m"] == pytest.approx(total)
    assert table["balance_present_value_usd_m"].iloc[-1] == pytest.approx(0, abs=1e-9)
    assert table["repaid_present_value_usd_m"].iloc[-1] == pytest.approx(total)


def test_effective_forgiveness_is_one_minus_present_value_over_original():
    assert debt_schedule.effective_forgiveness(10960.0, 1090.0) == pytest.approx(1 - 1090 / 10960)
    at_five_percent = debt_schedule.effective_forgiveness(10960.0, debt_schedule.present_value(schedule(rate=0.05)))
    assert at_five_percent > debt_schedule.effective_forgiveness(10960.0, 1090.0)


# ---- Invalid terms ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: debt_schedule.split_into_installments(100, 0), "number of instalments"),
        (lambda: debt_schedule.split_into_installments(100, 2.5), "number of instalments"),
        (lambda: debt_schedule.split_into_installments(-1, 2), "must not be negative"),
        (lambda: debt_schedule.to_cents(-5.0), "non-negative"),
        (lambda: debt_schedule.to_cents(float("nan")), "non-negative"),
        (lambda: debt_schedule.installment_count(20, 0), "at least one month"),
        (lambda: debt_schedule.installment_count(0, 6), "positive number of years"),
        (lambda: debt_schedule.installment_count(1.3, 6), "whole number"),
        (lambda: schedule(rate=-0.01), "discount rate"),
        (lambda: schedule(rate=float("inf")), "discount rate"),
        (lambda: schedule(first=dt.date(2012, 1, 1)), "before the valuation date"),
        (
            lambda: debt_schedule.repayment_schedule(100.0, 4, 0, dt.date(2015, 1, 1), 0.0, dt.date(2014, 1, 1)),
            "interval",
        ),
        (lambda: debt_schedule.effective_forgiveness(0.0, 10.0), "original debt"),
    ],
)
def test_invalid_terms_raise_a_clear_error(call, message):
    with pytest.raises(debt_schedule.DebtTermsError, match=message):
        call()


def test_installment_count_derives_from_term_and_interval():
    assert debt_schedule.installment_count(20, 6) == 40
    assert debt_schedule.installment_count(40, 6) == 80
    assert debt_schedule.installment_count(0.5, 6) == 1


# ---- Terms from debt.csv ------------------------------------------------------------------------


def test_preferred_terms_read_the_preferred_row():
    terms = debt.preferred_terms(debt_table(), AGREEMENT)
    assert terms.source_id == "source-a"
    assert terms.term_years == 10.0
    assert terms.interval_months == 6
    assert terms.installments is None
    assert terms.signed == dt.date(2010, 1, 15)
    assert terms.ratified == dt.date(2011, 3, 31)


def test_unknown_agreement_raises():
    with pytest.raises(debt_schedule.DebtTermsError, match="no rows"):
        debt.preferred_terms(debt_table(), "missing")


def test_remaining_uses_the_stated_figure_at_the_stated_share_and_derives_otherwise():
    terms = debt.preferred_terms(debt_table(), AGREEMENT)
    assert debt.remaining_after_write_off(terms, 0.9) == 99.0
    assert debt.remaining_after_write_off(terms, 0.8) == pytest.approx(200.0)
    assert debt.remaining_after_write_off(terms, 1.0) == 0
    with pytest.raises(debt_schedule.DebtTermsError, match="between 0 and 1"):
        debt.remaining_after_write_off(terms, 1.5)


def test_term_choices_list_each_stated_term_with_its_sources_preferred_first():
    choices = debt.term_choices(debt_table(), AGREEMENT, sources_table())
    assert list(choices["key"]) == ["10 years", "20 years"]
    assert choices["label"].iloc[0] == "10 years (Agency A, 2011-04-01)"
    assert choices["label"].iloc[1] == "20 years (Paper B)"
    assert list(choices["preferred"]) == [True, False]


def test_dates_for_valuation_and_the_assumed_first_payment():
    terms = debt.preferred_terms(debt_table(), AGREEMENT)
    assert debt.valuation_date(terms) == dt.date(2010, 1, 15)
    assert debt.default_first_payment(terms) == dt.date(2011, 9, 30)
    assert debt.latest_first_payment(terms) == dt.date(2030, 1, 15)


def test_terms_card_lists_every_sources_value_and_marks_the_default():
    card = debt.terms_card(debt_table(), AGREEMENT, sources_table())
    terms = card[card["term"] == "Repayment term"]
    assert list(terms["value"]) == ["10 years", "20 years"]
    assert list(terms["shown_by_default"]) == [True, False]
    signed = card[card["term"] == "Signed"]
    assert list(signed["value"]) == ["2010-01-15"]
    assert signed["sources"].iloc[0] == "Agency A, 2011-04-01; Paper B"
    assert "Instalments (stated)" not in set(card["term"])
    assert card.loc[card["term"] == "Interest", "value"].iloc[0] == "interest-free (0%)"


def test_debt_events_keep_every_sources_dating_with_its_precision():
    events = pd.DataFrame(
        {
            "event_id": ["debt-ratified", "debt-ratified", "rail-opened"],
            "start": pd.to_datetime(["2014-04-18", "2014-04-01", "2013-09-22"]),
            "end": pd.to_datetime([None, None, None]),
            "date_precision": ["day", "month", "day"],
            "title": ["Duma ratifies the debt deal", "Duma writes off debt", "Rail line opens"],
            "category": ["legislation", "legislation", "infrastructure"],
            "actors": ["RUS", "RUS", "RUS;PRK"],
            "location": [None, None, None],
            "description": [None, None, None],
            "source_id": ["source-a", "source-b", "source-a"],
            "preferred": [True, False, True],
        }
    )
    table = debt.debt_events(events, sources_table())
    assert list(table["date"]) == ["Apr 2014", "18 Apr 2014"]  # worded as on the Timeline (formats.event_date)
    assert list(table["shown_by_default"]) == [False, True]
    assert list(table["source"]) == ["Paper B", "Agency A, 2011-04-01"]


def test_answer_puts_face_value_against_present_value_forgiveness():
    text = debt.answer_text(10960, 90, 1090, 636.0, 5)
    assert text.startswith("At face value 90% of the $10,960M debt was written off, leaving $1,090M to repay")
    assert "at 5.0% a year" in text and "worth $636M" in text
    assert text.endswith(f"so {1 - 636 / 10960:.1%} was forgiven in present value.")


def test_card_display_keeps_every_term_drops_the_ids_ticks_the_default_and_shows_a_dash_not_none():
    card = debt.terms_card(debt_table(), AGREEMENT, sources_table())
    shown = debt.card_display(card)
    assert list(shown.columns) == ["term", "value", "sources", "shown by default"]
    assert list(shown["term"]) == list(card["term"]) and len(shown) == 11
    # The two sources state 10 and 20 years: source-a's preferred 10 is ticked, source-b's 20 is not.
    terms = shown[shown["term"] == "Repayment term"]
    assert terms[["value", "shown by default"]].values.tolist() == [["10 years", "✓"], ["20 years", ""]]
    assert not shown.isna().any().any()
    assert "None" not in shown.to_string()


def test_card_display_shows_a_missing_value_or_source_as_a_dash():
    card = pd.DataFrame(
        {
            "term": ["Interest", "Settlement currency"],
            "value": [None, "RUB"],
            "sources": ["Agency A, 2011-04-01", None],
            "source_ids": [["source-a"], []],
            "shown_by_default": [True, False],
        }
    )
    assert debt.card_display(card).values.tolist() == [
        ["Interest", "–", "Agency A, 2011-04-01", "✓"],
        ["Settlement currency", "RUB", "–", ""],
    ]


def test_method_note_states_the_rounding_rule_and_the_valuation_date():
    note = debt_schedule.method_note(dt.date(2012, 9, 17))
    assert "last one takes the remainder" in note
    assert "2012-09-17" in note


# ---- Rules for missing or stated amounts ---------------------------------------------------------


def test_default_agreement_is_the_named_one_else_the_first_id_alphabetically():
    table = debt_table()
    assert debt.default_agreement_id(table) == AGREEMENT
    named = pd.concat([table, table.assign(agreement_id=debt.DEFAULT_AGREEMENT_ID)])
    assert debt.default_agreement_id(named) == debt.DEFAULT_AGREEMENT_ID
    assert debt.default_agreement_id(pd.concat([table.assign(agreement_id="zz"), table])) == AGREEMENT


def test_missing_original_comes_from_another_source_or_stays_missing():
    table = debt_table()
    table.loc[0, "original_usd_m"] = float("nan")
    table.loc[1, "original_usd_m"] = 1200.0
    terms = debt.preferred_terms(table, AGREEMENT)
    assert (terms.original_usd_m, terms.original_source_id) == (1200.0, "source-b")
    table["original_usd_m"] = float("nan")
    terms = debt.preferred_terms(table, AGREEMENT)
    assert terms.original_usd_m is None and terms.original_source_id is None
    # The stated share still has its stated remainder: a schedule can be drawn, forgiveness cannot.
    assert debt.remaining_after_write_off(terms, 0.9) == 99.0
    assert debt.forgiveness_if_known(terms, 50.0) is None
    with pytest.raises(debt_schedule.DebtTermsError, match="no source states the original debt"):
        debt.remaining_after_write_off(terms, 0.5)


def test_a_stated_instalment_count_is_used_for_its_own_term():
    table = debt_table()
    table["installments"] = pd.array([20, pd.NA], dtype="Int64")  # 10 years at 6 months: 20, consistent
    terms = debt.preferred_terms(table, AGREEMENT)
    assert debt.installment_plan(terms, 10.0) == (20, 6)
    assert debt.installment_plan(terms, 20.0) == (40, 6)  # another source's term: computed


def test_a_stated_count_that_disagrees_with_the_interval_is_refused():
    table = debt_table()
    table["installments"] = pd.array([10, pd.NA], dtype="Int64")
    terms = debt.preferred_terms(table, AGREEMENT)
    with pytest.raises(
        debt_schedule.DebtTermsError, match="states 10 instalments, but a 10-year term at one every 6 months gives 20"
    ):
        debt.installment_plan(terms, 10.0)


def test_a_stated_count_without_an_interval_sets_the_interval():
    table = debt_table()
    table["installments"] = pd.array([10, pd.NA], dtype="Int64")
    table["interval_months"] = pd.array([pd.NA, pd.NA], dtype="Int64")
    terms = debt.preferred_terms(table, AGREEMENT)
    assert debt.installment_plan(terms, 10.0) == (10, 12)  # 120 months / 10
    table["installments"] = pd.array([7, pd.NA], dtype="Int64")
    with pytest.raises(debt_schedule.DebtTermsError, match="whole months"):
        debt.installment_plan(debt.preferred_terms(table, AGREEMENT), 10.0)
