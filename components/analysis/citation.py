"""A citation for the view on screen: plain text, BibTeX and Citation File Format (CFF).

Each carries the page title and the view in words, the permalink (the page's URL with its query
parameters, as the reader's browser or the proxy in front of the app sees it), the access date, the
data version and the primary sources of what is shown. Plain Python: the page layer gathers the URL,
headers and query parameters from Streamlit and passes them in.
"""

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlsplit

import pandas as pd

from components.analysis.sources import agency_of
from components.data.data_version import DataVersion
from components.i18n import _, ngettext, using

PUBLISHER = "NEA Cooperation Dashboard"
PRIMARY_SOURCE_LIMIT = 6
# A chart's source line is drawn into the figure, so it names fewer agencies than the footer.
CHART_SOURCE_LIMIT = 3
# Parameters that only change how the page is framed, never what it shows.
EMBED_PARAMETERS = ("embed", "embed_options")

_HOST = re.compile(r"^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")
_PATH = re.compile(r"^[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$")
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}


@dataclass(frozen=True)
class CitedSource:
    """One source of what is on screen, as sources.csv describes it."""

    source_id: str
    title: str
    publisher: str
    published: date | None
    url: str | None
    agency: str


@dataclass(frozen=True)
class ViewCitation:
    """Everything a citation of one view states."""

    page_title: str
    view_words: str
    permalink: str
    accessed: date
    data_version: DataVersion
    sources: tuple[CitedSource, ...]
    primary_agencies: tuple[str, ...]


# ---- Permalink -------------------------------------------------------------------------------


def _first_header(headers: Mapping[str, str], name: str) -> str:
    """The first value of a header that proxies may send as a comma-separated chain."""
    for key, value in headers.items():
        if key.lower() == name.lower():
            return str(value).split(",")[0].strip()
    return ""


def _clean_path(*parts: str) -> str:
    """``/a/b`` from path pieces such as ``"/a/"`` and ``"b"``; pieces that are not plain paths are dropped."""
    pieces = []
    for part in parts:
        if part and _PATH.match(part):
            pieces += [piece for piece in part.split("/") if piece and piece not in (".", "..")]
    return "/" + "/".join(pieces) if pieces else ""


def origin_from_headers(headers: Mapping[str, str]) -> str | None:
    """``scheme://host[:port]`` as the reader's browser addressed the app, from the request headers.

    A proxy in front of the app says so in ``X-Forwarded-Proto`` and ``X-Forwarded-Host``; without
    them the browser's ``Origin`` (sent with the app's websocket) and then ``Host`` are used.
    ``None`` when no usable host is sent.
    """
    origin = urlsplit(_first_header(headers, "Origin"))
    origin_host = origin.netloc if origin.scheme in ("http", "https") else ""
    candidates = (_first_header(headers, "X-Forwarded-Host"), origin_host, _first_header(headers, "Host"))
    host = next((candidate for candidate in candidates if candidate and _HOST.match(candidate)), None)
    if host is None:
        return None
    scheme = _first_header(headers, "X-Forwarded-Proto").lower()
    if scheme not in ("http", "https"):
        scheme = origin.scheme if origin_host == host and origin.scheme in ("http", "https") else "http"
    return f"{scheme}://{host}"


def query_string(query_params: Iterable[tuple[str, str]]) -> str:
    """``?key=value&…`` of the view's parameters, percent-encoded, without embed settings; empty when none."""
    pairs = [(key, value) for key, value in query_params if key not in EMBED_PARAMETERS]
    if not pairs:
        return ""
    return "?" + "&".join(f"{quote(str(key), safe='')}={quote(str(value), safe='')}" for key, value in pairs)


def permalink(
    query_params: Iterable[tuple[str, str]],
    *,
    browser_url: str | None = None,
    headers: Mapping[str, str] | None = None,
    base_path: str = "",
    page_path: str = "",
) -> str:
    """The URL that reopens this view: the page's address plus its query parameters.

    ``browser_url`` is the page's address as the reader's browser shows it (Streamlit's
    ``st.context.url``: scheme, host, any proxy prefix and the page, no query). When the browser did
    not send it, the address is rebuilt from the request ``headers`` (``X-Forwarded-Proto/Host/Prefix``
    from a proxy, else ``Origin`` or ``Host``), the server's ``base_path`` and the ``page_path``. With
    no usable host either, the link is the path alone.
    """
    query = query_string(query_params)
    if browser_url:
        parts = urlsplit(browser_url)
        if parts.scheme in ("http", "https") and parts.netloc and _HOST.match(parts.netloc):
            return f"{parts.scheme}://{parts.netloc}{_clean_path(parts.path) or '/'}{query}"
    headers = headers or {}
    prefix = _first_header(headers, "X-Forwarded-Prefix")
    base = _clean_path(base_path)
    # A proxy that strips its prefix says so in X-Forwarded-Prefix; one that keeps it matches baseUrlPath.
    root = _clean_path(prefix) if prefix and _clean_path(prefix).endswith(base) else _clean_path(prefix, base)
    path = _clean_path(root, page_path) or "/"
    origin = origin_from_headers(headers) or ""
    return f"{origin}{path}{query}"


