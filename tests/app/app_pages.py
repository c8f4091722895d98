"""Open one page of the app in AppTest, with query parameters, as every page test does."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_app_page(page: str, query_params: dict | None = None) -> AppTest:
    """Run ``app.py`` switched to ``page`` (e.g. ``pages/debt.py``) with ``query_params``; no exception."""
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception
    return at
