"""The briefing (PDF) of a page's view, made outside a browser: run the page in AppTest and keep the callable
its "Briefing (PDF)" button was given (the button calls it on the analyst's click). The benchmark times it,
``scripts/briefing_sample`` renders one for docs/, the page tests read its PDF."""

from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from streamlit.testing.v1 import AppTest

from components.ui import briefing_download

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@contextmanager
def kept_briefings():
    """Within the block, every briefing builder a page run makes is appended to the list it yields."""
    builders: list[Callable[[], bytes]] = []
    original = briefing_download.pdf_builder

    def keep(*arguments):
        builders.append(original(*arguments))
        return builders[-1]

    briefing_download.pdf_builder = keep
    try:
        yield builders
    finally:
        briefing_download.pdf_builder = original


def page_briefing(script: str, query_params: dict | None = None) -> tuple[AppTest, Callable[[], bytes]]:
    """Run ``script`` (``pages/trade.py``) with ``query_params``; the run and its briefing builder."""
    with kept_briefings() as builders:
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in (query_params or {}).items():
            at.query_params[key] = value
        at.switch_page(script).run()
    if at.exception or not builders:
        raise RuntimeError(f"{script}: the page ran without a briefing button ({at.exception})")
    return at, builders[-1]
