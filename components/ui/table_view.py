"""Tables on the page: ``st.dataframe`` as the reader should see it."""

import pandas as pd
import streamlit as st

from components.analysis import formats, tables


def show_table(
    frame: pd.DataFrame,
    *,
    key: str | None = None,
    column_config: dict | None = None,
    human_labels: bool = True,
    value_labels: dict | None = None,
    **options,
):
    """``st.dataframe`` of ``frame`` as the reader should see it (``tables.display_frame``): missing
    values an en dash, never "None"; with ``human_labels``, coded values (``value_labels`` adds some,
    e.g. ids to names) and column names in words, else the data's own names and codes (the Data page,
    whose filters and dictionary use them). ``column_config`` entries override the headers; ``options``
    go to ``st.dataframe``. Export the raw frame, not this one: exports keep the ids and codes."""
    headers = tables.column_headers(frame) if human_labels else {}
    return st.dataframe(
        tables.display_frame(frame, value_labels, codes=not human_labels),
        hide_index=True,
        key=key,
        placeholder=formats.MISSING,
        column_config={**headers, **(column_config or {})},
        **options,
    )
