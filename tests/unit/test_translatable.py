"""Every string we put on screen is marked for translation (issue #27): an AST check of the calls that put
text on the page, a chart or a tooltip, over pages/, components/ui/, components/charts/ and app.py.

What it flags: a string literal, or an f-string with literal text, that is not inside ``_()``, ``N_()`` or
``ngettext()``, in
- the text argument of a Streamlit call that shows text (``TEXT_CALLS``, on ``st``, ``st.sidebar``, a
  column, a container or any other receiver) and of our own wrappers around them (``HELPER_TEXT_POSITION``);
- the keywords ``TEXT_KEYWORDS`` of any call (label=, help=, placeholder=, …);
- the default value of a function parameter with one of those names (a default is worded once, at import,
  so it must be ``None`` and translated in the body);
- a select box or multiselect without ``placeholder=``: Streamlit's own ("Choose an option") is English;
- in chart modules, the ``name``, ``hovertemplate``, ``title``, ``text`` and ``hover_text`` of traces, layouts,
  axes and map records, as keywords or as dict keys.

What it allows: text with no letter once placeholders (``{n}``, ``%{y}``), HTML tags (``<br>``,
``<extra></extra>``) and Material icons (``:material/map:``) are removed, so Markdown wrappers around
translated values (``"**{}**".format(_("Sources"))``) pass (never ``_()`` inside an f-string: Babel
does not extract it, test_catalogs.py); ids, keys, file names and CSS, which go to other
keywords; and ``ALLOWED``, each with its reason.

It cannot follow a value through a variable or a module constant: those are marked with ``N_()`` where they
are defined and shown with ``_(CONSTANT)``, by the checklist in CONTRIBUTING.md.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKED_DIRS = ("pages", "components/ui", "components/charts")
CHECKED_FILES = ("app.py",)

# Files owned by engineers still translating them (issue #27); the lead removes each entry after merging
# their branch. test_exclusions_are_real keeps the list honest.
EXCLUDED = {}

# (file, exact text) → why it stays as written.
ALLOWED = {
    ("components/ui/language.py", "Language · 언어 · Язык · 言語"): (
        "the switcher's label names itself in all four languages, so a reader who cannot read the page finds it"
    ),
    ("components/ui/footer.py", "BibTeX"): "a file format's name, the same in every language",
    ("components/ui/footer.py", "CFF"): "a file format's name (Citation File Format), the same in every language",
}

MARKERS = {"_", "N_", "ngettext"}
# Streamlit calls that put their first positional argument on screen as text.
TEXT_CALLS = {
    "title", "header", "subheader", "markdown", "caption", "write", "text", "info", "warning", "error",
    "success", "toast", "button", "download_button", "link_button", "checkbox", "toggle", "radio",
    "selectbox", "multiselect", "slider", "select_slider", "number_input", "text_input", "text_area",
    "date_input", "time_input", "file_uploader", "metric", "expander", "tabs", "popover", "segmented_control",
    "pills", "color_picker", "chat_input", "form_submit_button", "feedback",
}  # fmt: skip
# st.page_link's first argument is the page, not text: its words are label=.
NOT_POSITIONAL = {"page_link"}
# Our wrappers whose text is not the first positional argument: name → index of the text.
HELPER_TEXT_POSITION = {"url_choice": 1, "url_slider": 1, "view_controls": 0, "csv_download": 2}
TEXT_KEYWORDS = {"label", "help", "placeholder", "title", "caption", "body", "alt", "delta", "text"}
CHART_KEYS = {"name", "hovertemplate", "title", "text", "hover_text"}
# Calls whose placeholder Streamlit words in English unless one is given (``**options`` passes one on).
PLACEHOLDER_CALLS = {"selectbox", "multiselect", "url_choice"}

# Placeholders, HTML tags, Material icons and Streamlit's Markdown directives (``:small[…]``).
_PLACEHOLDER = re.compile(r"%\{[^{}]*\}|\{[^{}]*\}|<[^<>]*>|:material/[a-z0-9_]+:|:[a-z]+(?:-[a-z]+)*\[")
_LETTER = re.compile(r"[^\W\d_]")


def has_words(text: str) -> bool:
    """True when ``text`` has a letter outside placeholders, HTML tags and Material icon names."""
    return bool(_LETTER.search(_PLACEHOLDER.sub("", text)))


def bare_text(node: ast.AST | None) -> str | None:
    """The literal text of ``node`` that reaches the reader unmarked, or ``None`` when there is none
    (a marked call, a variable, text without words)."""
    if node is None:
        return None
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) and has_words(node.value) else None
    if isinstance(node, ast.JoinedStr):
        literal = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
        return ast.unparse(node) if has_words(literal) else None
    if isinstance(node, ast.BinOp):
        return bare_text(node.left) or bare_text(node.right)
    if isinstance(node, ast.IfExp):
        return bare_text(node.body) or bare_text(node.orelse)
    if isinstance(node, ast.BoolOp):
        return next((found for value in node.values if (found := bare_text(value))), None)
    if isinstance(node, ast.List | ast.Tuple):
        return next((found for element in node.elts if (found := bare_text(element))), None)
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name) and node.func.id in MARKERS:
            return None
        # "Some {x}".format(...) or "Words".join(...): the receiver is the text.
        if isinstance(node.func, ast.Attribute):
            return bare_text(node.func.value) if isinstance(node.func.value, ast.Constant | ast.JoinedStr) else None
    return None


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _text_arguments(call: ast.Call) -> list[ast.AST]:
    """The arguments of ``call`` that hold text for the reader."""
    name = _call_name(call)
    wanted = [keyword.value for keyword in call.keywords if keyword.arg in TEXT_KEYWORDS]
    position = HELPER_TEXT_POSITION.get(name)
    if position is None and name in TEXT_CALLS and name not in NOT_POSITIONAL:
        receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
        # Our metrics.metric(row, label, value) takes its row first.
        position = 1 if name == "metric" and isinstance(receiver, ast.Name) and receiver.id == "metrics" else 0
    if position is not None and len(call.args) > position:
        wanted.append(call.args[position])
    if isinstance(call.func, ast.Attribute) and call.func.attr.endswith("Column") and call.args:
        wanted.append(call.args[0])  # st.column_config.*Column(label): a table header on screen
    return wanted


def unmarked_strings(source: str, chart_module: bool = False) -> list[tuple[int, str]]:
    """``(line, text)`` of each user-facing literal in ``source`` not marked for translation."""
    found = []
    for node in ast.walk(ast.parse(source)):
        candidates: list[ast.AST] = []
        if isinstance(node, ast.Call):
            candidates += _text_arguments(node)
            if _call_name(node) in PLACEHOLDER_CALLS and not any(
                keyword.arg in ("placeholder", None) for keyword in node.keywords
            ):
                found.append((node.lineno, f"{_call_name(node)}(…) without placeholder="))
            if chart_module:
                # name= only on plotly's go.* traces (pandas and pydeck take name= as an id).
                plotly = isinstance(node.func, ast.Attribute) and getattr(node.func.value, "id", "") == "go"
                candidates += [
                    keyword.value
                    for keyword in node.keywords
                    if keyword.arg in CHART_KEYS and (keyword.arg != "name" or plotly)
                ]
        elif isinstance(node, ast.Dict) and chart_module:
            candidates += [
                value
                for key, value in zip(node.keys, node.values, strict=True)
                if isinstance(key, ast.Constant) and key.value in CHART_KEYS
            ]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args.posonlyargs + node.args.args
            defaults = dict(zip(arguments[len(arguments) - len(node.args.defaults) :], node.args.defaults, strict=True))
            defaults |= {arg: value for arg, value in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True)}
            candidates += [value for arg, value in defaults.items() if arg.arg in TEXT_KEYWORDS]
        # Each element of a list on its own (st.tabs), so each gets its own entry.
        candidates = [item for node in candidates for item in (node.elts if isinstance(node, ast.List) else [node])]
        for candidate in candidates:
            text = bare_text(candidate)
            if text is not None:
                found.append((candidate.lineno, text))
    return found


def checked_files() -> list[str]:
    files = [path for folder in CHECKED_DIRS for path in sorted((ROOT / folder).glob("*.py"))]
    files += [ROOT / name for name in CHECKED_FILES]
    return [path.relative_to(ROOT).as_posix() for path in files]


@pytest.mark.parametrize("relative", [path for path in checked_files() if path not in EXCLUDED])
def test_every_user_facing_string_is_marked_for_translation(relative):
    source = (ROOT / relative).read_text(encoding="utf-8")
    found = unmarked_strings(source, chart_module=relative.startswith("components/charts/"))
    unmarked = [f"{relative}:{line}: {text!r}" for line, text in found if (relative, text) not in ALLOWED]
    assert not unmarked, "wrap these in _() (or N_() where defined, _() where shown):\n" + "\n".join(unmarked)


def test_exclusions_and_allowances_are_real():
    """An excluded file that no longer exists, or an allowance no code needs, is a stale entry."""
    assert all((ROOT / relative).exists() for relative in EXCLUDED)
    for relative, text in ALLOWED:
        found = unmarked_strings((ROOT / relative).read_text(encoding="utf-8"))
        assert text in [found_text for _line, found_text in found], f"{relative}: {text!r} is no longer needed"


@pytest.mark.parametrize(
    "source",
    [
        'st.title("Trade")',
        'st.sidebar.button("Go")',
        'column.selectbox(_("Table"), names, placeholder="Choose a table")',
        'st.metric(_("Rows"), 3, help=f"Rows in {name}")',
        'st.caption("Sources: " + line)',
        'st.info("None" if empty else _("Some"))',
        'st.tabs([_("Chart"), "Table"])',
        'st.error("{file} cannot be used".format(file=name))',
        'metrics.metric(row, "Instalments", value)',
        'links.url_choice(st, "Event details", choices, key="event")',
        'st.column_config.NumberColumn("Cost (USD m)")',
        'def csv_download(frame, label="Download CSV"): ...',
        'st.multiselect(_("Actors"), actors, key="actor")',
        'st.page_link("pages/map.py", label="Map")',
        "st.markdown(f'**{count} rows**')",
        "st.write('한국어 문장')",
    ],
)
def test_a_bare_literal_is_caught(source):
    assert unmarked_strings(source), source


@pytest.mark.parametrize(
    "source",
    [
        'st.title(_("Trade"))',
        'st.sidebar.button(_("Go"), key="go_button", icon=":material/play_arrow:")',
        "st.markdown(f\"**{_('Sources')}**\")",
        'st.error(_("{file} cannot be used").format(file=name), icon=":material/error:")',
        'st.subheader(ngettext("{n} row", "{n} rows", n).format(n=n))',
        'st.page_link("pages/map.py", label=_("Map"), icon=":material/map:")',
        'st.caption(f"{a} · {b}")',
        'st.metric(label, value, delta="+3%")',
        'st.column_config.TextColumn("")',
        'st.download_button(_("Save"), data=b, file_name="nea-trade.csv", mime="text/csv")',
        "def csv_download(frame, label=None): ...",
        'st.selectbox(_("Table"), names, placeholder=_("Choose a table"))',
        "container.selectbox(label, options, **widget_options)",
        "st.markdown(text, unsafe_allow_html=False)",
    ],
)
def test_marked_text_and_text_without_words_pass(source):
    assert not unmarked_strings(source), source


def test_chart_traces_axes_and_hovers_are_checked():
    chart = (
        'trace = {"type": "scatter", "name": "Balance owed", "hovertemplate": "%{y}<extra></extra>"}\n'
        'layout = {"yaxis": {"title": {"text": "USD million"}}}\n'
        'go.Bar(x=x, name=_("Total"), hovertemplate="Share: %{customdata}")\n'
        'record = {"hover_text": f"{place}\\nOn: {routes}"}\n'
        'deck = {"tooltip": {"text": "{hover_text}"}}\n'
    )
    assert sorted(text for _line, text in unmarked_strings(chart, chart_module=True)) == sorted(
        ["Balance owed", "USD million", "Share: %{customdata}", "f'{place}\\nOn: {routes}'"]
    )
    assert not unmarked_strings('pd.Index(years, name="year")', chart_module=True)
