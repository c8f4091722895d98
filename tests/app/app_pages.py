"""Open one page of the app in AppTest, with query parameters, as every page test does."""

import json
from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest

from components.ui import footer, live_chart
from harness.frames import read_live_chart_payload

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_app_page(
    page: str, query_params: dict | None = None, *, footer_open: bool = False, state: dict | None = None
) -> AppTest:
    """Run ``app.py`` switched to ``page`` (e.g. ``pages/debt.py``) with ``query_params``; no exception.
    With ``footer_open``, the footer's "Cite this view" and "All N sources" panels start open, as after
    the analyst's click (their content is built only while open); ``state`` sets other session-state keys
    first (e.g. a panel's key to ``True`` to open it)."""
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    if footer_open:
        at.session_state[footer.CITE_KEY] = True
        at.session_state[footer.SOURCES_KEY] = True
    at.switch_page(page).run()
    assert not at.exception
    return at


@dataclass(frozen=True)
class SentChart:
    """A plotly chart as the page sent it to the browser, from the live component or ``st.plotly_chart``."""

    figure: dict
    file_name: str
    png_scale: int
    alt: str
    clicks: bool
    element_id: str


def sent_charts(at: AppTest) -> list[SentChart]:
    """Every plotly chart on the page, in order: the live component's (the default, components/ui/
    live_chart.py) or, with ``NEA_LIVE_CHARTS=0``, ``st.plotly_chart``'s."""
    charts = []
    for element in at.get("bidi_component"):
        if element.proto.component_name == live_chart.COMPONENT_NAME:
            data = read_live_chart_payload(element.proto.bytes)
            charts.append(
                SentChart(
                    data["figure"],
                    data["file_name"],
                    data["png_scale"],
                    data["alt"],
                    data["clicks"],
                    element.proto.id,
                )
            )
    for element in at.get("plotly_chart"):
        config = json.loads(element.proto.config)["toImageButtonOptions"]
        clicks = bool(element.proto.selection_mode)
        charts.append(
            SentChart(
                json.loads(element.proto.spec),
                config["filename"],
                config["scale"],
                element.proto.alt,
                clicks,
                element.proto.id,
            )
        )
    return charts
