"""What every page shares: cached loading, the data-error box, query-parameter checks, sources
footnotes and the formula-safe CSV download. The only module in ``components/`` that imports
Streamlit; the logic it calls lives in plain modules.
"""

import math
import re
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from components import chart_style, citation, data, data_version, datapackage, export, formats, paths, tables

# Characters that Markdown (and Streamlit's HTML-aware renderer) would interpret.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<&$:])")


def escape_markdown(text) -> str:
    """Return ``text`` so that ``st.markdown`` shows it literally: no HTML, links or formatting."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def require_navigation() -> None:
    """Make a deep link that reaches a page before ``app.py`` has ever run go through ``app.py``.

    Streamlit treats an app with a ``pages/`` folder as a legacy multipage app until some session
    runs ``st.navigation``; until then ``/trade`` on a fresh server runs ``pages/trade.py`` alone,
    without the app's navigation and page config. Clearing that flag and rerunning routes the
    request through ``app.py``. Every page calls this first.

    The run itself is checked, not only the flag: sessions that started together on a fresh server
    (a team page embedding four charts) all begin as legacy runs, but only the first sees the flag
    set. A legacy run lists ``app.py`` itself as a page; ``app.py``'s navigation never does.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    legacy_run = False
    if context is not None:
        main_script = Path(context.pages_manager.main_script_path).resolve()
        scripts = [page.get("script_path") for page in context.pages_manager.get_pages().values()]
        legacy_run = any(script and Path(script).resolve() == main_script for script in scripts)
    if PagesManager.uses_pages_directory or legacy_run:
        PagesManager.uses_pages_directory = False
        st.rerun()


@st.cache_data(show_spinner=False, max_entries=32)
def cached_load(name: str, data_dir_key: str, content_hash: str) -> pd.DataFrame:
    """``data.load`` cached per table, data folder and content hash of the data: an edited file has a
    new hash, so the next run reads it instead of the cached copy."""
    return data.load(name, data_dir_key or None)


def _data_dir_key() -> str:
    return str(paths.data_dir())


@st.cache_data(show_spinner=False, max_entries=8)
def _cached_content_hash(data_dir_key: str, stamps: tuple) -> str:
    return data_version.content_hash(Path(data_dir_key))


def current_content_hash() -> str:
    """The content hash of the data folder, recomputed only when a file's size or time changes."""
    folder = paths.data_dir()
    return _cached_content_hash(str(folder), data_version.file_stamps(folder))


def current_data_version() -> data_version.DataVersion:
    """The data the app shows now: content hash and, where events and sources load, the newest fact."""
    content_hash = current_content_hash()
    tables = {}
    for name in ("events", "sources"):
        try:
            tables[name] = cached_load(name, _data_dir_key(), content_hash)
        except data.DataError:
            continue
    return data_version.DataVersion(content_hash, data_version.newest_fact_date(tables))


def load_tables(*names: str) -> dict[str, pd.DataFrame]:
    """Load the named tables; on a broken file show what is wrong and stop this page only."""
    tables, failures = {}, []
    folder, content_hash = _data_dir_key(), current_content_hash()
    for name in names:
        try:
            tables[name] = cached_load(name, folder, content_hash)
        except data.DataError as error:
            failures.append(error)
    if failures:
        for error in failures:
            show_data_error(error)
        st.info("The other pages that do not need this file still work; fix the file and reload.")
        st.stop()
    return tables


@st.cache_data(show_spinner=False, max_entries=4)
def _cached_outlines(data_dir_key: str, content_hash: str) -> list[dict]:
    return data.load_outlines(data_dir_key or None)


def load_outlines() -> list[dict]:
    """Country outlines for the map; on a broken file show why and return none (the map still draws)."""
    try:
        return _cached_outlines(_data_dir_key(), current_content_hash())
    except data.DataError as error:
        show_data_error(error)
        return []


def show_data_error(error: data.DataError) -> None:
    """An error box naming the file and each problem, with no traceback."""
    lines = "\n".join(f"- {escape_markdown(problem)}" for problem in error.problems[: data.MAX_LISTED_PROBLEMS])
    more = len(error.problems) - data.MAX_LISTED_PROBLEMS
    suffix = f"\n- … and {more} more" if more > 0 else ""
    st.error(f"**{escape_markdown(error.file_name)} cannot be used:**\n{lines}{suffix}", icon=":material/error:")


# ---- Query parameters -------------------------------------------------------------------------
# Widgets use ``bind="query-params"`` so the URL always holds the view. Streamlit silently drops a
# value it cannot use; these checks run first so the analyst is told why the link changed.

Validator = Callable[[list[str]], bool]


