"""What is traded: stacked bars of an uploaded Comtrade file's largest HS chapters, year by year."""

import pandas as pd
import plotly.graph_objects as go

from components.analysis import formats
from components.analysis.commodities import OTHER
from components.charts import chart_style
from components.i18n import _

COLOURS = [chart_style.PALETTE[name] for name in ("blue", "vermillion", "green", "orange", "purple", "sky", "yellow")]
OTHER_COLOUR = "#B8BEC7"


def chapters_figure(table: pd.DataFrame, *, title: str, source_note: str) -> go.Figure:
    """Stacked bars of ``top_chapters`` rows: one bar a year, one colour a chapter, the rest in grey."""
    fig = go.Figure()
    names = list(dict.fromkeys(table["name"]))
    for index, name in enumerate(names):
        rows = table[table["name"] == name]
        colour = OTHER_COLOUR if name == OTHER else COLOURS[index % len(COLOURS)]
        fig.add_trace(
            go.Bar(
                x=rows["year"],
                y=rows["value_usd_m"],
                name=chart_style.plain_text(name if len(name) <= 60 else name[:57] + "…"),
                marker={"color": colour},
                customdata=[formats.percent(share, 0) for share in rows["share_pct"]],
                hovertemplate=_("{name}<br>{year}: {money} ({share} of the year)").format(
                    name=chart_style.plain_text(name), year="%{x}", money=chart_style.MONEY_HOVER, share="%{customdata}"
                )
                + "<extra></extra>",
            )
        )
    fig.update_layout(
        **chart_style.layout(
            title=title,
            source_note=source_note,
            barmode="stack",
            height=420,
            legend={"orientation": "h", "y": -0.25, "traceorder": "normal"},
            xaxis={"dtick": 1, "title": None},
            yaxis={"title": {"text": _("USD million")}},
        )
    )
    return fig
