"""Entry point: page config and navigation only; the pages are listed in ``components.ui.navigation``."""

import streamlit as st

from components.ui import navigation

# The favicon is an emoji, drawn locally; a :material/...: favicon would be fetched from a font CDN.
st.set_page_config(page_title="NEA Cooperation Dashboard", page_icon="🌏", layout="wide")
# Embedded (?embed=true) a page shows its chart alone, without the page list beside it.
st.navigation(navigation.streamlit_pages(), position="hidden" if st.context.is_embedded else "sidebar").run()
