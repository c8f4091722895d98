"""The analysis layer: plain functions from DataFrames and numbers to DataFrames, numbers and words
(trade paths, debt schedules, geometry, the timeline, citations, the readers of uploaded files). No
Streamlit, no plotly, no pydeck; imports only ``components.data``."""
