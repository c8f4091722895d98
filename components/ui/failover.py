"""A page whose server went away comes back by itself on another replica.

When a replica dies, nginx sends the page's reconnecting websocket to a live replica, which starts a
new session. Streamlit 1.67's frontend asks the new session for a run only in some states; one of them
is "the page has a fragment that reruns on a timer" (``autoRerunIntervals`` in its ``App``). So every
page gets one empty fragment on a long timer: it draws nothing and costs one empty run an hour, and a
reconnected page reruns its view (from the URL and its widgets) at once, without a reload.
``tests/e2e/test_replicas_e2e.py`` kills a replica and fails if the page does not come back by itself.
"""

from datetime import timedelta

import streamlit as st

RERUN_EVERY = timedelta(hours=1)


@st.fragment(run_every=RERUN_EVERY)
def _reconnect_anchor() -> None:
    """Draws nothing; its timer is what makes the frontend rerun the page after a reconnect."""


def rerun_after_reconnect() -> None:
    """Register the page's reconnect rerun (call once per run, from ``app.py``)."""
    _reconnect_anchor()