# ---- Sources ---------------------------------------------------------------------------------


def cited_sources(source_ids: Iterable, sources: pd.DataFrame) -> tuple[CitedSource, ...]:
    """The sources behind ``source_ids`` (repeats and unknown ids allowed), most cited first."""
    counts = Counter(source_id for source_id in source_ids if isinstance(source_id, str))
    cited_rows = sources[sources["source_id"].isin(list(counts))].drop_duplicates("source_id")
    cited = []
    for row in cited_rows.to_dict("records"):
        published, url, agency = row.get("published"), row.get("url"), row.get("agency")
        cited.append(
            CitedSource(
                source_id=row["source_id"],
                title=str(row["title"]),
                publisher=str(row["publisher"]),
                published=pd.Timestamp(published).date() if pd.notna(published) else None,
                url=url if isinstance(url, str) and url.startswith(("http://", "https://")) else None,
                agency=str(agency) if isinstance(agency, str) else "",
            )
        )
    first_seen = {source_id: position for position, source_id in enumerate(counts)}
    return tuple(sorted(cited, key=lambda source: (-counts[source.source_id], first_seen[source.source_id])))


def primary_agencies(source_ids: Iterable, sources: pd.DataFrame) -> tuple[str, ...]:
    """Whose statistics the view shows (the ``agency`` column), most cited first."""
    agencies = agency_of([source_id for source_id in source_ids if isinstance(source_id, str)], sources)
    counts = Counter(agency for agency in agencies if isinstance(agency, str))
    return tuple(agency for agency, _ in counts.most_common())


def view_citation(
    page_title: str,
    view_words: str,
    permalink_url: str,
    accessed: date,
    data_version: DataVersion,
    source_ids: Iterable,
    sources: pd.DataFrame,
) -> ViewCitation:
    """Gather one view's citation from its words, link, date, data version and the ids of its sources."""
    source_ids = list(source_ids)
    return ViewCitation(
        page_title=page_title,
        view_words=view_words,
        permalink=permalink_url,
        accessed=accessed,
        data_version=data_version,
        sources=cited_sources(source_ids, sources),
        primary_agencies=primary_agencies(source_ids, sources),
    )


def sources_words(source_count: int, agencies: Sequence[str], limit: int = PRIMARY_SOURCE_LIMIT) -> str:
    """The one wording of whose statistics a view shows: ``5 sources; figures from TASS; KOTRA and 3 more``
    (the first ``limit`` agencies named, most cited first, the rest counted), or ``none`` without a source.
    Plain text: the footer escapes it for Markdown, a chart for its HTML subset."""
    if not source_count:
        return _("none")
    shown = "; ".join(agencies[:limit]) or _("no named agency")
    more = len(agencies) - limit
    whose = _("{agencies} and {n} more").format(agencies=shown, n=more) if more > 0 else shown
    return ngettext("{n} source; figures from {whose}", "{n} sources; figures from {whose}", source_count).format(
        n=source_count, whose=whose
    )


def sources_line(source_ids: Iterable, sources: pd.DataFrame, limit: int = CHART_SOURCE_LIMIT) -> str:
    """``Sources: `` and ``sources_words`` of the ids (repeats and unknown ids allowed): the line drawn
    under a chart, so its PNG says whose figures it shows; the footer below lists every source."""
    source_ids = list(source_ids)
    count = len(set(source_ids) & set(sources["source_id"]))
    return _("Sources: {sources}").format(sources=sources_words(count, primary_agencies(source_ids, sources), limit))


def view_sources_words(citation: ViewCitation, limit: int = PRIMARY_SOURCE_LIMIT) -> str:
    """``sources_words`` of a view's citation."""
    return sources_words(len(citation.sources), citation.primary_agencies, limit)


# ---- Formats ---------------------------------------------------------------------------------


def full_title(citation: ViewCitation) -> str:
    """``Trade: Russia–DPRK trade turnover 2000–2024, …``: the page title and the view in words."""
    return f"{citation.page_title}: {citation.view_words}" if citation.view_words else citation.page_title


def version_words(version) -> str:
    """A data version (``data.data_version.DataVersion``) as the reader's language words it:
    ``3f9a1c2b7d (facts to 2025-11-19)``. BibTeX, CFF and the data package keep ``version.label``."""
    if version.as_of is None:
        return version.content_hash
    return _("{hash} (facts to {date})").format(hash=version.content_hash, date=f"{version.as_of:%Y-%m-%d}")


def plain_text(citation: ViewCitation) -> str:
    """An author–date reference in plain text, then the count of sources listed under the view, in the
    reader's language (the publisher's name, the link and the ISO access date stay as they are)."""
    return _(
        "{publisher} ({year}). {title} [interactive view]. Data version {version}. Sources: {sources}. "
        "{link} (accessed {accessed})."
    ).format(
        publisher=PUBLISHER,
        year=citation.accessed.year,
        title=full_title(citation),
        version=version_words(citation.data_version),
        sources=view_sources_words(citation),
        link=citation.permalink,
        accessed=f"{citation.accessed:%Y-%m-%d}",
    )


