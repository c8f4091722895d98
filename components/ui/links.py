"""Link (query-parameter) checks and the permalink of the view.

Widgets use ``bind="query-params"`` so the URL always holds the view. Streamlit silently drops a value it
cannot use; these checks run first so the analyst is told why the link changed.
"""

import math
import re
from collections.abc import Callable, Iterable

import pandas as pd
import streamlit as st

from components.analysis import citation
from components.i18n import LANGUAGES, _
from components.ui.markdown import escape_markdown

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
        # A whole-number widget reads its link value with int(), which refuses "2020.0".
        return (
            len(numbers) == count
            and all(math.isfinite(n) and low <= n <= high for n in numbers)
            and (not whole or all(re.fullmatch(r"-?\d+", value.strip()) for value in values))
        )

    return valid


def number_param(low: float, high: float, whole: bool = False) -> Validator:
    """Accept exactly one finite number within ``[low, high]`` (a number input, a one-handle slider); with
    ``whole``, a whole number only (a year)."""
    return _numbers_param(low, high, 1, whole=whole)


def slider_param(low, high, value) -> Validator:
    """The link check of ``st.slider(label, low, high, value)``, built from the same arguments: one number
    for a one-handle slider, two for a range slider (``value`` a pair), whole numbers when
    the bounds are whole, all within ``[low, high]``."""
    count = 2 if isinstance(value, tuple | list) else 1
    whole = all(isinstance(bound, int) and not isinstance(bound, bool) for bound in (low, high))
    return _numbers_param(low, high, count, whole)


def choice_param(options: Iterable, multiple: bool = False, clearable: bool = False) -> Validator:
    """Accept one of ``options`` (any number of them when ``multiple``); with ``clearable``, also an empty
    value (``?status=``), which a link uses to clear a multi-choice widget on purpose."""
    allowed = {str(option) for option in options}

    def valid(values: list[str]) -> bool:
        if clearable and values == [""]:
            return True
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


def global_params() -> dict[str, Validator]:
    """Link parameters every page takes: the language (``?lang=ko``, see ``ui.language``)."""
    return {"lang": choice_param(LANGUAGES)}


def query_param_problems(raw: dict[str, list[str]], expected: dict[str, Validator]) -> list[str]:
    """Plain-language notices for unknown parameters and values their widget cannot take."""
    problems = []
    for key, values in raw.items():
        shown = ", ".join(values)
        if key not in expected:
            problems.append(_("Unknown link parameter '{key}' was ignored.").format(key=key))
        elif not expected[key](values):
            problems.append(
                _("Link parameter '{key}={value}' is not a valid value; the default is used instead.").format(
                    key=key, value=shown
                )
            )
    return problems


def check_query_params(expected: dict[str, Validator | None]):
    """Warn (escaped) about URL parameters that will be ignored; call before the bound widgets. Keys
    mapped to ``CHECKED_BY_WIDGET`` are checked by ``url_slider``. Returns the container of the notices
    (``None`` when the URL has no parameters), for ``url_slider`` to add to."""
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    checked = {key: validator or (lambda values: True) for key, validator in {**global_params(), **expected}.items()}
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


def repeated_link_values(key: str, parse, write, notices=None) -> list:
    """The items of the link's repeated parameter ``key`` (``?scenario=A:1&scenario=B:2``): ``parse`` reads
    the values into items and a notice for each value it drops (plain text, shown escaped in ``notices``,
    default the page); the rest stay, and the link is rewritten to ``write`` of each item kept, so a
    dropped value is reported once."""
    items, problems = parse(st.query_params.get_all(key))
    for problem in problems:
        (notices or st).warning(escape_markdown(problem), icon=":material/link_off:")
    set_link_values(key, [write(item) for item in items])
    return items


def set_link_values(key: str, values: list[str]) -> None:
    """Write the repeated parameter ``key`` into the link as ``values``, or remove it when there are none."""
    if st.query_params.get_all(key) == values:
        return
    if values:
        st.query_params[key] = values
    elif key in st.query_params:
        del st.query_params[key]


def current_page_path() -> str:
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
        page_path=current_page_path(),
    )


def url_choice_value(key: str, options: dict[str, str]) -> str | None:
    """The id ``url_choice`` will show under ``key``: this session's choice, else the URL's when it is one
    of ``options``; for a page that needs the choice before it draws the box."""
    if key not in st.session_state:
        st.session_state[key] = linked_choice(key, options, None)
    return st.session_state[key]


