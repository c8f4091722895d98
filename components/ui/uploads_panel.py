"""The upload on the page: the uploader with its format examples and "remove my file", the file's table,
and "What is traded". The file lives in this browser session's ``st.session_state`` only: it is read
from the upload's bytes in memory and never written to disk or ``data/``.
"""

import streamlit as st

from components.analysis import commodities, formats, uploads
from components.analysis.upload_budget import (
    RELEASED,
    OverBudget,
    ReadQueue,
    UploadBudget,
    charge,
    give_back_freed_memory,
)
from components.analysis.upload_errors import UploadError
from components.analysis.uploads import Upload
from components.charts import commodities_chart
from components.data import paths
from components.data.vocabularies import vocabulary_label
from components.i18n import N_, _, ngettext
from components.ui import chart_view, downloads, markdown, table_view
from components.ui.embed import is_embedded

STATE_KEY = "your_upload"
PROBLEMS_KEY = "your_upload_problems"
SEEN_KEY = "your_upload_seen"
ROUND_KEY = "your_upload_round"
RELEASED_KEY = "your_upload_released"
RELEASED_WORDS = N_("Your file was released to free memory; upload it again.")
# Keys are the widget's values (and the tests'); shown through _().
SAMPLES = {
    N_("Project trade CSV"): "format-example-trade-schema.csv",
    N_("UN Comtrade Plus CSV"): "format-example-comtrade-plus.csv",
    N_("Legacy UN Comtrade CSV"): "format-example-comtrade-legacy.csv",
    N_("Excel .xlsx (Comtrade Plus layout)"): "format-example-comtrade-plus.xlsx",
}
# Every session's read file, against the replica's budget (one per process: every session shares it).
BUDGET = UploadBudget(paths.upload_budget_mb() * 1024 * 1024)
# Files are read one at a time per replica, in the order they came, so parsing's transient peak is paid
# once, not once per session; a file this small peaks at a few MB and is read at once (format examples).
READS = ReadQueue()
QUEUE_FROM_BYTES = 1024 * 1024


def current() -> Upload | None:
    """This session's uploaded file, read, or ``None``; a file released to free memory is forgotten here
    and the uploader says so."""
    ticket = st.session_state.get(STATE_KEY)
    if ticket is None:
        return None
    upload = BUDGET.fetch(ticket)
    if upload is RELEASED or upload is None:
        st.session_state.pop(STATE_KEY, None)
        if upload is RELEASED:
            st.session_state[RELEASED_KEY] = ticket.name
            st.toast(_(RELEASED_WORDS), icon=":material/memory:")
        return None
    return upload


def _store(name: str, raw: bytes, waiting=None) -> None:
    """Read a file into the session; on a problem keep any earlier file and remember the messages.
    ``waiting`` (an ``st.empty``) says how many files are ahead while this one waits its turn."""
    try:
        upload = _read(name, raw, waiting)
        ticket = BUDGET.admit(name, upload, charge(upload))
    except UploadError as error:
        st.session_state[PROBLEMS_KEY] = (name, error.problems)
        return
    except OverBudget:
        words = _("The server's memory for uploaded files is taken by files in use right now; try again in a minute.")
        st.session_state[PROBLEMS_KEY] = (name, [words])
        return
    _forget_file()
    st.session_state[STATE_KEY] = ticket
    st.session_state.pop(PROBLEMS_KEY, None)
    st.session_state.pop(RELEASED_KEY, None)


def _read(name: str, raw: bytes, waiting) -> Upload:
    if len(raw) < QUEUE_FROM_BYTES:
        return uploads.read_upload(name, raw)

    def say_ahead(ahead: int) -> None:
        if waiting is not None:
            waiting.caption(
                ngettext(
                    "Your file waits its turn: {n} file is being read before it.",
                    "Your file waits its turn: {n} files are being read before it.",
                    ahead,
                ).format(n=formats.number(ahead))
            )

    with READS.turn(say_ahead):
        if waiting is not None:
            waiting.empty()
        return uploads.read_upload(name, raw)


def _forget_file() -> None:
    ticket = st.session_state.pop(STATE_KEY, None)
    if ticket is not None:
        BUDGET.forget(ticket.key)


