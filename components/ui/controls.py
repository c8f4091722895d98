"""Controls that pages share: filter widgets bound to the URL, and the container for a page's controls."""

import streamlit as st

from components.i18n import _
from components.ui.embed import is_embedded
from components.ui.links import Validator, choice_param, date_param, slider_param


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
    # Streamlit's own placeholder ("Choose options") is English; an emptied filter keeps no row.
    empty = _("None chosen: no row matches")
    for position, spec in enumerate(specs):
        key = _filter_key(key_prefix, spec.column)
        with grid[position % columns]:
            if spec.kind == "category":
                selections[spec.column] = st.multiselect(
                    spec.column, spec.options, default=list(spec.options), key=key, bind="query-params",
                    placeholder=empty, help=_("Rows whose {column} is one of these").format(column=spec.column),
                )  # fmt: skip
            elif spec.kind == "flag":
                chosen = st.multiselect(
                    spec.column, ["true", "false"], default=["true", "false"], key=key, bind="query-params",
                    placeholder=empty, help=_("Rows whose {column} is true or false").format(column=spec.column),
                )  # fmt: skip
                selections[spec.column] = [word == "true" for word in chosen]
            elif spec.kind == "number":
                low, high = _slider_bounds(spec)
                selections[spec.column] = st.slider(
                    spec.column, low, high, (low, high), key=key, bind="query-params",
                    help=_("Rows whose {column} lies in this range").format(column=spec.column),
                )  # fmt: skip
            else:
                low, high = spec.low.date(), spec.high.date()
                selections[spec.column] = st.slider(
                    spec.column, low, high, (low, high), key=key, bind="query-params", format="YYYY-MM-DD",
                    help=_("Rows whose {column} lies in this range").format(column=spec.column),
                )  # fmt: skip
    return selections


def view_controls(label: str | None = None, border: bool = False, folded: bool = False):
    """The container for a page's controls and secondary panels: in place normally; embedded, or with
    ``folded``, in a closed expander (``label``, translated by the caller; default "Change this view") so
    the chart comes first. ``folded`` is for a page whose controls would otherwise fill the first screen of
    a half-screen window (about 900 px wide) and push its chart below it."""
    if folded or is_embedded():
        return st.expander(label or _("Change this view"), icon=":material/tune:")
    return st.container(border=border)
