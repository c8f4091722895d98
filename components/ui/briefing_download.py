"""The "Briefing (PDF)" button every page's footer shows, for the view on screen.

What the briefing says is fixed when the page runs (the view's citation, the figure and tables as shown);
its sections, the chart image and the PDF are made only when the analyst clicks (``st.download_button``
with a callable), in the reader's language, so a rerun (a slider move) never pays for them. When a part is
missing (fonts, Chromium, kaleido), the button's place says what is missing.
"""

import copy
from dataclasses import replace

import streamlit as st

from components.analysis import briefing, citation
from components.charts import briefing_pdf, chart_image, chart_style
from components.i18n import _, language, using
from components.ui.downloads import stamped
from components.ui.links import current_page_path
from components.ui.markdown import escape_markdown

BRIEFING_KEY = "footer_briefing"


def chart_png(figure) -> bytes:
    """The figure as shown (a ``go.Figure`` or its dict), at the briefing's size and twice its pixels; the
    on-screen figure is untouched."""
    width, height = chart_style.BRIEFING_CHART_PIXELS
    shown = copy.deepcopy(figure)
    layout = shown.get("layout") or {} if isinstance(shown, dict) else getattr(shown, "layout", None)
    shown_height = layout.get("height") if isinstance(layout, dict) else getattr(layout, "height", None)
    return chart_image.figure_png(shown, width, int(shown_height or height), chart_style.PNG_SCALE)


def pdf_builder(sections, figure, code: str, title: str, failure_words: str):
    """The callable the button runs on click: the sections (``sections``, or what the callable ``sections``
    returns, in the language ``code``), the chart image, then the PDF. A chart that fails to render leaves
    a line saying so in its place; the rest of the briefing is still made."""

    def build() -> bytes:
        with using(code):
            parts = sections() if callable(sections) else sections
        png = None
        if any(section.kind == "chart" for section in parts):
            try:
                png = chart_png(figure)
            except Exception as error:  # noqa: BLE001 - any renderer failure: say it in the PDF, never crash
                note = briefing.Section("small", lines=(failure_words.format(error=type(error).__name__),))
                parts = [note if section.kind == "chart" else section for section in parts]
        return briefing_pdf.build_pdf(parts, png, code, title)

    return build


def briefing_download(view_citation: citation.ViewCitation, content: briefing.BriefContent | None) -> None:
    """A "Briefing (PDF)" download of the view: built when clicked, without rerunning the page; or, when
    the fonts are missing, a caption naming them."""
    content = content or briefing.BriefContent()
    missing_fonts = briefing_pdf.missing_fonts()
    if missing_fonts:
        words = _("Briefing (PDF) unavailable: this server lacks {what}.").format(what="; ".join(missing_fonts))
        st.caption(escape_markdown(words))
        return
    chart_missing = chart_image.missing_parts() if content.figure is not None else []
    if chart_missing:
        note = _("The chart is not in this briefing: this server lacks {what}.").format(what="; ".join(chart_missing))
        content = replace(content, chart_note=note)
    elif content.figure is not None:
        chart_image.warm_up()

    def sections() -> list[briefing.Section]:  # on click: a rerun need not turn the tables into text
        return briefing.sections(view_citation, content, chart_drawable=not chart_missing)

    help_words = _("A4, one or two pages: the answer, the chart, the key figures, the citation and the sources.")
    if chart_missing:
        help_words = _(
            "A4, one or two pages: the answer, the key figures, the citation and the sources. Without the chart: "
            "this server lacks {what}."
        ).format(what="; ".join(chart_missing))
    st.download_button(
        _("Briefing (PDF)"),
        data=pdf_builder(
            sections,
            content.figure,
            language(),
            citation.full_title(view_citation),
            _("The chart could not be drawn here ({error}); the link above opens it."),
        ),
        file_name=stamped(briefing.file_name(current_page_path() or "overview")),
        mime="application/pdf",
        key=BRIEFING_KEY,
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        help=help_words,
    )
