"""The third baseline page: the bare plotly page's slider and single-trace chart, drawn by the live component
(components/ui/live_chart.py: Plotly.react in place) instead of ``st.plotly_chart``."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from components.ui import live_chart

growth_percent = st.slider("Growth rate (%)", min_value=0, max_value=20, value=5, key="growth_percent")
years = np.arange(2013, 2031)
values = 100 * (1 + growth_percent / 100) ** (years - 2013)
figure = go.Figure(go.Scatter(x=years.tolist(), y=values.tolist(), mode="lines", name="value"))
live_chart.live_chart(figure, key="chart", file_name="bare-live", alt="A growth path")
