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
                # The chapter's name (from the uploaded file) and the money sit in customdata, never in the
                # template, where plotly would read a "%{…}" in a name as a field.
                customdata=[
                    [formats.percent(share, 0), money, chart_style.plain_text(name)]
                    for share, money in zip(
                        rows["share_pct"], chart_style.money_hover_texts(rows["value_usd_m"]), strict=True
                    )
                ],
                hovertemplate=_("{name}<br>{year}: {money} ({share} of the year)").format(
                    name="%{customdata[2]}", year="%{x}", money="%{customdata[1]}", share="%{customdata[0]}"
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