def bibtex_escape(text: str) -> str:
    """``text`` safe inside a BibTeX field: LaTeX specials escaped, en and em dashes as ``--``/``---``."""
    escaped = "".join(_BIBTEX_SPECIAL.get(character, character) for character in str(text))
    return escaped.replace("—", "---").replace("–", "--")


def bibtex_url(url: str) -> str:
    """``url`` with the characters that would end or break a BibTeX field percent-encoded (``%`` stays:
    it already starts an escape, and the ``url`` field is read verbatim)."""
    return "".join(quote(character, safe="") if character in '{}\\" ' else character for character in url)


def bibtex_key(citation: ViewCitation) -> str:
    """An ASCII key from the title's first words and the access date, e.g. ``nea-russia-dprk-trade-2026-11-28``."""
    words = re.sub(r"[^a-z0-9]+", " ", citation.page_title.lower()).split()
    return f"nea-{'-'.join(words[:3]) or 'view'}-{citation.accessed:%Y-%m-%d}"


def bibtex(citation: ViewCitation) -> str:
    """A ``@misc`` entry (biblatex/natbib ``url`` and ``urldate``; classic styles print the note). Its own
    words are English in every language, as reference managers expect; the title keeps the view's words."""
    with using("en"):
        sources_words_en = view_sources_words(citation)
    note = (
        f"Interactive view. Data version {citation.data_version.label}. "
        f"Sources: {sources_words_en}. Accessed {citation.accessed:%Y-%m-%d}."
    )
    fields = [
        ("author", f"{{{bibtex_escape(PUBLISHER)}}}"),
        ("title", f"{{{bibtex_escape(full_title(citation))}}}"),
        ("year", str(citation.accessed.year)),
        ("howpublished", "Interactive dashboard view"),
        ("url", bibtex_url(citation.permalink)),
        ("urldate", f"{citation.accessed:%Y-%m-%d}"),
        ("note", bibtex_escape(note)),
    ]
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"@misc{{{bibtex_key(citation)},\n{body}\n}}"


def _yaml_scalar(value) -> str:
    # A JSON string is a valid YAML double-quoted scalar: every character that YAML could read
    # as syntax ends up inside quotes or escaped.
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def yaml_lines(value, indent: int = 0) -> list[str]:
    """Block-style YAML for nested dicts, lists and scalars (strings always double-quoted)."""
    pad = " " * indent
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{key}:")
                lines += yaml_lines(item, indent + 2)
            else:
                lines.append(f"{pad}{key}: {_yaml_scalar(item)}")
    else:
        for item in value:
            if isinstance(item, dict | list) and item:
                nested = yaml_lines(item, indent + 2)
                lines.append(f"{pad}- {nested[0].lstrip()}")
                lines += nested[1:]
            else:
                lines.append(f"{pad}- {_yaml_scalar(item)}")
    return lines


def _source_reference(source: CitedSource) -> dict:
    reference = {
        "type": "generic",
        "title": source.title,
        "authors": [{"name": source.publisher}],
        "publisher": {"name": source.publisher},
    }
    if source.published:
        reference["date-published"] = f"{source.published:%Y-%m-%d}"
    if source.url:
        reference["url"] = source.url
    reference["notes"] = f"Statistic of: {source.agency}. Source id in the data: {source.source_id}."
    return reference


def cff_document(citation: ViewCitation) -> dict:
    """The view as a Citation File Format 1.2.0 document (a dict): the view as a dataset, its
    preferred citation with the access date, and every source on screen as a reference. Its own words are
    English in every language (the title keeps the view's words)."""
    version = citation.data_version
    with using("en"):
        sources_words_en = view_sources_words(citation)
    as_of = f", facts to {version.as_of:%Y-%m-%d}" if version.as_of else ""
    document = {
        "cff-version": "1.2.0",
        "message": "If you use this view, please cite it as below.",
        "type": "dataset",
        "title": f"{PUBLISHER} — {full_title(citation)}",
        "authors": [{"name": PUBLISHER}],
        "version": version.content_hash,
        "url": citation.permalink,
        "abstract": (
            f"{full_title(citation)}. Data version {version.content_hash}{as_of}. Sources: {sources_words_en}."
        ),
        "preferred-citation": {
            "type": "data",
            "title": full_title(citation),
            "authors": [{"name": PUBLISHER}],
            "url": citation.permalink,
            "date-accessed": f"{citation.accessed:%Y-%m-%d}",
            "version": version.content_hash,
            "notes": f"Data version {version.label}. Sources: {sources_words_en}.",
        },
    }
    if citation.sources:
        document["references"] = [_source_reference(source) for source in citation.sources]
    return document


def cff(citation: ViewCitation) -> str:
    """The view as a ``CITATION.cff``-style YAML text."""
    return "\n".join(yaml_lines(cff_document(citation))) + "\n"
