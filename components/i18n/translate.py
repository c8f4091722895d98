"""The translation function and the reader's language.

The language is a context variable: Streamlit runs each session's script in its own thread, so one
session's language never leaks into another's. ``ui.language`` sets it at the start of every run; code
outside Streamlit (tests, scripts, the data package) reads English unless it sets one with ``using``.

Catalogs are gettext ``.po`` files in ``locales/<lang>/LC_MESSAGES/messages.po``, kept with Babel
(``make i18n``). They are read with Babel once per process; nothing compiled is committed or needed.
"""

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from types import MappingProxyType

from babel.messages.pofile import read_po

# The languages offered, in the switcher's order, each named in itself.
LANGUAGES = {"en": "English", "ko": "한국어", "ru": "Русский", "ja": "日本語"}
DEFAULT_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"

_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def language() -> str:
    """The reader's language code (``en``, ``ko``, ``ru`` or ``ja``) for this run."""
    return _language.get()


def set_language(code: str) -> str:
    """Use ``code`` for the rest of this run (an unknown code means English); returns the code used."""
    code = code if code in LANGUAGES else DEFAULT_LANGUAGE
    _language.set(code)
    return code


@contextmanager
def using(code: str) -> Iterator[str]:
    """Words in ``code`` inside the ``with`` block (tests, scripts, a briefing in another language)."""
    token = _language.set(code if code in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield _language.get()
    finally:
        _language.reset(token)


def catalog_path(code: str) -> Path:
    """Where the ``.po`` catalog of ``code`` lives."""
    return LOCALES_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _catalog(code: str) -> tuple[MappingProxyType, object]:
    """``msgid`` → translation for one language, finished entries only (a fuzzy or empty one falls back
    to English rather than show a guess), and the catalog's plural rule. Read-only: every session's
    thread shares the cached mapping."""
    path = catalog_path(code)
    if code == DEFAULT_LANGUAGE or not path.exists():
        return MappingProxyType({}), lambda count: int(count != 1)
    with path.open("rb") as file:
        po = read_po(file, locale=code)
    found = {}
    for message in po:
        if not message.id or message.fuzzy or not message.string:
            continue
        if isinstance(message.id, tuple):
            if all(message.string):
                found[message.id] = tuple(message.string)
        else:
            found[message.id] = message.string
    return MappingProxyType(found), gettext.c2py(po.plural_expr)


def _(message: str) -> str:
    """``message`` in the reader's language (English when no translation exists)."""
    return _catalog(_language.get())[0].get(message, message)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it now (module constants): show it with
    ``_(CONSTANT)``."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` for ``count`` in the reader's language (Russian has three);
    fill ``{n}`` with ``.format`` yourself."""
    messages, plural_index = _catalog(_language.get())
    forms = messages.get((singular, plural))
    if forms:
        return forms[min(plural_index(abs(int(count))), len(forms) - 1)]
    return singular if count == 1 else plural
