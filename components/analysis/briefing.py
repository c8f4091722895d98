"""What a briefing (PDF) of one view says, section by section, as plain text: the page title and the view
in words, the answer line, the chart, the key figures, any extra tables (on Trade, the scenario table),
"Cite this view", the sources, the data version and the access date.

Plain Python: the page gathers the content, ``charts/briefing_pdf`` draws these sections. Every line is
plain text, never Markdown or HTML: the PDF shows it literally.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from components.analysis import citation, formats, tables
from components.i18n import _, ngettext

# A briefing is one or two A4 pages: longer tables and source lists are cut, and say how many more.
TABLE_ROW_LIMIT = 12
TABLE_COLUMN_LIMIT = 7
# Characters of one table row, shared by its cells (at most 60 each), and of one line of text.
ROW_CHARACTER_LIMIT = 180
CELL_CHARACTER_LIMIT = 60
LINE_CHARACTER_LIMIT = 500
SOURCE_LIMIT = 12
KEY_FIGURE_LIMIT = 8


@dataclass(frozen=True)
class ExtraTable:
    """A table the page adds to its briefing (e.g. Trade's scenario table): a title and the frame, shown as
    on screen: headers and coded values in the reader's words (``headers`` where the page words a column
    itself, else ``tables.column_label``); ``as_stored`` keeps the file's own names and codes (the Data
    page)."""

    title: str
    frame: pd.DataFrame
    headers: Mapping[str, str] = field(default_factory=dict)
    as_stored: bool = False


@dataclass(frozen=True)
class BriefContent:
    """What a page puts in its briefing besides the citation: the answer line, the chart as shown (a plotly
    figure, or ``None``), key figures as ``(label, value)`` pairs, extra tables, and a note when the chart
    cannot be drawn in the PDF (e.g. the map)."""

    answer: str = ""
    figure: object | None = None
    key_figures: Sequence[tuple[str, str]] = ()
    tables: Sequence[ExtraTable] = ()
    chart_note: str = ""


@dataclass(frozen=True)
class Section:
    """One block of the briefing. ``kind`` says how it is drawn: ``title``, ``answer``, ``text``, ``chart``,
    ``figures`` (label–value lines), ``table`` (``rows``, the first the header), ``list`` or ``small``."""

    kind: str
    heading: str = ""
    lines: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = field(default=())


def cut(text: str, limit: int) -> str:
    """``text`` with runs of white space made one space, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell_text(value, column: str = "", limit: int = CELL_CHARACTER_LIMIT) -> str:
    """One table cell as plain text: numbers in the reader's format (a year without grouping), a missing
    value as the dash, long text cut with an ellipsis."""
    if formats.is_missing(value):
        return formats.MISSING
    whole = isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer()
    if isinstance(value, bool):
        text = _("yes") if value else _("no")
    elif whole and "year" in column.lower():
        text = str(int(value))
    elif isinstance(value, int):
        text = formats.number(value)
    elif isinstance(value, float):
        text = formats.number(value, 0 if math.isfinite(value) and value.is_integer() else 2)
    elif isinstance(value, pd.Timestamp):
        text = formats.day_date(value)
    else:
        text = str(value)
    return cut(text, limit)


