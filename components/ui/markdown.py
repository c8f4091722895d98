"""Text from data on the page: Markdown escaped so it shows literally, links only to http(s) addresses."""

import re
from collections.abc import Iterable

import pandas as pd

from components.analysis import formats
from components.i18n import _

# Characters that Markdown (and Streamlit's HTML-aware renderer) would interpret.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<&$:])")


def escape_markdown(text) -> str:
    """Return ``text`` so that ``st.markdown`` shows it literally: no HTML, links or formatting."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def markdown_link(label: str, url) -> str:
    """A Markdown link to an http(s) ``url`` (already escaped ``label``), or the label alone."""
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        safe_url = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
        return f"[{label}]({safe_url})"
    return label


def source_line(source_ids: Iterable[str], sources: pd.DataFrame, compact: bool = False) -> str:
    """Markdown "Sources:" line for the given ids, escaped, linked where a URL exists.

    Each source reads "title (publisher, date)", or "publisher, date" when ``compact``.
    """
    wanted = list(dict.fromkeys(source_id for source_id in source_ids if isinstance(source_id, str)))
    by_id = sources.set_index("source_id")
    parts = []
    for source_id in wanted:
        if source_id not in by_id.index:
            continue
        row = by_id.loc[source_id]
        label = escape_markdown(formats.source_label_of(row, with_title=not compact))
        parts.append(markdown_link(label, row["url"]))
    return _("**Sources:** {sources}").format(sources="; ".join(parts) if parts else _("none"))
