"""Headless system Chromium with the flags every caller uses, and reading a slider as the DOM shows it."""

import os

from playwright.sync_api import Browser, Locator, Playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

READ_SLIDER = """
(element) => ({
  value: Number(element.getAttribute("aria-valuenow") ?? element.value),
  min: Number(element.getAttribute("aria-valuemin") ?? element.min),
  max: Number(element.getAttribute("aria-valuemax") ?? element.max),
  label: element.getAttribute("aria-label") || "",
})
"""


def launch_browser(playwright: Playwright) -> Browser:
    """Headless Chromium from ``$CHROMIUM`` (default /usr/bin/chromium) with ``CHROMIUM_ARGS``."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def read_slider(slider: Locator) -> dict:
    """The slider's current value, bounds and accessible label, as the DOM shows them."""
    return slider.evaluate(READ_SLIDER)
