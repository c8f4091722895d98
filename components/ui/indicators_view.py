"""How the projects performed, on the page: a small yearly chart of one group of series, the sentence that
states each, and the rows behind it (figure as the source words it, source, quote) with their CSV."""

import pandas as pd
import streamlit as st

from components.analysis import citation
from components.analysis import indicators as indicator_words
from components.charts import indicators_chart
from components.i18n import _, ngettext
from components.ui import chart_view, downloads, loading, markdown, table_view

# The agencies the chart's source line names before "and N more": these agencies' names are long.
SOURCE_LINE_AGENCIES = 2


def indicator_parts(
    indicators: pd.DataFrame, sources: pd.DataFrame, indicator_ids: tuple[str, ...], title: str
) -> tuple[list[str], object, str, list[str], pd.DataFrame, pd.DataFrame]:
    """What ``show_indicators`` draws from the curated tables alone: the source ids shown, the figure, its
    alt text, each series' summary, the table to read and the rows for the CSV."""
    shown_ids = indicator_words.source_ids(indicators, indicator_ids)
    source_note = citation.sources_line(shown_ids, sources, limit=SOURCE_LINE_AGENCIES)
    figure = indicators_chart.indicator_figure(indicators, indicator_ids, title=title, source_note=source_note)
    alt = indicators_chart.alt_text(indicators, indicator_ids)
    summaries = [indicator_words.summary(indicators, indicator_id) for indicator_id in indicator_ids]
    table = indicator_words.display_table(indicators, sources, indicator_ids)
    rows = indicators[indicators["indicator_id"].isin(indicator_ids)]
    return shown_ids, figure, alt, summaries, table, rows


def show_indicators(
    indicators: pd.DataFrame | None,
    sources: pd.DataFrame,
    indicator_ids: tuple[str, ...],
    *,
    title: str,
    key: str,
) -> list[str]:
    """Draw the chart of ``indicator_ids`` titled ``title``, each series' summary, and an expander with the
    rows and a CSV of them; ``key`` names the widgets and the files. Returns the source ids shown (none
    when ``indicators`` is ``None``, a broken file the loader has already reported). What is drawn is worked
    out once per data version and language (about 0.1 s of pandas a run on the Scorecard otherwise)."""
    if indicators is None:
        return []
    shown_ids, figure, alt, summaries, table, rows = loading.per_data_version(
        indicator_parts, indicators, sources, args=(tuple(indicator_ids), title)
    )
    chart_view.plotly_chart(figure, key=f"{key}_chart", file_stem=f"nea-{key}", alt=alt)
    for words in summaries:
        st.caption(markdown.escape_markdown(words))
    st.caption(
        _(
            "A year no source gives is left out: the line breaks there, never drawn as zero or estimated. An "
            "open marker is another source's figure for the same year."
        )
    )
    rows_words = ngettext(
        "The figures, their sources and quotes ({n} row)",
        "The figures, their sources and quotes ({n} rows)",
        len(table),
    )
    with st.expander(rows_words.format(n=len(table))):
        table_view.show_table(
            table,
            key=f"{key}_table",
            column_config={
                "default": st.column_config.CheckboxColumn(
                    _("Default"), help=_("The figure the chart draws where sources give the same year")
                ),
            },
        )
        downloads.csv_download(rows, f"nea-{key}.csv", label=_("Download these figures (CSV)"), key=f"{key}_csv")
    return shown_ids
