"""How a request reaches a page: every page goes through ``app.py``'s navigation."""

from pathlib import Path

import streamlit as st


def require_navigation() -> None:
    """Make a deep link that reaches a page before ``app.py`` has ever run go through ``app.py``.

    Streamlit treats an app with a ``pages/`` folder as a legacy multipage app until some session
    runs ``st.navigation``; until then ``/trade`` on a fresh server runs ``pages/trade.py`` alone,
    without the app's navigation and page config. Clearing that flag and rerunning routes the
    request through ``app.py``. Every page calls this first.

    The run itself is checked, not only the flag: sessions that started together on a fresh server
    (a team page embedding four charts) all begin as legacy runs, but only the first sees the flag
    set. A legacy run lists ``app.py`` itself as a page; ``app.py``'s navigation never does.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    legacy_run = False
    if context is not None:
        main_script = Path(context.pages_manager.main_script_path).resolve()
        scripts = [page.get("script_path") for page in context.pages_manager.get_pages().values()]
        legacy_run = any(script and Path(script).resolve() == main_script for script in scripts)
    if PagesManager.uses_pages_directory or legacy_run:
        PagesManager.uses_pages_directory = False
        st.rerun()
