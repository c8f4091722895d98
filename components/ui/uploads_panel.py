"""The upload on the page: the uploader with its format examples and "remove my file", the file's table,
and "What is traded". The file lives in this browser session's ``st.session_state`` only: it is read
from the upload's bytes in memory and never written to disk or ``data/``.
"""

import streamlit as st

from components.analysis import commodities, formats, uploads
from components.analysis.upload_errors import UploadError
from components.analysis.uploads import Upload
from components.charts import commodities_chart
from components.data import paths
from components.ui import chart_view, downloads, markdown, table_view
from components.ui.embed import is_embedded

STATE_KEY = "your_upload"
PROBLEMS_KEY = "your_upload_problems"
SEEN_KEY = "your_upload_seen"
ROUND_KEY = "your_upload_round"
SAMPLES = {
    "Project trade CSV": "format-example-trade-schema.csv",
    "UN Comtrade Plus CSV": "format-example-comtrade-plus.csv",
    "Legacy UN Comtrade CSV": "format-example-comtrade-legacy.csv",
    "Excel .xlsx (Comtrade Plus layout)": "format-example-comtrade-plus.xlsx",
}


def current() -> Upload | None:
    """This session's uploaded file, read, or ``None``."""
    return st.session_state.get(STATE_KEY)


def _store(name: str, raw: bytes) -> None:
    """Read a file into the session; on a problem keep any earlier file and remember the messages."""
    try:
        upload = uploads.read_upload(name, raw)
    except UploadError as error:
        st.session_state[PROBLEMS_KEY] = (name, error.problems)
        return
    st.session_state[STATE_KEY] = upload
    st.session_state.pop(PROBLEMS_KEY, None)


def _remove() -> None:
    for key in (STATE_KEY, PROBLEMS_KEY, SEEN_KEY):
        st.session_state.pop(key, None)
    # A new widget key empties the uploader too.
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1


def _try_example(key: str) -> None:
    file_name = SAMPLES[st.session_state[f"{key}_example"]]
    _store(file_name, (paths.SAMPLES_DIR / file_name).read_bytes())
    # The uploader would still name an earlier file; empty it so it does not contradict what is shown.
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
    st.session_state.pop(SEEN_KEY, None)


def uploader(key: str) -> Upload | None:
    """The uploader, format examples, the file's state and "Remove my file"; returns the session's file."""
    file = st.file_uploader(
        f"Your trade table or UN Comtrade export: CSV or .xlsx, up to {paths.MAX_UPLOAD_MB} MB",
        key=f"{key}_file_{st.session_state.get(ROUND_KEY, 0)}",
        help="Accepted: the project's trade CSV, a UN Comtrade Plus CSV export, a legacy Comtrade export, or an "
        ".xlsx with one of these on its first sheet. The file stays in this browser session only.",
    )
    if file is not None and file.file_id != st.session_state.get(SEEN_KEY):
        st.session_state[SEEN_KEY] = file.file_id
        _store(file.name, file.getvalue())
    st.selectbox("Format example (built from curated rows)", list(SAMPLES), key=f"{key}_example")
    st.button("Try the example", key=f"{key}_try", on_click=_try_example, args=(key,), icon=":material/science:")
    problems = st.session_state.get(PROBLEMS_KEY)
    if problems:
        name, lines = problems
        words = "\n".join(f"- {markdown.escape_markdown(line)}" for line in lines)
        st.error(f"**{markdown.escape_markdown(name)} was not loaded:**\n\n{words}", icon=":material/error:")
    upload = current()
    if upload is None:
        st.caption("No file loaded: the charts show the curated data only.")
        return None
    st.success(
        markdown.escape_markdown(
            f"Showing your file: {upload.name} ({upload.file_format}; {upload.rows_read} rows read, "
            f"{len(upload.trade)} annual trade figures, {len(upload.chapters)} HS-chapter figures)."
        ),
        icon=":material/check_circle:",
    )
    if upload.name in SAMPLES.values():
        st.caption("This is a format example built from curated rows: it shows a file layout and adds no new figures.")
    for note in upload.notes:
        st.caption(markdown.escape_markdown(note))
    st.button("Remove my file", key=f"{key}_remove", on_click=_remove, icon=":material/delete:")
    return upload


