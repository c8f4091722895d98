"""Two live charts on one page, each redrawn by its own slider (tests/e2e/test_live_chart_e2e.py)."""

import plotly.graph_objects as go
import streamlit as st

from components.ui import chart_view


def line(title: str, factor: float) -> go.Figure:
    years = list(range(2000, 2025))
    return go.Figure(
        go.Scatter(x=years, y=[factor * (year - 1999) for year in years], name=title, mode="lines"),
        layout={"title": {"text": title}, "height": 320, "showlegend": True},
    )


st.title("Two live charts")
left = st.slider("First factor", 1.0, 5.0, 1.0, 0.5, key="first_factor")
chart_view.plotly_chart(line("First chart", left), key="first_chart", file_stem="first", alt="First test chart")
right = st.slider("Second factor", 1.0, 5.0, 1.0, 0.5, key="second_factor")
chart_view.plotly_chart(line("Second chart", right), key="second_chart", file_stem="second", alt="Second test chart")
