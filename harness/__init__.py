"""What the tests, the benchmark and the scripts share: start ``streamlit run`` on a free port
(``harness.server``), launch headless Chromium (``harness.browser``), wait for the app in a page
(``harness.app``), the pages and window sizes of the first screen (``harness.first_screen``), and the
websocket load client with its statistics (``harness.ws_load``, ``harness.stats``, ``harness.frames``).

Nothing here imports from ``tests`` or ``bench``; both import from here.
"""
