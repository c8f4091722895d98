"""The second baseline page, the floor of the card's own stack: one slider and one plotly line chart that
depends on it, written as the plotly docs show it (a validated ``go.Figure``, ``st.plotly_chart``)."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

growth_percent = st.slider("Growth rate (%)", min_value=0, max_value=20, value=5, key="growth_percent")
years = np.arange(2013, 2031)
values = 100 * (1 + growth_percent / 100) ** (years - 2013)
figure = go.Figure(go.Scatter(x=years.tolist(), y=values.tolist(), mode="lines", name="value"))
st.plotly_chart(figure)
