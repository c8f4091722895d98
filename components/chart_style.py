"""The light chart style every plotly figure shares.

It restates the few settings of plotly's "plotly_white" template the charts rely on: assigning a
named template costs 12–33 ms per figure (plotly validates the whole template), which every slider
rerun would pay.
"""

import plotly.graph_objects as go

GRID_COLOUR = "#EBF0F8"
AXIS_STYLE = {
    "gridcolor": GRID_COLOUR,
    "linecolor": GRID_COLOUR,
    "zerolinecolor": GRID_COLOUR,
    "zerolinewidth": 2,
    "automargin": True,
    "ticks": "",
}
LAYOUT_STYLE = {
    "paper_bgcolor": "white",
    "plot_bgcolor": "white",
    "font": {"color": "#2a3f5f"},
    "hoverlabel": {"align": "left"},
}


def apply_light_style(figure: go.Figure) -> go.Figure:
    """Give ``figure`` a white background and light grid on every axis; returns it, changed in place."""
    figure.update_layout(**LAYOUT_STYLE)
    figure.update_xaxes(**AXIS_STYLE)
    figure.update_yaxes(**AXIS_STYLE)
    return figure
