"""The instalment schedule of a debt settlement, its present value and the effective forgiveness.

Plain Python on numbers and DataFrames (no Streamlit); the terms they are given come from ``debt``.

Rounding rule: the remaining debt is rounded to the cent (half up) and split in integer cents; every
instalment but the last is ``floor(remaining_cents / count)`` and the last takes what is left, so the
instalments add up to the remaining debt exactly.

Discounting: ``discount_rate`` is an annual effective rate; a payment due ``t`` years after the
valuation date (actual days / 365.25) is worth ``payment / (1 + rate) ** t`` on that date.
"""

import datetime as dt
import functools
import math
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from components.i18n import N_, _

CENTS_PER_MILLION = 100_000_000
DAYS_PER_YEAR = 365.25
MONTHS_PER_YEAR = 12
# An analyst's assumption, not a figure about any deal: a middle-of-the-road long-term rate.
DEFAULT_DISCOUNT_RATE = 0.05

SCHEDULE_COLUMNS = [
    "instalment",
    "due_date",
    "payment_usd_m",
    "repaid_usd_m",
    "balance_usd_m",
    "years_from_valuation",
    "discount_factor",
    "payment_present_value_usd_m",
    "repaid_present_value_usd_m",
    "balance_present_value_usd_m",
]


class DebtTermsError(ValueError):
    """The terms cannot give a schedule; the message says which term is wrong and why."""


INTERVAL_TOO_SHORT = N_("the interval between instalments must be at least one month, not {months}")


def installment_count(term_years: float, interval_months: int) -> int:
    """Instalments in ``term_years`` at one every ``interval_months``; the term must hold a whole number."""
    if interval_months is None:
        raise DebtTermsError(_("the interval between instalments is not stated"))
    if not interval_months >= 1:
        raise DebtTermsError(_(INTERVAL_TOO_SHORT).format(months=interval_months))
    if term_years is None or not (math.isfinite(term_years) and term_years > 0):
        raise DebtTermsError(
            _("the repayment term must be a positive number of years, not {years}").format(years=term_years)
        )
    count = term_years * MONTHS_PER_YEAR / interval_months
    if abs(count - round(count)) > 1e-9:
        raise DebtTermsError(
            _("a {years}-year term does not hold a whole number of {months}-month intervals").format(
                years=f"{term_years:g}", months=interval_months
            )
        )
    return int(round(count))


