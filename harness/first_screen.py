"""What the first-screen test and `make screenshots` share: the pages, their main visuals, window sizes."""

FIRST_SCREEN = {"width": 1400, "height": 900}
NARROW_WINDOW = {"width": 900, "height": 900}

CHART = "[data-testid='stPlotlyChart']"
# Page path → (file name of its screenshot, CSS selector of its main visual: the first match counts).
PAGES = {
    "": ("overview", "[data-testid='stMetric']"),
    "trade": ("trade", CHART),
    "debt": ("debt", CHART),
    "map": ("map", "[data-testid='stDeckGlJsonChart']"),
    "timeline": ("timeline", CHART),
    "data": ("data", "[data-testid='stDataFrame']"),
}
