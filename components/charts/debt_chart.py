"""The Debt page's repayment-schedule chart as a plotly figure: step lines of the balance owed and the
cumulative repayments, nominal and in present value, with one hover for every series at a due date."""

import datetime as dt

import pandas as pd

from components.analysis import formats
from components.charts import chart_style
from components.i18n import N_, _

CHART_HEIGHT = 420
# column, legend name (shown through _()), colour, dash: colour tells balance from repaid, dash nominal from
# present value.
SERIES = [
    ("balance_usd_m", N_("Balance owed (nominal)"), chart_style.PALETTE["blue"], "solid"),
    ("repaid_usd_m", N_("Cumulative repaid (nominal)"), chart_style.PALETTE["vermillion"], "solid"),
    ("balance_present_value_usd_m", N_("Balance owed (present value)"), chart_style.PALETTE["blue"], "dash"),
    ("repaid_present_value_usd_m", N_("Cumulative repaid (present value)"), chart_style.PALETTE["vermillion"], "dash"),
]


def schedule_title(valuation: dt.date, discount_rate: float) -> str:
    """The chart's title: the rate and the date the present values use."""
    return _("Repayment schedule; present values at {rate} a year, valued at {date}").format(
        rate=formats.percent(discount_rate * 100), date=f"{valuation:%Y-%m-%d}"
    )


def schedule_file_stem(discount_rate: float) -> str:
    """The PNG's name for this view: ``nea-debt-schedule-discount-5pct``, ``…-discount-12p5pct`` (no dot:
    the export name puts the data hash before the last one)."""
    return f"nea-debt-schedule-discount-{round(discount_rate * 100, 2):g}pct".replace(".", "p")


def schedule_spec(schedule: pd.DataFrame, valuation: dt.date, discount_rate: float, source_note: str) -> dict:
    """Balance owed and cumulative repayments at each due date (``debt_schedule.repayment_schedule`` rows),
    nominal (solid) and discounted to ``valuation`` (dashed), as step lines that hold their value until
    the next instalment. Hovering shows every series at the nearest due date ("x unified"). The title
    and ``source_note`` are drawn into the figure, so its PNG carries them. Plotly's dict (``data`` and
    ``layout``): the page draws it as it is, without a ``go.Figure`` copying it on every move."""
    due = schedule["due_date"].dt.strftime("%Y-%m-%d").tolist()
    traces = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": _(name),
            "x": due,
            "y": schedule[column].tolist(),
            "line": {"shape": "hv", "color": colour, "dash": dash, "width": 2.5},
            # The unified hover lists one line per series; each names its series (our words) and its money
            # as the reader's language writes it (customdata: plotly's own number format is English only).
            "customdata": chart_style.money_hover_texts(schedule[column]),
            "hovertemplate": f"{chart_style.plain_text(_(name))}: %{{customdata}}<extra></extra>",
        }
        for column, name, colour, dash in SERIES
    ]
    layout = chart_style.layout(
        # An empty template: plotly's default one is not applied (nor its cost paid) on every rerun.
        template={},
        title=schedule_title(valuation, discount_rate),
        source_note=source_note,
        height=CHART_HEIGHT,
        hovermode="x unified",
        # No axis title: the dates speak for themselves, and the source line sits where it would go.
        xaxis={"type": "date", "hoverformat": "%Y-%m-%d"},
        yaxis={"title": {"text": _("USD million")}, "tickformat": ",.0f", "rangemode": "tozero"},
        # Above the plot, under the title: the margin's top holds both.
        margin={**chart_style.MARGIN, "t": 88},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "xanchor": "left"},
    )
    return {"data": traces, "layout": layout}