def table_section(table: ExtraTable) -> list[Section]:
    """The table's first rows and columns as text (header first), and a line counting what is left out."""
    frame = table.frame if table.as_stored else tables.display_frame(table.frame)
    columns = list(frame.columns[:TABLE_COLUMN_LIMIT])
    limit = max(12, min(CELL_CHARACTER_LIMIT, ROW_CHARACTER_LIMIT // max(len(columns), 1)))
    headers = [
        str(column) if table.as_stored else table.headers.get(column) or tables.column_label(column)
        for column in columns
    ]
    rows = [tuple(cut(header, limit) for header in headers)]
    for record in frame[columns].head(TABLE_ROW_LIMIT).itertuples(index=False):
        rows.append(tuple(cell_text(value, str(column), limit) for value, column in zip(record, columns, strict=True)))
    sections = [Section("table", heading=table.title, rows=tuple(rows))]
    left_out = []
    if len(frame) > TABLE_ROW_LIMIT:
        more = len(frame) - TABLE_ROW_LIMIT
        left_out.append(ngettext("{n} more row", "{n} more rows", more).format(n=more))
    if len(frame.columns) > TABLE_COLUMN_LIMIT:
        more = len(frame.columns) - TABLE_COLUMN_LIMIT
        left_out.append(ngettext("{n} more column", "{n} more columns", more).format(n=more))
    if left_out:
        note = _("Not shown here: {what}; the CSV export has them.").format(what=", ".join(left_out))
        sections.append(Section("small", lines=(note,)))
    return sections


def source_lines(cited: Iterable[citation.CitedSource]) -> tuple[str, ...]:
    """One numbered line per source: title, publisher, date, whose statistic, id and address."""
    cited = list(cited)
    lines = []
    for number, source in enumerate(cited[:SOURCE_LIMIT], start=1):
        published = f", {source.published:%Y-%m-%d}" if source.published else ""
        line = _("{number}. {title} — {publisher}{published}; statistic of {agency} ({source_id})").format(
            number=number,
            title=source.title,
            publisher=source.publisher,
            published=published,
            agency=source.agency or formats.not_stated(),
            source_id=source.source_id,
        )
        lines.append(f"{line}. {source.url}" if source.url else f"{line}.")
    if len(cited) > SOURCE_LIMIT:
        more = len(cited) - SOURCE_LIMIT
        lines.append(
            ngettext(
                "One more source is listed under the view (open the link above).",
                "{n} more sources are listed under the view (open the link above).",
                more,
            ).format(n=more)
        )
    return tuple(lines)


def sections(view_citation: citation.ViewCitation, content: BriefContent, chart_drawable: bool) -> list[Section]:
    """The briefing of one view, top to bottom. ``chart_drawable`` is false when the chart image cannot be
    made (a part is missing): a line says so in its place."""
    version = view_citation.data_version
    accessed = f"{view_citation.accessed:%Y-%m-%d}"
    parts = [
        Section(
            "title", heading=view_citation.page_title, lines=(cut(view_citation.view_words, LINE_CHARACTER_LIMIT),)
        ),
        Section(
            "small",
            lines=(
                _("Briefing from the {publisher}, data version {version}, accessed {date}.").format(
                    publisher=citation.PUBLISHER, version=citation.version_words(version), date=accessed
                ),
            ),
        ),
    ]
    if content.answer:
        parts.append(Section("answer", lines=(cut(content.answer, LINE_CHARACTER_LIMIT),)))
    if content.figure is not None and chart_drawable:
        parts.append(Section("chart"))
    elif content.chart_note or content.figure is not None:
        parts.append(Section("small", lines=(content.chart_note or _("The chart could not be drawn here."),)))
    figures = tuple(
        cut(f"{label}: {value}", LINE_CHARACTER_LIMIT // 2)
        for label, value in list(content.key_figures)[:KEY_FIGURE_LIMIT]
    )
    if figures:
        parts.append(Section("figures", heading=_("Key figures"), lines=figures))
    for table in content.tables:
        parts += table_section(table)
    parts.append(Section("text", heading=_("Cite this view"), lines=(citation.plain_text(view_citation),)))
    parts.append(
        Section(
            "list",
            heading=_("Sources of what is shown"),
            lines=source_lines(view_citation.sources) or (_("No source is cited for this view."),),
        )
    )
    parts.append(
        Section(
            "small",
            lines=(
                _("Data version: {version}. Accessed: {date}. Link to this view: {link}").format(
                    version=citation.version_words(version), date=accessed, link=view_citation.permalink
                ),
            ),
        )
    )
    return parts


def shorter(parts: list[Section]) -> list[Section]:
    """The same briefing with every table, list and figure block cut to half its rows or lines (at least
    two), each cut saying so: the drawing calls it while the PDF runs past two pages."""
    cut_parts = []
    for section in parts:
        if section.kind == "table" and len(section.rows) > 3:
            keep = max(2, (len(section.rows) - 1) // 2)
            rows = (*section.rows[: keep + 1], tuple("…" for _cell in section.rows[0]))
            cut_parts.append(Section("table", section.heading, section.lines, rows))
        elif section.kind in ("list", "figures") and len(section.lines) > 2:
            keep = max(2, len(section.lines) // 2)
            cut_parts.append(Section(section.kind, section.heading, (*section.lines[:keep], "…"), section.rows))
        else:
            cut_parts.append(section)
    return cut_parts


def file_name(page_key: str) -> str:
    """``nea-briefing-trade.pdf``: ASCII, named after the page (the data version is added by the caller)."""
    safe = "".join(character for character in page_key.lower() if character.isascii() and character.isalnum())
    return f"nea-briefing-{safe or 'view'}.pdf"
