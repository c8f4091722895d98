"""Downloads: formula-safe CSV, the whole data package and a filtered one; every file name carries the
data version."""

from pathlib import Path

import pandas as pd
import streamlit as st

from components.analysis import citation
from components.data import data_version, datapackage, export, loader, schema
from components.i18n import _
from components.ui.links import current_page_path
from components.ui.loading import cached_load, current_content_hash, current_data_version, data_dir_key
from components.ui.markdown import escape_markdown


def stamped(file_name: str) -> str:
    """``file_name`` with the data's content hash before the extension: every export names its data."""
    return data_version.stamped_file_name(file_name, current_content_hash())


def csv_download(frame: pd.DataFrame, file_name: str, label: str | None = None, key: str | None = None) -> None:
    """A download button for exactly ``frame``, formula-neutralised, that does not rerun the page; the
    file name carries the data version (``nea-trade-series-3f9a1c2b7d.csv``). The CSV is made only when
    clicked, so a rerun does not pay for it. ``label`` (translated by the caller) defaults to "Download
    CSV". The file keeps the data's own column names and codes in every language."""
    st.download_button(
        label or _("Download CSV"),
        data=lambda: export.to_csv_bytes(frame),
        file_name=stamped(file_name),
        mime="text/csv",
        key=key,
        on_click="ignore",
        # No help tooltip: Streamlit then draws the button twice (one hidden copy), which tests and
        # assistive tools both see.
        icon=":material/download:",
    )


def datapackage_download(key: str = "datapackage") -> None:
    """A button for the whole curated data as a Frictionless Data Package (zip), built when clicked; when
    a table is broken, a note naming it instead (the package needs every table)."""
    folder, content_hash = data_dir_key(), current_content_hash()
    tables, broken = {}, []
    for name in schema.TABLE_NAMES:
        try:
            tables[name] = cached_load(name, folder, content_hash)
        except loader.DataError as error:
            broken.append(error.file_name)
    if broken:
        st.caption(
            _("The data package needs every table; {tables} cannot be used now.").format(
                tables=escape_markdown(", ".join(broken))
            ),
        )
        return
    version = current_data_version()
    data_page_url = citation.permalink(
        [], browser_url=st.context.url, headers=st.context.headers.to_dict(), page_path=current_page_path()
    )
    home = data_page_url if data_page_url.startswith(("http://", "https://")) else None
    st.download_button(
        _("Download all the data (Frictionless Data Package, zip)"),
        data=lambda: datapackage.package_zip(tables, version, Path(folder), home),
        file_name=datapackage.package_file_name(version),
        mime="application/zip",
        key=key,
        on_click="ignore",
        icon=":material/folder_zip:",
        help=_(
            "Every curated table as CSV, datapackage.json with each table's schema, keys, licences, sources "
            "and the data version, and the curation notes."
        ),
    )


def filtered_package_download(
    table_name: str,
    frame: pd.DataFrame,
    total_rows: int,
    applied_filters: dict[str, str],
    view_citation: citation.ViewCitation,
    key: str = "filtered_package",
) -> None:
    """A button for exactly ``frame`` as a small data package: the CSV plus a descriptor of its columns,
    the filters applied, the data version and the view's citation."""
    csv_name = stamped(f"nea-{table_name}-filtered.csv")
    citation_text = citation.plain_text(view_citation)
    version = view_citation.data_version
    st.download_button(
        _("Download these rows as a data package (zip)"),
        data=lambda: datapackage.filtered_package_zip(
            table_name, frame, total_rows, applied_filters, version, citation_text, csv_name
        ),
        file_name=csv_name.removesuffix(".csv") + ".zip",
        mime="application/zip",
        key=key,
        on_click="ignore",
        icon=":material/folder_zip:",
        help=_("The CSV and a datapackage.json describing its columns and the filters applied."),
    )
