"""Open one page of the app in AppTest, with query parameters, as every page test does."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from components.ui import footer

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_app_page(page: str, query_params: dict | None = None, *, footer_open: bool = False) -> AppTest:
    """Run ``app.py`` switched to ``page`` (e.g. ``pages/debt.py``) with ``query_params``; no exception.
    With ``footer_open``, the footer's "Cite this view" and "All N sources" panels start open, as after
    the analyst's click (their content is built only while open)."""
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    if footer_open:
        at.session_state[footer.CITE_KEY] = True
        at.session_state[footer.SOURCES_KEY] = True
    at.switch_page(page).run()
    assert not at.exception
    return at
