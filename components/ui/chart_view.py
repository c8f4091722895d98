"""plotly charts on the page, full width, in their own colours, with a PNG named after the view.

Every chart goes through :func:`plotly_chart`, which draws it with the live component (components/ui/
live_chart.py: updated in place, so zoom, pan and hidden legend entries survive a slider move).
``NEA_LIVE_CHARTS=0`` in the server's environment draws them with ``st.plotly_chart`` instead, for
debugging; the tests run the live path.
"""

import os

import streamlit as st

from components.charts import chart_style
from components.ui import live_chart
from components.ui.downloads import stamped

LIVE_SETTING = "NEA_LIVE_CHARTS"


def live_charts_on() -> bool:
    """Whether charts use the live component (the default) rather than ``st.plotly_chart``."""
    return os.environ.get(LIVE_SETTING, "1").strip().lower() not in {"0", "false", "no", "off"}


def plotly_chart(figure, *, key: str, file_stem: str, alt: str, on_select=None, **options):
    """Draw a plotly ``figure`` full width in its own colours (the figure's white background reads the same
    in light and dark mode), with ``alt`` as its text alternative and a toolbar camera button that saves
    ``<file_stem>-<data hash>.png``. With ``on_select``, a click on a mark calls it and
    ``st.session_state[key]["selection"]["points"]`` holds the clicked points. ``options`` go to
    ``st.plotly_chart`` on the fallback path only (e.g. ``selection_mode``)."""
    file_name = stamped(file_stem)
    if live_charts_on():
        return live_chart.live_chart(figure, key=key, file_name=file_name, alt=alt, on_select=on_select)
    if on_select is not None:
        options = {"on_select": on_select, **options}
    return st.plotly_chart(
        figure,
        theme=None,
        width="stretch",
        key=key,
        config=chart_style.chart_config(file_name),
        alt=alt,
        **options,
    )