def to_cents(amount_usd_m: float) -> int:
    """``amount_usd_m`` (USD million) in whole cents, rounded half up."""
    if amount_usd_m is None or not math.isfinite(amount_usd_m) or amount_usd_m < 0:
        raise DebtTermsError(
            _("the remaining debt must be a non-negative amount, not {amount}").format(amount=amount_usd_m)
        )
    cents = Decimal(repr(float(amount_usd_m))) * CENTS_PER_MILLION
    return int(cents.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def split_into_installments(total_cents: int, count: int) -> list[int]:
    """``count`` instalments in cents: equal floors, the last one taking the remainder (sum exact)."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise DebtTermsError(
            _("the number of instalments must be a whole number of at least 1, not {n}").format(n=count)
        )
    if total_cents < 0:
        raise DebtTermsError(_("the amount to split must not be negative, not {n} cents").format(n=total_cents))
    equal_part = total_cents // count
    return [equal_part] * (count - 1) + [total_cents - equal_part * (count - 1)]


def due_dates(first_payment: dt.date, count: int, interval_months: int) -> list[dt.date]:
    """The due date of each instalment: the first payment, then every ``interval_months`` months."""
    if type(first_payment) is dt.date:  # a plain date, as the page's date box gives: worked out once
        return [dt.date.fromordinal(day) for day in _due_days(first_payment, count, interval_months)]
    start = pd.Timestamp(first_payment)
    return [(start + pd.DateOffset(months=interval_months * number)).date() for number in range(count)]


# pandas's month arithmetic takes about 30 µs a date, 1 ms of every Debt rerun for the same 40 dates; the
# rate slider never changes them. Day numbers (whole numbers), safe to share between sessions.
@functools.lru_cache(maxsize=64)
def _due_days(first_payment: dt.date, count: int, interval_months: int) -> tuple[int, ...]:
    start = pd.Timestamp(first_payment)
    return tuple((start + pd.DateOffset(months=interval_months * number)).date().toordinal() for number in range(count))


def discount_factors(years: pd.Series, discount_rate: float) -> pd.Series:
    """``1 / (1 + rate) ** years`` for each time in years (annual effective rate)."""
    if not (math.isfinite(discount_rate) and 0 <= discount_rate <= 1):
        raise DebtTermsError(
            _("the discount rate must be between 0 and 1 (0% to 100%), not {rate}").format(rate=discount_rate)
        )
    return (1 + discount_rate) ** (-years)


def repayment_schedule(
    remaining_usd_m: float,
    count: int,
    interval_months: int,
    first_payment: dt.date,
    discount_rate: float,
    valuation_date: dt.date,
) -> pd.DataFrame:
    """The instalment schedule (columns ``SCHEDULE_COLUMNS``), nominal and discounted to ``valuation_date``.

    Payments follow the module's rounding rule; ``balance_usd_m`` is what is still owed after each
    payment, ``balance_present_value_usd_m`` the value on the valuation date of the payments still to come.
    """
    if interval_months is None or not interval_months >= 1:
        raise DebtTermsError(_(INTERVAL_TOO_SHORT).format(months=interval_months))
    if first_payment < valuation_date:
        raise DebtTermsError(
            _("the first payment ({first}) is before the valuation date ({valuation})").format(
                first=first_payment, valuation=valuation_date
            )
        )
    payments_cents = split_into_installments(to_cents(remaining_usd_m), count)
    total_cents = sum(payments_cents)
    repaid_cents = pd.Series(payments_cents).cumsum()
    dates = pd.to_datetime(pd.Series(due_dates(first_payment, count, interval_months)))
    years = (dates - pd.Timestamp(valuation_date)).dt.days / DAYS_PER_YEAR
    factors = discount_factors(years, discount_rate)
    payments = pd.Series(payments_cents, dtype="int64") / CENTS_PER_MILLION
    present_values = payments * factors
    repaid_present_value = present_values.cumsum()
    return pd.DataFrame(
        {
            "instalment": range(1, count + 1),
            "due_date": dates,
            "payment_usd_m": payments,
            "repaid_usd_m": repaid_cents / CENTS_PER_MILLION,
            "balance_usd_m": (total_cents - repaid_cents) / CENTS_PER_MILLION,
            "years_from_valuation": years,
            "discount_factor": factors,
            "payment_present_value_usd_m": present_values,
            "repaid_present_value_usd_m": repaid_present_value,
            "balance_present_value_usd_m": (present_values.sum() - repaid_present_value).clip(lower=0),
        },
        columns=SCHEDULE_COLUMNS,
    )


def present_value(schedule: pd.DataFrame) -> float:
    """Value on the valuation date of every payment in ``schedule``."""
    return float(schedule["payment_present_value_usd_m"].sum())


def effective_forgiveness(original_usd_m: float, present_value_usd_m: float) -> float:
    """Share of the original debt forgiven once time value is counted: ``1 − PV of repayments / original``."""
    if original_usd_m is None or not (math.isfinite(original_usd_m) and original_usd_m > 0):
        raise DebtTermsError(
            _("the original debt must be a positive amount, not {amount}").format(amount=original_usd_m)
        )
    return 1 - present_value_usd_m / original_usd_m


def method_note(valuation: dt.date) -> str:
    """The rounding, discounting and remainder rules in one paragraph, for the page."""
    return _(
        "Rounding: the remaining debt is split in whole cents; every instalment is the equal floor and the last "
        "one takes the remainder, so the instalments add up to the remaining debt exactly. Discounting: an annual "
        "effective rate, payments valued at the agreement's signing date ({date}) over actual days / 365.25. "
        "Effective forgiveness = 1 − present value of repayments / original debt. At the source's own share the "
        "stated remainder is used; any other share is applied to the original debt."
    ).format(date=f"{valuation:%Y-%m-%d}")
