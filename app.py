"""Entry point: page config, the reader's language and navigation only; the pages are listed in
``components.ui.navigation``."""

import streamlit as st

from components.i18n import _
from components.ui import failover, heap, language, navigation, page_style

# First, so the page config and the navigation's page titles are in the reader's language.
language.apply_language()
# The favicon is an emoji, drawn locally; a :material/...: favicon would be fetched from a font CDN.
st.set_page_config(page_title=_("NEA Cooperation Dashboard"), page_icon="🌏", layout="wide")
page_style.apply_page_style()
if not st.context.is_embedded:
    language.language_switcher()
# After a replica dies, the page reruns its view on a live one without a reload.
failover.rerun_after_reconnect()
# Embedded (?embed=true) a page shows its chart alone, without the page list beside it.
st.navigation(navigation.streamlit_pages(), position="hidden" if st.context.is_embedded else "sidebar").run()
# A run that imported modules freezes the long-lived heap, so Streamlit's collection after every run (every
# slider move) stops walking it: about 100 ms a move (components/ui/heap.py).
heap.freeze_after_imports()
