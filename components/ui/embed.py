"""Embed mode (``?embed=true``): a page shown in another site's ``<iframe>``."""

import streamlit as st


def is_embedded() -> bool:
    """True when the page is shown with ``?embed=true`` (e.g. in another site's ``<iframe>``)."""
    return bool(st.context.is_embedded)
