"""What closes every page: the sources footnote, the data version and "Cite this view"."""

from collections import Counter
from collections.abc import Iterable
from datetime import date

import pandas as pd
import streamlit as st

from components.analysis import briefing, citation, uploads
from components.i18n import _, ngettext
from components.ui.briefing_download import briefing_download
from components.ui.embed import is_embedded
from components.ui.links import current_permalink
from components.ui.loading import current_data_version, per_data_version
from components.ui.markdown import escape_markdown, markdown_link


def sources_summary(view_citation: citation.ViewCitation) -> str:
    """The one-line "Sources:" footnote in Markdown: ``citation.sources_words``, escaped."""
    return _("**Sources:** {sources}").format(sources=escape_markdown(citation.view_sources_words(view_citation)))


# Session-state keys of the footer's two panels; their content is built only while they are open.
SOURCES_KEY = "footer_all_sources"


CITE_KEY = "footer_cite_view"


def sources_list(cited: tuple[citation.CitedSource, ...]) -> str:
    """A numbered Markdown list of ``cited``: linked title, publisher, date, whose statistic, id."""
    lines = []
    for number, source in enumerate(cited, start=1):
        date_text = f", {source.published:%Y-%m-%d}" if source.published else ""
        entry = _("{title} — {publisher}; statistic of {agency} ({source_id})").format(
            title=markdown_link(escape_markdown(source.title), source.url),
            publisher=escape_markdown(source.publisher + date_text),
            agency=escape_markdown(source.agency),
            source_id=f"`{source.source_id.replace('`', '')}`",
        )
        lines.append(f"{number}. {entry}")
    return "\n".join(lines)


def _cited_footnote(view_citation: citation.ViewCitation) -> None:
    cited = view_citation.sources
    st.caption(sources_summary(view_citation))
    if cited:
        # Built only while open: the list is 10 KB of links that a slider move would otherwise resend.
        listing = st.expander(
            ngettext("The {n} source, with its link", "All {n} sources, with links", len(cited)).format(n=len(cited)),
            icon=":material/menu_book:",
            key=SOURCES_KEY,
            on_change="rerun",
        )
        if listing.open:
            listing.markdown(sources_list(cited))


def current_view_citation(page_title: str, view_words: str, source_ids: Iterable, sources: pd.DataFrame):
    """The citation of the view on screen, accessed today, with the current data version and link (as
    ``citation.view_citation`` gathers it; its sources worked out once per data version and ids)."""
    cited, agencies = cited_sources(list(source_ids), sources)
    return citation.ViewCitation(
        page_title, view_words, current_permalink(), date.today(), current_data_version(), cited, agencies
    )


def cited_sources(source_ids: list, sources: pd.DataFrame):
    """``citation.cited_sources`` and ``citation.primary_agencies`` of ``source_ids``, cached per data
    version, language and ids; ``sources`` may hold an uploaded file's row (``uploads.with_upload``), which
    keys the cache too when it is cited. The key is each id with its count, in first-seen order: all that
    the two functions read of the ids, and far less to hash than one id per row on screen."""
    counted = tuple(Counter(source_id for source_id in source_ids if isinstance(source_id, str)).items())
    rows = sources[uploads.is_upload(sources["source_id"])]
    rows = rows[rows["source_id"].isin([source_id for source_id, _count in counted])]
    uploaded = tuple(map(tuple, rows.astype(str).to_numpy()))
    return per_data_version(sources_of_view, sources, args=(counted, uploaded))


def sources_of_view(sources: pd.DataFrame, counted: tuple, _uploaded: tuple = ()):
    """``(cited_sources, primary_agencies)`` of the ids in ``counted`` (``(id, count)`` pairs, first seen
    first): plain Python, cached by ``cited_sources``."""
    source_ids = [source_id for source_id, count in counted for _repeat in range(count)]
    return citation.cited_sources(source_ids, sources), citation.primary_agencies(source_ids, sources)


def cite_control(view_citation: citation.ViewCitation) -> None:
    """A "Cite this view" popover: the citation as plain text, BibTeX and CFF, each with a copy button."""
    popover = st.popover(_("Cite this view"), icon=":material/format_quote:", key=CITE_KEY, on_change="rerun")
    # Built only while open: the three blocks are about 20 KB that every rerun would otherwise resend.
    if not popover.open:
        return
    with popover:
        st.markdown("**{}**".format(_("Cite this view")))
        st.caption(_("Each block has a copy button at its top right. The link reopens exactly this view."))
        # BibTeX and CFF are the formats' names, the same in every language.
        plain_tab, bibtex_tab, cff_tab = st.tabs([_("Plain text"), "BibTeX", "CFF"])
        with plain_tab:
            st.code(citation.plain_text(view_citation), language=None, wrap_lines=True)
        with bibtex_tab:
            st.code(citation.bibtex(view_citation), language="latex", wrap_lines=True)
        with cff_tab:
            st.code(citation.cff(view_citation), language="yaml", wrap_lines=True, height=320)


def end_embedded_view(page_title: str, view_words: str, source_ids: Iterable, sources: pd.DataFrame) -> None:
    """Embedded (``?embed=true``), end the page after its chart: one source line, the data version and a
    link back to the full view. Call it right after the chart; shown normally, it does nothing."""
    if is_embedded():
        page_footer(page_title, view_words, source_ids, sources)
        st.stop()


def page_footer(
    page_title: str,
    view_words: str,
    source_ids: Iterable,
    sources: pd.DataFrame,
    prepared: citation.ViewCitation | None = None,
    brief: briefing.BriefContent | None = None,
) -> None:
    """What closes every page: the compact sources footnote, the data version, "Cite this view"
    (``prepared`` when the page built the citation already) and "Briefing (PDF)" of the view, with what
    ``brief`` adds (the answer line, the chart as shown, key figures, extra tables).

    Embedded (``?embed=true``), it is one source line and a link back to the full view instead.
    """
    source_ids = list(source_ids)
    view_citation = prepared or current_view_citation(page_title, view_words, source_ids, sources)
    version = citation.version_words(view_citation.data_version)
    if is_embedded():
        st.caption(
            f"{sources_summary(view_citation)} · "
            + _("Data version {version}").format(version=escape_markdown(version))
            + " · "
            + markdown_link(_("Open the full view in the NEA Cooperation Dashboard"), view_citation.permalink)
        )
        return
    st.divider()
    _cited_footnote(view_citation)
    version_column, cite_column = st.columns([3, 2], vertical_alignment="center")
    version_column.caption(
        _(
            "Data version {version}: a hash of the curated files and the date of the newest "
            "fact in them. Exports carry the hash in their file names."
        ).format(version=escape_markdown(version))
    )
    with cite_column, st.container(horizontal=True, horizontal_alignment="right"):
        cite_control(view_citation)
        briefing_download(view_citation, brief)