# Marks a link parameter that is checked where its widget is drawn (``url_slider``), because the
# widget's bounds depend on another widget's value.
CHECKED_BY_WIDGET = None


def _numbers_param(low: float, high: float, count: int, whole: bool) -> Validator:
    def valid(values: list[str]) -> bool:
        try:
            numbers = [float(value) for value in values]
        except ValueError:
            return False
        return (
            len(numbers) == count
            and all(math.isfinite(n) and low <= n <= high for n in numbers)
            and (not whole or all(n.is_integer() for n in numbers))
        )

    return valid


def number_param(low: float, high: float) -> Validator:
    """Accept exactly one finite number within ``[low, high]`` (a number input, a one-handle slider)."""
    return _numbers_param(low, high, 1, whole=False)


def slider_param(low, high, value) -> Validator:
    """The link check of ``st.slider(label, low, high, value)``, built from the same arguments: one number
    for a one-handle slider, two for a range slider (``value`` a pair), whole numbers when
    the bounds are whole, all within ``[low, high]``."""
    count = 2 if isinstance(value, tuple | list) else 1
    whole = all(isinstance(bound, int) and not isinstance(bound, bool) for bound in (low, high))
    return _numbers_param(low, high, count, whole)


def choice_param(options: Iterable, multiple: bool = False) -> Validator:
    """Accept one of ``options`` (any number of them when ``multiple``)."""
    allowed = {str(option) for option in options}

    def valid(values: list[str]) -> bool:
        if not multiple and len(values) != 1:
            return False
        return all(value in allowed for value in values)

    return valid


def bool_param() -> Validator:
    """Accept ``true`` or ``false``."""
    return lambda values: len(values) == 1 and values[0].lower() in {"true", "false"}


def date_param(low, high) -> Validator:
    """Accept one or two ISO dates within ``[low, high]``."""

    def valid(values: list[str]) -> bool:
        try:
            dates = [pd.Timestamp(value).date() for value in values if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)]
        except ValueError:
            return False
        return len(dates) == len(values) and 1 <= len(dates) <= 2 and all(low <= d <= high for d in dates)

    return valid


def query_param_problems(raw: dict[str, list[str]], expected: dict[str, Validator]) -> list[str]:
    """Plain-language notices for unknown parameters and values their widget cannot take."""
    problems = []
    for key, values in raw.items():
        shown = ", ".join(values)
        if key not in expected:
            problems.append(f"Unknown link parameter '{key}' was ignored.")
        elif not expected[key](values):
            problems.append(f"Link parameter '{key}={shown}' is not a valid value; the default is used instead.")
    return problems


def check_query_params(expected: dict[str, Validator | None]):
    """Warn (escaped) about URL parameters that will be ignored; call before the bound widgets. Keys
    mapped to ``CHECKED_BY_WIDGET`` are checked by ``url_slider``. Returns the container of the notices
    (``None`` when the URL has no parameters), for ``url_slider`` to add to."""
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    checked = {key: validator or (lambda values: True) for key, validator in expected.items()}
    # No empty container on a plain link: it would still take a gap on the first screen.
    notices = st.container() if raw else None
    for problem in query_param_problems(raw, checked):
        notices.warning(escape_markdown(problem), icon=":material/link_off:")
    return notices


def url_slider(container, label: str, low, high, value, *, key: str, notices=None, **options):
    """``container.slider`` bound to the URL under ``key``, whose link check (``slider_param``) is built
    from these same bounds and shape, so the two cannot disagree; a value it cannot take gets the same
    notice as ``check_query_params`` gives, in ``notices`` (default: the page)."""
    values = st.query_params.get_all(key)
    if values:
        for problem in query_param_problems({key: values}, {key: slider_param(low, high, value)}):
            (notices or st).warning(escape_markdown(problem), icon=":material/link_off:")
    return container.slider(label, low, high, value, key=key, bind="query-params", **options)


# ---- Sources and downloads --------------------------------------------------------------------


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
        url = row["url"]
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            safe_url = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
            parts.append(f"[{label}]({safe_url})")
        else:
            parts.append(label)
    return "**Sources:** " + ("; ".join(parts) if parts else "none")


def _link(label: str, url) -> str:
    """A Markdown link to an http(s) ``url`` (already escaped ``label``), or the label alone."""
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        safe_url = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
        return f"[{label}]({safe_url})"
    return label


