"""The languages of the dashboard: the translation function every layer uses (``translate``), the
catalogs it reads, and locale formatting (``numbers``). The lowest layer: it imports nothing of ours and
no Streamlit, so analysis and chart code can word things in the reader's language.

Strings are marked with ``_("…")`` where they are used, or ``N_("…")`` where they are defined before the
language is known (module constants), and translated with ``_(CONSTANT)`` where they are shown.
"""

from components.i18n.translate import LANGUAGES, N_, _, language, ngettext, set_language, using

__all__ = ["LANGUAGES", "N_", "_", "language", "ngettext", "set_language", "using"]
