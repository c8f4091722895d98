"""Rows of metric cards that wrap instead of squeezing: one card width for every page."""

import streamlit as st

# A card's width in pixels, the same on every page. A wrapping row of fixed-width cards puts four to a row
# in the ~940 px main column of a 1400 px window (4 × 222 px + 3 gaps of 16 px) and moves cards onto more
# rows in a narrower one, so a value is never squeezed until it is cut off.
METRIC_WIDTH = 222
# Cards whose label or delta is a phrase (Debt's "Effective forgiveness (present value)", "no source
# states the original debt") would be cut at METRIC_WIDTH: they take this width and sit three to a row.
PHRASE_METRIC_WIDTH = 300


def metric_row():
    """A horizontal container whose cards (``metric`` or ``st.container(width=METRIC_WIDTH)``) wrap."""
    return st.container(horizontal=True, gap="small")


def metric(row, label: str, value: str, *, width: int = METRIC_WIDTH, **options) -> None:
    """One ``st.metric`` in ``row`` (from ``metric_row``) at the house's card width; ``options`` (delta,
    border, …) go to ``st.metric``."""
    row.metric(label, value, width=width, **options)
