"""Entry point: page config, the reader's language and navigation only; the pages are listed in
``components.ui.navigation``."""

import streamlit as st

from components.ui import language, navigation, page_style

# The favicon is an emoji, drawn locally; a :material/...: favicon would be fetched from a font CDN.
st.set_page_config(page_title="NEA Cooperation Dashboard", page_icon="🌏", layout="wide")
# Before the navigation, so its page titles are in the reader's language.
language.apply_language()
page_style.apply_page_style()
if not st.context.is_embedded:
    language.language_switcher()
# Embedded (?embed=true) a page shows its chart alone, without the page list beside it.
st.navigation(navigation.streamlit_pages(), position="hidden" if st.context.is_embedded else "sidebar").run()