def sources_summary(cited: tuple[citation.CitedSource, ...], agencies: tuple[str, ...]) -> str:
    """The one-line "Sources:" footnote: how many sources, and whose statistics, most cited first."""
    if not cited:
        return "**Sources:** none"
    count = f"{len(cited)} source{'s' if len(cited) != 1 else ''}"
    shown = ", ".join(escape_markdown(agency) for agency in agencies[: citation.PRIMARY_SOURCE_LIMIT])
    more = len(agencies) - citation.PRIMARY_SOURCE_LIMIT
    whose = f"{shown} and {more} more" if more > 0 else shown
    return f"**Sources:** {count}; figures from {whose}."


# Session-state keys of the footer's two panels; their content is built only while they are open.
SOURCES_KEY = "footer_all_sources"
CITE_KEY = "footer_cite_view"


def sources_list(cited: tuple[citation.CitedSource, ...]) -> str:
    """A numbered Markdown list of ``cited``: linked title, publisher, date, whose statistic, id."""
    lines = []
    for number, source in enumerate(cited, start=1):
        date_text = f", {source.published:%Y-%m-%d}" if source.published else ""
        lines.append(
            f"{number}. {_link(escape_markdown(source.title), source.url)} — "
            f"{escape_markdown(source.publisher + date_text)}; statistic of {escape_markdown(source.agency)} "
            f"(`{source.source_id.replace('`', '')}`)"
        )
    return "\n".join(lines)


def sources_footnote(source_ids: Iterable[str], sources: pd.DataFrame) -> None:
    """The compact "Sources:" footnote for what is on screen: one line, and every source, numbered and
    linked, one click away in an expander."""
    source_ids = list(source_ids)
    _cited_footnote(citation.cited_sources(source_ids, sources), citation.primary_agencies(source_ids, sources))


def _cited_footnote(cited: tuple[citation.CitedSource, ...], agencies: tuple[str, ...]) -> None:
    st.caption(sources_summary(cited, agencies))
    if cited:
        # Built only while open: the list is 10 KB of links that a slider move would otherwise resend.
        listing = st.expander(
            f"All {len(cited)} sources, with links", icon=":material/menu_book:", key=SOURCES_KEY, on_change="rerun"
        )
        if listing.open:
            listing.markdown(sources_list(cited))


def stamped(file_name: str) -> str:
    """``file_name`` with the data's content hash before the extension: every export names its data."""
    return data_version.stamped_file_name(file_name, current_content_hash())


def csv_download(frame: pd.DataFrame, file_name: str, label: str = "Download CSV", key: str | None = None) -> None:
    """A download button for exactly ``frame``, formula-neutralised, that does not rerun the page; the
    file name carries the data version (``nea-trade-series-3f9a1c2b7d.csv``). The CSV is made only when
    clicked, so a rerun does not pay for it."""
    st.download_button(
        label,
        data=lambda: export.to_csv_bytes(frame),
        file_name=stamped(file_name),
        mime="text/csv",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )


def show_table(
    frame: pd.DataFrame,
    *,
    key: str | None = None,
    column_config: dict | None = None,
    human_labels: bool = True,
    value_labels: dict | None = None,
    **options,
):
    """``st.dataframe`` of ``frame`` as the reader should see it (``tables.display_frame``): missing
    values an en dash, never "None"; with ``human_labels``, coded values (``value_labels`` adds some,
    e.g. ids to names) and column names in words, else the data's own names and codes (the Data page,
    whose filters and dictionary use them). ``column_config`` entries override the headers; ``options``
    go to ``st.dataframe``. Export the raw frame, not this one: exports keep the ids and codes."""
    headers = tables.column_headers(frame) if human_labels else {}
    return st.dataframe(
        tables.display_frame(frame, value_labels, codes=not human_labels),
        hide_index=True,
        key=key,
        placeholder=tables.MISSING_TEXT,
        column_config={**headers, **(column_config or {})},
        **options,
    )


def plotly_chart(figure, *, key: str, file_stem: str, alt: str, **options):
    """Draw a plotly ``figure`` full width in its own colours (``theme=None``: the figure's white
    background reads the same in light and dark mode), with ``alt`` as its text alternative and a
    toolbar camera button that saves ``<file_stem>-<data hash>.png``. ``options`` go to ``st.plotly_chart``
    (``on_select``, ``selection_mode``); returns what it returns."""
    return st.plotly_chart(
        figure,
        theme=None,
        width="stretch",
        key=key,
        config=chart_style.chart_config(stamped(file_stem)),
        alt=alt,
        **options,
    )


def _filter_key(key_prefix: str, column: str) -> str:
    return f"{key_prefix}.{column}"


def _slider_bounds(spec) -> tuple:
    """A number filter's slider bounds: whole numbers when both ends are whole."""
    whole = float(spec.low).is_integer() and float(spec.high).is_integer()
    return (int(spec.low), int(spec.high)) if whole else (spec.low, spec.high)