def _drop_uploaded_bytes(file) -> None:
    """Once read, the file's bytes are let go: Streamlit's upload store would otherwise keep them for the
    session's life (the read form is what the budget counts). Only its in-memory store can drop one file
    (Streamlit's own chat and audio inputs do the same)."""
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is not None and isinstance(ctx.uploaded_file_mgr, MemoryUploadedFileManager):
        ctx.uploaded_file_mgr.remove_file(session_id=ctx.session_id, file_id=file.file_id)
    # The widget's value (kept in session state until the uploader next changes) holds the bytes too.
    file.close()


def _remove() -> None:
    _forget_file()
    for key in (PROBLEMS_KEY, SEEN_KEY, RELEASED_KEY):
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
        _("Your trade table or UN Comtrade export: CSV or .xlsx, up to {mb} MB").format(mb=paths.MAX_UPLOAD_MB),
        key=f"{key}_file_{st.session_state.get(ROUND_KEY, 0)}",
        help=_(
            "Accepted: the project's trade CSV, a UN Comtrade Plus CSV export, a legacy Comtrade export, or an "
            ".xlsx with one of these on its first sheet, up to {rows} rows and {columns} columns. The file stays "
            "in this browser session only."
        ).format(rows=formats.number(paths.MAX_UPLOAD_ROWS), columns=formats.number(paths.MAX_UPLOAD_COLUMNS)),
    )
    if file is not None and file.file_id != st.session_state.get(SEEN_KEY):
        with st.spinner(_("Reading your file…")):
            # A place for "N files ahead" only where the file may wait its turn.
            _store(file.name, file.getvalue(), st.empty() if file.size >= QUEUE_FROM_BYTES else None)
        # Marked as read only now: a run stopped before this point (the analyst moved on while the file
        # waited its turn) leaves it to the next run, which still finds its bytes.
        st.session_state[SEEN_KEY] = file.file_id
        _drop_uploaded_bytes(file)
        # What the read freed (and any file released to make room) goes back to the system now, not
        # whenever the allocators next trim: the budget counts what is held, RSS is what is not returned.
        give_back_freed_memory()
    st.selectbox(
        _("Format example (built from curated rows)"),
        list(SAMPLES),
        format_func=_,
        key=f"{key}_example",
        placeholder=_("Choose an example"),
    )
    st.button(_("Try the example"), key=f"{key}_try", on_click=_try_example, args=(key,), icon=":material/science:")
    upload = current()
    _problems_and_notices()
    if upload is None:
        st.caption(_("No file loaded: the charts show the curated data only."))
        return None
    st.success(
        markdown.escape_markdown(
            _(
                "Showing your file: {name} ({file_format}; {rows} rows read, {trade} annual trade figures, "
                "{chapters} HS-chapter figures)."
            ).format(
                name=upload.name,
                file_format=_(upload.file_format),
                rows=formats.number(upload.rows_read),
                trade=formats.number(len(upload.trade)),
                chapters=formats.number(len(upload.chapters)),
            )
        ),
        icon=":material/check_circle:",
    )
    if upload.name in SAMPLES.values():
        st.caption(
            _("This is a format example built from curated rows: it shows a file layout and adds no new figures.")
        )
    for note in upload.notes:
        st.caption(markdown.escape_markdown(note))
    st.button(_("Remove my file"), key=f"{key}_remove", on_click=_remove, icon=":material/delete:")
    return upload


def _problems_and_notices() -> None:
    problems = st.session_state.get(PROBLEMS_KEY)
    if problems:
        name, lines = problems
        words = "\n".join(f"- {markdown.escape_markdown(line)}" for line in lines)
        heading = _("{name} was not loaded:").format(name=markdown.escape_markdown(name))
        st.error(f"**{heading}**\n\n{words}", icon=":material/error:")
    if RELEASED_KEY in st.session_state:
        st.warning(_(RELEASED_WORDS), icon=":material/memory:")


def sidebar_uploader(key: str = "trade") -> Upload | None:
    """The uploader in the sidebar, in an expander open while a file is loaded or refused. An embedded view
    has no sidebar: it shows the session's file, if any, without the uploader."""
    if is_embedded():
        return current()
    with st.sidebar:
        opened = current() is not None or PROBLEMS_KEY in st.session_state or RELEASED_KEY in st.session_state
        with st.expander(_("Your own data"), expanded=opened, icon=":material/upload_file:"):
            upload = uploader(key)
            if upload is not None:
                st.caption(
                    _(
                        "The Trade chart shows the file's Russia–DPRK rows (rows the DPRK reports about Russia "
                        "turned round) as their own series; the Data page lists every row."
                    )
                )
    return upload


