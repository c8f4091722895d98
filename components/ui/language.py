"""The reader's language for this run: from the link (``?lang=ko``), else the choice made earlier in this
session, else the browser's language, else English. Set once per run, before anything is worded, by
``app.py`` (so the navigation's titles follow it) and again by each page (a page run on its own)."""

import streamlit as st

from components.i18n import LANGUAGES, _, language, set_language
from components.ui import links

LANGUAGE_PARAM = "lang"
_CHOSEN = "_chosen_language"
_SWITCH = "language_switch"

# Sets the page's <html lang> so screen readers pronounce the page in its language. The code comes from
# LANGUAGES (our own list), never from the link as typed.
_html_lang = st.components.v2.component(
    "nea_html_lang",
    js="export default function ({ data }) { if (data && data.lang) document.documentElement.lang = data.lang; }",
    isolate_styles=False,
)


def browser_language() -> str | None:
    """The first of our languages the browser asks for (``ko-KR`` → ``ko``), else ``None``."""
    locale = getattr(st.context, "locale", None) or ""
    code = locale.replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None


def apply_language() -> str:
    """Set this run's language and return its code. A valid ``?lang=`` wins and is remembered for the
    session; without one the session's earlier choice is written back to the link, so a copied link
    keeps the language. A bad ``?lang=`` is reported by ``links.check_query_params``."""
    from_link = links.linked_choice(LANGUAGE_PARAM, LANGUAGES, None)
    if from_link:
        st.session_state[_CHOSEN] = from_link
    elif st.session_state.get(_CHOSEN) and not links.in_link(LANGUAGE_PARAM):
        links.set_link_param(LANGUAGE_PARAM, st.session_state[_CHOSEN])
    code = set_language(from_link or st.session_state.get(_CHOSEN) or browser_language() or "en")
    return code


def _switched() -> None:
    chosen = st.session_state[_SWITCH]
    st.session_state[_CHOSEN] = chosen
    links.set_link_param(LANGUAGE_PARAM, chosen)


def language_switcher() -> None:
    """The sidebar's language choice (each language named in itself), and the page's ``<html lang>``."""
    current = language()
    st.session_state[_SWITCH] = current
    st.sidebar.selectbox(
        # The label names itself in all four languages: a reader who cannot read the page finds it.
        "Language · 언어 · Язык · 言語",
        list(LANGUAGES),
        format_func=LANGUAGES.get,
        key=_SWITCH,
        on_change=_switched,
        placeholder="Language · 언어 · Язык · 言語",
        help=_("The dashboard's language. Links and citations keep it (?lang=)."),
    )
    with st.sidebar:
        _html_lang(data={"lang": current}, key="nea_html_lang", height=0)
