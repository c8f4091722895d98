"""Text from data placed in plotly labels and hovers, which render a subset of HTML."""

import html


def chart_text(value) -> str:
    """``value`` as text plotly shows literally: ``<``, ``>`` and ``&`` become entities, so no tag
    can form; quotes stay as typed because plotly does not decode ``&quot;``."""
    return html.escape(str(value), quote=False)