def what_is_traded(upload: Upload | None, key: str) -> None:
    """Top HS chapters by year of the file's chapter rows, checked against its TOTAL rows, with a table
    and a CSV; nothing when the file has no chapter rows."""
    if upload is None or upload.chapters.empty:
        return
    st.subheader(_("What is traded: your file's HS chapters"))
    claim = commodities.claim_sentence(commodities.claim_shares(upload.chapters))
    if claim:
        st.info(markdown.escape_markdown(claim), icon=":material/fact_check:")
    choices = commodities.flow_choices(upload.chapters)
    reporter, partner, flow = st.selectbox(
        _("Flow"),
        choices,
        format_func=lambda c: _("{reporter}→{partner}: {flow}").format(
            reporter=c[0], partner=c[1], flow=vocabulary_label(c[2])
        ),
        key=f"{key}_chapters_flow",
        placeholder=_("Choose a flow"),
    )
    table = commodities.top_chapters(upload.chapters, reporter, partner, flow)
    latest = table[table["year"] == table["year"].max()].sort_values("value_usd_m", ascending=False)
    lead = latest.iloc[0]
    pair = _("{reporter}→{partner}: {flow}").format(reporter=reporter, partner=partner, flow=vocabulary_label(flow))
    st.markdown(
        markdown.escape_markdown(
            _("In {year}, {name} made up {share} of {pair} ({value} of {total}) in your file.").format(
                year=lead["year"],
                name=lead["name"],
                share=formats.percent(lead["share_pct"], 0),
                pair=pair,
                value=formats.money(lead["value_usd_m"], billions=False),
                total=formats.money(latest["value_usd_m"].sum(), billions=False),
            )
        )
    )
    _chapters_chart(table, upload, pair, key)
    _totals_check(upload)
    table_view.show_table(table, human_labels=False, width="stretch")
    downloads.csv_download(
        table.assign(source=upload.label),
        "nea-what-is-traded.csv",
        label=_("Download chapters as CSV"),
        key=f"{key}_ch",
    )


def _chapters_chart(table, upload: Upload, pair: str, key: str) -> None:
    figure = commodities_chart.chapters_figure(
        table,
        title=_("{pair} by HS chapter, USD million (your file)").format(pair=pair),
        source_note=_("Source: {label}. Chapter names: WCO HS Nomenclature 2022.").format(label=upload.label),
    )
    chart_view.plotly_chart(
        figure,
        key=f"{key}_chapters_chart",
        file_stem="nea-what-is-traded",
        alt=_(
            "Stacked bars of {pair} by HS chapter and year from your file, the top {top} chapters and the rest grouped."
        ).format(pair=pair, top=commodities.TOP_CHAPTERS),
    )


def _totals_check(upload: Upload) -> None:
    check = commodities.totals_check(upload.chapters, upload.trade)
    differing = check[check["check"] != "agrees"]
    if differing.empty:
        st.caption(_("The chapters add up to the file's TOTAL in every year and flow."))
        return
    st.warning(
        _("The chapters do not add up to the file's TOTAL in {n} year(s) and flow(s): see below.").format(
            n=len(differing)
        ),
        icon=":material/warning:",
    )
    table_view.show_table(differing, human_labels=False, width="stretch")


def data_page_section() -> None:
    """The Data page's "Your file" part: the uploader, the file's rows as a table with a CSV, and its chapters."""
    upload = uploader("data")
    if upload is None:
        return
    heading = _("{label}: {n} annual trade rows").format(label=upload.label, n=formats.number(len(upload.trade)))
    st.markdown(f"**{markdown.escape_markdown(heading)}**")
    table_view.show_table(upload.trade, human_labels=False, width="stretch")
    downloads.csv_download(
        upload.trade, "nea-your-file-trade.csv", label=_("Download your file's rows as CSV"), key="upload_csv"
    )
    what_is_traded(upload, "data")