def filter_param_validators(specs, key_prefix: str) -> dict[str, Validator]:
    """URL validators for the filter widgets ``filter_widgets`` will draw for ``specs``."""
    validators = {}
    for spec in specs:
        key = _filter_key(key_prefix, spec.column)
        if spec.kind == "category":
            validators[key] = choice_param(spec.options, multiple=True)
        elif spec.kind == "flag":
            validators[key] = choice_param(["true", "false"], multiple=True)
        elif spec.kind == "number":
            low, high = _slider_bounds(spec)
            validators[key] = slider_param(low, high, (low, high))
        else:
            validators[key] = date_param(spec.low.date(), spec.high.date())
    return validators


def filter_widgets(specs, key_prefix: str, columns: int = 3) -> dict[str, object]:
    """Draw one bound widget per filter spec; return ``{column: selection}`` for ``apply_filters``."""
    selections: dict[str, object] = {}
    grid = st.columns(columns)
    for position, spec in enumerate(specs):
        key = _filter_key(key_prefix, spec.column)
        with grid[position % columns]:
            if spec.kind == "category":
                selections[spec.column] = st.multiselect(
                    spec.column, spec.options, default=list(spec.options), key=key, bind="query-params"
                )
            elif spec.kind == "flag":
                chosen = st.multiselect(
                    spec.column, ["true", "false"], default=["true", "false"], key=key, bind="query-params"
                )
                selections[spec.column] = [word == "true" for word in chosen]
            elif spec.kind == "number":
                low, high = _slider_bounds(spec)
                selections[spec.column] = st.slider(spec.column, low, high, (low, high), key=key, bind="query-params")
            else:
                low, high = spec.low.date(), spec.high.date()
                selections[spec.column] = st.slider(
                    spec.column, low, high, (low, high), key=key, bind="query-params", format="YYYY-MM-DD"
                )
    return selections


# ---- Citation, data version and embedding ------------------------------------------------------


def is_embedded() -> bool:
    """True when the page is shown with ``?embed=true`` (e.g. in another site's ``<iframe>``)."""
    return bool(st.context.is_embedded)


def _current_page_path() -> str:
    """The running page's URL path (``trade``; empty for the default page), as ``st.context.url`` adds it."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    if context is None:
        return ""
    pages = context.pages_manager.get_pages()
    return (pages.get(context.pages_manager.current_page_script_hash) or {}).get("url_pathname", "")


def view_query_pairs() -> list[tuple[str, str]]:
    """The query parameters that reproduce this view: the URL's, with every widget bound to the URL
    (``bind="query-params"``) at its value in this run.

    ``st.query_params`` lags a widget the reader has just moved by one rerun (the browser rewrites its
    address after it sends the rerun), so the bound widgets are read from the session, in the form
    Streamlit writes them to the URL. This uses Streamlit 1.67's session internals (pinned in
    requirements.txt); tests/app/test_page_footer.py fails if they change.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    from streamlit.runtime.state.query_params import _coerce_value_for_query_url

    params = {key: st.query_params.get_all(key) for key in st.query_params}
    context = get_script_run_ctx()
    if context is not None:
        state = context.session_state._state
        page_hash = context.pages_manager.current_page_script_hash
        for key, binding in list(state.query_params._bindings_by_param.items()):
            metadata = state._new_widget_state.widget_metadata.get(binding.widget_id)
            if metadata is None or binding.script_hash != page_hash or key not in st.session_state:
                continue
            value = st.session_state[key]
            if value == metadata.deserializer(None):
                params.pop(key, None)
                continue
            written = _coerce_value_for_query_url(metadata.serializer(value), metadata.value_type)
            params[key] = written if isinstance(written, list) else [written]
    return [(key, value) for key, values in params.items() for value in values]


def current_permalink() -> str:
    """The URL that reopens this view: the page's address as the browser or a proxy sees it, with the
    view's query parameters (never the embed settings)."""
    pairs = view_query_pairs()
    return citation.permalink(
        pairs,
        browser_url=st.context.url,
        headers=st.context.headers.to_dict(),
        base_path=st.get_option("server.baseUrlPath") or "",
        page_path=_current_page_path(),
    )


def current_view_citation(page_title: str, view_words: str, source_ids: Iterable, sources: pd.DataFrame):
    """The citation of the view on screen, accessed today, with the current data version and link."""
    return citation.view_citation(
        page_title, view_words, current_permalink(), date.today(), current_data_version(), source_ids, sources
    )