def sidebar_uploader(key: str = "trade") -> Upload | None:
    """The uploader in the sidebar, in an expander open while a file is loaded or refused. An embedded view
    has no sidebar: it shows the session's file, if any, without the uploader."""
    if is_embedded():
        return current()
    with st.sidebar:
        opened = current() is not None or PROBLEMS_KEY in st.session_state
        with st.expander("Your own data", expanded=opened, icon=":material/upload_file:"):
            upload = uploader(key)
            if upload is not None:
                st.caption(
                    "The Trade chart shows the file's Russia–DPRK rows (rows the DPRK reports about Russia turned "
                    "round) as their own series; the Data page lists every row."
                )
    return upload


def what_is_traded(upload: Upload | None, key: str) -> None:
    """Top HS chapters by year of the file's chapter rows, checked against its TOTAL rows, with a table
    and a CSV; nothing when the file has no chapter rows."""
    if upload is None or upload.chapters.empty:
        return
    st.subheader("What is traded: your file's HS chapters")
    claim = commodities.claim_sentence(commodities.claim_shares(upload.chapters))
    if claim:
        st.info(markdown.escape_markdown(claim), icon=":material/fact_check:")
    choices = commodities.flow_choices(upload.chapters)
    reporter, partner, flow = st.selectbox(
        "Flow", choices, format_func=lambda c: f"{c[0]}→{c[1]} {c[2]}s", key=f"{key}_chapters_flow"
    )
    table = commodities.top_chapters(upload.chapters, reporter, partner, flow)
    latest = table[table["year"] == table["year"].max()].sort_values("value_usd_m", ascending=False)
    lead = latest.iloc[0]
    st.markdown(
        markdown.escape_markdown(
            f"In {lead['year']}, {lead['name']} made up {lead['share_pct']:.0f}% of {reporter}→{partner} {flow}s "
            f"({formats.money(lead['value_usd_m'], billions=False)} of "
            f"{formats.money(latest['value_usd_m'].sum(), billions=False)}) in your file."
        )
    )
    figure = commodities_chart.chapters_figure(
        table,
        title=f"{reporter}→{partner} {flow}s by HS chapter, USD million (your file)",
        source_note=f"Source: {upload.label}. Chapter names: WCO HS Nomenclature 2022.",
    )
    chart_view.plotly_chart(
        figure,
        key=f"{key}_chapters_chart",
        file_stem="nea-what-is-traded",
        alt=f"Stacked bars of {reporter}→{partner} {flow}s by HS chapter and year from your file, "
        f"the top {commodities.TOP_CHAPTERS} chapters and the rest grouped.",
    )
    check = commodities.totals_check(upload.chapters, upload.trade)
    differing = check[check["check"] != "agrees"]
    if differing.empty:
        st.caption("The chapters add up to the file's TOTAL in every year and flow.")
    else:
        st.warning(
            f"The chapters do not add up to the file's TOTAL in {len(differing)} year(s) and flow(s): see below.",
            icon=":material/warning:",
        )
        table_view.show_table(differing, human_labels=False, width="stretch")
    table_view.show_table(table, human_labels=False, width="stretch")
    downloads.csv_download(
        table.assign(source=upload.label), "nea-what-is-traded.csv", label="Download chapters as CSV", key=f"{key}_ch"
    )


def data_page_section() -> None:
    """The Data page's "Your file" part: the uploader, the file's rows as a table with a CSV, and its chapters."""
    upload = uploader("data")
    if upload is None:
        return
    st.markdown(f"**{markdown.escape_markdown(upload.label)}: {len(upload.trade)} annual trade rows**")
    table_view.show_table(upload.trade, human_labels=False, width="stretch")
    downloads.csv_download(
        upload.trade, "nea-your-file-trade.csv", label="Download your file's rows as CSV", key="upload_csv"
    )
    what_is_traded(upload, "data")
