"""plotly charts on the page, full width, in their own colours, with a PNG named after the view."""

import streamlit as st

from components.charts import chart_style
from components.ui.downloads import stamped


def plotly_chart(figure, *, key: str, file_stem: str, alt: str, **options):
    """Draw a plotly ``figure`` full width in its own colours (``theme=None``: the figure's white
    background reads the same in light and dark mode), with ``alt`` as its text alternative and a
    toolbar camera button that saves ``<file_stem>-<data hash>.png``. ``options`` go to ``st.plotly_chart``
    (``on_select``, ``selection_mode``); returns what it returns."""
    return st.plotly_chart(
        figure,
        theme=None,
        width="stretch",
        key=key,
        config=chart_style.chart_config(stamped(file_stem)),
        alt=alt,
        **options,
    )