def url_choice(container, label: str, options: dict[str, str], *, key: str, on_change=None, **widget_options):
    """A select box whose link parameter ``key`` holds the chosen option's id, while the box shows its label
    (``options`` maps id → label). A bound select box (``bind="query-params"``) would put the label in the
    URL, so this one is synced here: the URL's id starts the box (``choice_param`` checks it with the page's
    other parameters), and the box's id is written back, or removed when nothing is chosen."""
    url_choice_value(key, options)
    chosen = container.selectbox(
        label,
        list(options),
        index=None,
        format_func=lambda option: options.get(option, option),
        key=key,
        on_change=on_change,
        **widget_options,
    )
    if chosen:
        st.query_params[key] = chosen
    elif key in st.query_params:
        del st.query_params[key]
    return chosen


def _linked_options(param: str, values: list[str], default, aliases: dict[str, str]):
    """The link's choice of ``values`` under ``param`` for ``url_options``: an old link's word (``aliases``)
    reads as its value; values it does not offer are dropped (``check_query_params`` has said so); an empty
    ``?param=`` clears a multiple choice."""
    raw = [aliases.get(value, value) for value in st.query_params.get_all(param)]
    if not isinstance(default, list):
        return raw[0] if raw and raw[0] in values else default
    if raw == [""]:
        return []
    picked = [value for value in values if value in raw]
    return picked if picked else list(default)


def url_options(
    container, widget: str, label: str, options: dict[str, str], *, param: str, key: str, default, aliases=None, **kw
):
    """``container.pills``, ``radio``, ``selectbox`` or ``multiselect`` (``widget``) showing ``options`` (value →
    its words in the reader's language) whose link parameter ``param`` holds the chosen values, the same in
    every language. A bound widget would write the words as shown into the link, so this one is synced here,
    as ``url_choice`` is. ``default`` is a value, or a list for a multiple choice (pills, multiselect); the
    default leaves the link, and an emptied multiple choice writes ``param=`` (unless nothing is the default).
    ``aliases`` maps words an older link held (``?flow=Exports``) to their value; the link is rewritten to the
    value. Check ``param`` with ``choice_param([*options, *aliases])``. ``key`` is the widget's own key."""
    multiple = isinstance(default, list)
    values = list(options)
    if key not in st.session_state:
        st.session_state[key] = _linked_options(param, values, default, aliases or {})
    draw = getattr(container, widget)
    mode = {"selection_mode": "multi"} if multiple and widget == "pills" else {}
    chosen = draw(label, values, format_func=lambda value: options.get(value, value), key=key, **mode, **kw)
    if multiple:
        chosen = [value for value in values if value in (chosen or [])]
    is_default = set(chosen) == set(default) if multiple else chosen == default
    wanted = [] if is_default else (chosen or [""]) if multiple else [chosen] if chosen is not None else []
    if st.query_params.get_all(param) != wanted:
        if wanted:
            st.query_params[param] = wanted
        elif param in st.query_params:
            del st.query_params[param]
    return chosen


def linked_choice(key: str, options, default):
    """The link's value of ``key`` when it is one of ``options``, else ``default``: for a page whose other
    link checks depend on a choice made before its widget is drawn (the Data page's table)."""
    requested = st.query_params.get(key)
    return requested if requested in options else default


def link_language() -> str | None:
    """The link's ``?lang=`` when it is one of ours, else ``None``: for links a page writes itself (the
    Scorecard's), so a link opened in a new tab keeps the reader's language."""
    return linked_choice("lang", LANGUAGES, None)


def in_link(key: str = "", prefix: str = "") -> bool:
    """True when the link sets ``key``, or any parameter starting with ``prefix``."""
    return any(name == key or (prefix and name.startswith(prefix)) for name in st.query_params)


def set_link_param(key: str, value: str) -> None:
    """Write ``key=value`` into the page's link (the language a reader chose, kept across pages)."""
    st.query_params[key] = value


def url_multi_choice(container, label: str, options: dict[str, str], *, key: str, **widget_options) -> list[str]:
    """Multi-choice pills whose link parameter ``key`` holds the chosen options' ids (``?outcome=stalled``,
    repeated for several) while the pills show their labels (``options`` maps id → label, in the reader's
    language). Synced here rather than bound, as ``url_choice`` is, so the URL keeps the ids in every
    language; check the parameter with ``choice_param(options, multiple=True, clearable=True)`` first.
    Nothing chosen means every option, and leaves the parameter out of the link; so does a link with any
    value that is not an option (the page's notice says the default is used)."""
    if key not in st.session_state:
        requested = [value for value in st.query_params.get_all(key) if value]
        st.session_state[key] = requested if all(value in options for value in requested) else []
    chosen = container.pills(
        label,
        list(options),
        selection_mode="multi",
        format_func=lambda option: options.get(option, option),
        key=key,
        **widget_options,
    )
    chosen = [option for option in options if option in (chosen or [])]
    if chosen:
        st.query_params[key] = chosen
    elif key in st.query_params:
        del st.query_params[key]
    return chosen
