"""Entry point: page config and navigation only."""

import streamlit as st

# The favicon is an emoji, drawn locally; a :material/...: favicon would be fetched from a font CDN.
st.set_page_config(page_title="NEA Cooperation Dashboard", page_icon="🌏", layout="wide")

pages = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/trade.py", title="Trade", icon=":material/trending_up:", url_path="trade"),
    st.Page("pages/debt.py", title="Debt", icon=":material/account_balance:", url_path="debt"),
    st.Page("pages/map.py", title="Map", icon=":material/map:", url_path="map"),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/data.py", title="Data", icon=":material/table:", url_path="data"),
]
# Embedded (?embed=true) a page shows its chart alone, without the page list beside it.
st.navigation(pages, position="hidden" if st.context.is_embedded else "sidebar").run()
