"""The one registry of pages, and how a request reaches one: every page goes through ``app.py``'s
navigation. ``app.py``, the Overview's links, each page's title and the tests all read ``PAGES``."""

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from components.i18n import N_, _
from components.ui import language


@dataclass(frozen=True)
class PageEntry:
    """One page: its file, its name in the navigation, its URL path (empty for the home page), its icon,
    the title it shows (and its citation names), and the words of the Overview's link to it."""

    key: str
    script: str
    nav_title: str
    url_path: str
    icon: str
    title: str
    link_label: str


# In navigation order. Icons are Material Symbols, which Streamlit ships (nothing is fetched).
PAGES = (
    PageEntry(
        "overview",
        "pages/overview.py",
        N_("Overview"),
        "",
        ":material/dashboard:",
        N_("Russia–DPRK–ROK economic cooperation"),
        N_("Overview: the headline figures, each with its source"),
    ),
    PageEntry(
        "scorecard",
        "pages/scorecard.py",
        N_("Scorecard"),
        "scorecard",
        ":material/fact_check:",
        N_("What came of the 2014 announcements"),
        N_("Scorecard: every 2014 announcement, what came of it and the evidence"),
    ),
    PageEntry(
        "trade",
        "pages/trade.py",
        N_("Trade"),
        "trade",
        ":material/trending_up:",
        N_("Russia–DPRK trade against the announced target"),
        N_("Trade against the $1B target, with growth scenarios"),
    ),
    PageEntry(
        "debt",
        "pages/debt.py",
        N_("Debt"),
        "debt",
        ":material/account_balance:",
        N_("Soviet-era debt: what was really forgiven?"),
        N_("Debt write-off: schedule and present value"),
    ),
    PageEntry(
        "map",
        "pages/map.py",
        N_("Map"),
        "map",
        ":material/map:",
        N_("Where the cooperation is"),
        N_("Map: railway, pipeline routes and project sites"),
    ),
    PageEntry(
        "timeline",
        "pages/timeline.py",
        N_("Timeline"),
        "timeline",
        ":material/timeline:",
        N_("Timeline"),
        N_("Timeline of agreements, visits and shocks"),
    ),
    PageEntry(
        "data",
        "pages/data.py",
        N_("Data"),
        "data",
        ":material/table:",
        N_("Data"),
        N_("Data: every table, filterable, with CSV export and sources"),
    ),
)
PAGE_BY_KEY = {entry.key: entry for entry in PAGES}


def link_title(link) -> str | None:
    """The navigation title, in the reader's language, of the page a relative link opens (``map?project=…``
    → ``Map``); ``None`` for no link or one to no page of ours."""
    if not isinstance(link, str) or not link:
        return None
    path = link.split("?", 1)[0].split("#", 1)[0].strip("/")
    entry = next((entry for entry in PAGES if entry.url_path == path), None)
    return None if entry is None else _(entry.nav_title)


def page(key: str) -> PageEntry:
    """The registry entry of the page named ``key`` (``trade``, ``overview``, …)."""
    return PAGE_BY_KEY[key]


def streamlit_pages() -> list:
    """``st.Page`` objects for ``st.navigation``, the first one the default (home) page."""
    return [
        st.Page(
            entry.script,
            title=_(entry.nav_title),
            icon=entry.icon,
            url_path=entry.url_path or None,
            default=entry is PAGES[0],
        )
        for entry in PAGES
    ]


def page_links(exclude: str = "overview") -> None:
    """One ``st.page_link`` per page but ``exclude``, in navigation order, with its link words and icon."""
    for entry in PAGES:
        if entry.key != exclude:
            st.page_link(entry.script, label=_(entry.link_label), icon=entry.icon)


def require_navigation() -> None:
    """Make a deep link that reaches a page before ``app.py`` has ever run go through ``app.py``.

    Streamlit treats an app with a ``pages/`` folder as a legacy multipage app until some session
    runs ``st.navigation``; until then ``/trade`` on a fresh server runs ``pages/trade.py`` alone,
    without the app's navigation and page config. Clearing that flag and rerunning routes the
    request through ``app.py``. Every page calls this first; it then sets the run's language
    (``ui.language.apply_language``), so a page run on its own is worded like one run by ``app.py``.

    The run itself is checked, not only the flag: sessions that started together on a fresh server
    (a team page embedding four charts) all begin as legacy runs, but only the first sees the flag
    set. A legacy run lists ``app.py`` itself as a page; ``app.py``'s navigation never does.

    Streamlit 1.67 has no supported switch for this (the design card keeps the folder named ``pages/``,
    and the legacy mode follows the folder's name); ``tests/e2e`` deep-link a fresh server to prove it.
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
    language.apply_language()