def cite_control(view_citation: citation.ViewCitation) -> None:
    """A "Cite this view" popover: the citation as plain text, BibTeX and CFF, each with a copy button."""
    popover = st.popover("Cite this view", icon=":material/format_quote:", key=CITE_KEY, on_change="rerun")
    # Built only while open: the three blocks are about 20 KB that every rerun would otherwise resend.
    if not popover.open:
        return
    with popover:
        st.markdown("**Cite this view**")
        st.caption("Each block has a copy button at its top right. The link reopens exactly this view.")
        plain_tab, bibtex_tab, cff_tab = st.tabs(["Plain text", "BibTeX", "CFF"])
        with plain_tab:
            st.code(citation.plain_text(view_citation), language=None, wrap_lines=True)
        with bibtex_tab:
            st.code(citation.bibtex(view_citation), language="latex", wrap_lines=True)
        with cff_tab:
            st.code(citation.cff(view_citation), language="yaml", wrap_lines=True, height=320)


def view_controls(label: str = "Change this view", border: bool = False):
    """The container for a page's controls and secondary panels: in place normally; embedded, folded
    into a closed expander so the chart comes first in the frame."""
    if is_embedded():
        return st.expander(label, icon=":material/tune:")
    return st.container(border=border)


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
) -> None:
    """What closes every page: the compact sources footnote, the data version and "Cite this view"
    (``prepared`` when the page built the citation already).

    Embedded (``?embed=true``), it is one source line and a link back to the full view instead.
    """
    source_ids = list(source_ids)
    view_citation = prepared or current_view_citation(page_title, view_words, source_ids, sources)
    version = view_citation.data_version.label
    if is_embedded():
        st.caption(
            f"**Sources:** {escape_markdown(citation.primary_sources_text(view_citation))} · "
            f"Data version {escape_markdown(version)} · "
            f"{_link('Open the full view in the NEA Cooperation Dashboard', view_citation.permalink)}"
        )
        return
    st.divider()
    _cited_footnote(view_citation.sources, view_citation.primary_agencies)
    version_column, cite_column = st.columns([4, 1], vertical_alignment="center")
    version_column.caption(
        f"Data version {escape_markdown(version)}: a hash of the curated files and the date of the newest "
        "fact in them. Exports carry the hash in their file names."
    )
    with cite_column:
        cite_control(view_citation)


# ---- Data packages -----------------------------------------------------------------------------


def datapackage_download(key: str = "datapackage") -> None:
    """A button for the whole curated data as a Frictionless Data Package (zip), built when clicked; when
    a table is broken, a note naming it instead (the package needs every table)."""
    folder, content_hash = _data_dir_key(), current_content_hash()
    tables, broken = {}, []
    for name in paths.TABLE_NAMES:
        try:
            tables[name] = cached_load(name, folder, content_hash)
        except data.DataError as error:
            broken.append(error.file_name)
    if broken:
        st.caption(
            f"The data package needs every table; {escape_markdown(', '.join(broken))} cannot be used now.",
        )
        return
    version = current_data_version()
    data_page_url = citation.permalink(
        [], browser_url=st.context.url, headers=st.context.headers.to_dict(), page_path=_current_page_path()
    )
    home = data_page_url if data_page_url.startswith(("http://", "https://")) else None
    st.download_button(
        "Download all the data (Frictionless Data Package, zip)",
        data=lambda: datapackage.package_zip(tables, version, Path(folder), home),
        file_name=datapackage.package_file_name(version),
        mime="application/zip",
        key=key,
        on_click="ignore",
        icon=":material/folder_zip:",
        help="Every curated table as CSV, datapackage.json with each table's schema, keys, licences, sources "
        "and the data version, and the curation notes.",
    )


def filtered_package_download(
    table_name: str,
    frame: pd.DataFrame,
    total_rows: int,
    applied_filters: dict[str, str],
    view_citation: citation.ViewCitation,
    key: str = "filtered_package",
) -> None:
    """A button for exactly ``frame`` as a small data package: the CSV plus a descriptor of its columns,
    the filters applied, the data version and the view's citation."""
    csv_name = stamped(f"nea-{table_name}-filtered.csv")
    citation_text = citation.plain_text(view_citation)
    version = view_citation.data_version
    st.download_button(
        "Download these rows as a data package (zip)",
        data=lambda: datapackage.filtered_package_zip(
            table_name, frame, total_rows, applied_filters, version, citation_text, csv_name
        ),
        file_name=csv_name.removesuffix(".csv") + ".zip",
        mime="application/zip",
        key=key,
        on_click="ignore",
        icon=":material/folder_zip:",
        help="The CSV and a datapackage.json describing its columns and the filters applied.",
    )
