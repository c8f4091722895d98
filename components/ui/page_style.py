"""Page style the theme cannot set: in a half-screen window (about 900 px wide, the dashboard beside the
analyst's document) the page's top padding and title shrink, so a chart page's answer and the top of its
chart still show on the first screen. A metric's label wraps instead of ending in "…": labels run about
30% longer in Russian than in English, and a cut label hides what the figure is."""

import streamlit as st

NARROW_WINDOW_PX = 1000
_CSS = f"""<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}}
@media (max-width: {NARROW_WINDOW_PX}px) {{
  [data-testid="stMainBlockContainer"] {{ padding-top: 2.5rem; }}
  [data-testid="stMain"] h1 {{ font-size: 2rem; padding-top: 0.5rem; padding-bottom: 0.5rem; }}
}}
</style>"""


def apply_page_style() -> None:
    """Add the narrow-window rules to the page (a style element only: it takes no room)."""
    st.html(_CSS)
