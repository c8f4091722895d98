"""What the first-screen test and `make screenshots` share: every page of the registry with its main
visual, and the window sizes."""

from components.ui import navigation

FIRST_SCREEN = {"width": 1400, "height": 900}
NARROW_WINDOW = {"width": 900, "height": 900}

# A plotly chart: the live component's (components/ui/live_chart.js) or, with NEA_LIVE_CHARTS=0, st.plotly_chart's.
CHART = "[data-testid='neaLiveChart'], [data-testid='stPlotlyChart']"
# Page key → CSS selector of its main visual (the first match counts). A page added to the registry
# without one here fails tests/unit/test_harness_imports.py.
MAIN_VISUAL = {
    "overview": "[data-testid='stMetric']",
    "scorecard": CHART,
    "trade": CHART,
    "debt": CHART,
    "map": "[data-testid='stDeckGlJsonChart']",
    "timeline": CHART,
    "data": "[data-testid='stDataFrame']",
}
# Page path → (file name of its screenshot, its main visual), in the registry's order.
PAGES = {entry.url_path: (entry.key, MAIN_VISUAL[entry.key]) for entry in navigation.PAGES}
