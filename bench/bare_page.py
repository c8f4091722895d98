"""The baseline page for the benchmark: one slider and one line chart of a small frame that depends on it."""

import numpy as np
import pandas as pd
import streamlit as st

growth_percent = st.slider("Growth rate (%)", min_value=0, max_value=20, value=5, key="growth_percent")
years = np.arange(2013, 2031)
values = 100 * (1 + growth_percent / 100) ** (years - 2013)
st.line_chart(pd.DataFrame({"year": years, "value": values}), x="year", y="value")
