"""The chart layer: plotly figures and the pydeck deck, built from the analysis layer's frames, and the
one style module they share. No Streamlit: a test builds a figure and inspects it."""
