"""What every page shares: cached loading, the data-error box, query-parameter checks, sources
footnotes and the formula-safe CSV download. The only module in ``components/`` that imports
Streamlit; the logic it calls lives in plain modules.
"""

import math
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
import streamlit as st

from components import chart_png, chart_style, data, data_version, export, paths

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
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
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


def number_param(low: float, high: float) -> Validator:
    """Accept one finite number within ``[low, high]`` (two for a range slider)."""

    def valid(values: list[str]) -> bool:
        try:
            numbers = [float(value) for value in values]
        except ValueError:
            return False
        return 1 <= len(numbers) <= 2 and all(math.isfinite(n) and low <= n <= high for n in numbers)

    return valid


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


def check_query_params(expected: dict[str, Validator]) -> None:
    """Warn (escaped) about URL parameters that will be ignored; call before the bound widgets."""
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    for problem in query_param_problems(raw, expected):
        st.warning(escape_markdown(problem), icon=":material/link_off:")


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
        date = f", {row['published']:%Y-%m-%d}" if pd.notna(row["published"]) else ""
        label = f"{escape_markdown(row['publisher'])}{escape_markdown(date)}"
        if not compact:
            label = f"{escape_markdown(row['title'])} ({label})"
        url = row["url"]
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            safe_url = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
            parts.append(f"[{label}]({safe_url})")
        else:
            parts.append(label)
    return "**Sources:** " + ("; ".join(parts) if parts else "none")


def sources_footnote(source_ids: Iterable[str], sources: pd.DataFrame) -> None:
    """Render the "Sources:" footnote for what is on screen."""
    st.caption(source_line(source_ids, sources))


def csv_download(frame: pd.DataFrame, file_name: str, label: str = "Download CSV", key: str | None = None) -> None:
    """A download button for exactly ``frame``, formula-neutralised, that does not rerun the page."""
    st.download_button(
        label,
        data=export.to_csv_bytes(frame),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )


def plotly_chart(figure, *, key: str, file_stem: str, alt: str, **options):
    """Draw a plotly ``figure`` full width in its own colours (``theme=None``: the figure's white
    background reads the same in light and dark mode), with ``alt`` as its text alternative and a
    toolbar camera button that saves ``<file_stem>.png``. ``options`` go to ``st.plotly_chart``
    (``on_select``, ``selection_mode``); returns what it returns."""
    return st.plotly_chart(
        figure,
        theme=None,
        width="stretch",
        key=key,
        config=chart_style.chart_config(file_stem),
        alt=alt,
        **options,
    )


def vega_chart(
    spec: dict,
    *,
    key: str,
    file_stem: str,
    alt: str,
    title: str | None = None,
    source_ids: Iterable[str] = (),
    sources: pd.DataFrame | None = None,
    **options,
):
    """Draw a Vega-Lite ``spec`` (a dict; named ``datasets`` may hold DataFrames) in our own colours, full
    width, with ``alt`` as its accessible description, and under it a "Download PNG" button for
    ``<file_stem>.png``: the chart drawn on the server with ``title`` (default ``alt``) and the sources of
    ``source_ids`` printed on it, made only when clicked. ``options`` go to ``st.vega_lite_chart``
    (``on_select``, ``selection_mode``); returns what it returns.
    """
    shown = st.vega_lite_chart(spec, theme=None, width="stretch", key=key, alt=alt, **options)
    source_ids = list(source_ids)

    def png() -> bytes:
        note = chart_png.sources_text(source_ids, sources) if sources is not None else ""
        return chart_png.png_bytes(spec, title or alt, note)

    st.download_button(
        "Download PNG",
        data=png,
        file_name=f"{file_stem}.png",
        mime="image/png",
        key=f"{key}_png",
        on_click="ignore",
        icon=":material/image:",
    )
    return shown


# ---- Table filters ----------------------------------------------------------------------------


def _filter_key(key_prefix: str, column: str) -> str:
    return f"{key_prefix}.{column}"


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
            validators[key] = number_param(spec.low, spec.high)
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
                whole = float(spec.low).is_integer() and float(spec.high).is_integer()
                low, high = (int(spec.low), int(spec.high)) if whole else (spec.low, spec.high)
                selections[spec.column] = st.slider(spec.column, low, high, (low, high), key=key, bind="query-params")
            else:
                low, high = spec.low.date(), spec.high.date()
                selections[spec.column] = st.slider(
                    spec.column, low, high, (low, high), key=key, bind="query-params", format="YYYY-MM-DD"
                )
    return selections
