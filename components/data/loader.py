"""Read one curated CSV, validate it against its schema and the tables it refers to.

``load`` is plain Python; the page layer wraps it in ``st.cache_data``. Every problem with a file is
raised as one ``DataError`` whose message names the file, the line, the column and what is wrong.
"""

import csv
import hashlib
import io
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from components.data import paths
from components.data.schema import MODELS, TABLE_NAMES, date_columns, foreign_keys
from components.i18n import N_, _, ngettext

MAX_LISTED_PROBLEMS = 15
UTF8_BOM = b"\xef\xbb\xbf"
# Parts of a trade total must add up to it within this share of the total: sources round each
# figure separately (e.g. the article's "$112 million" beside $103.4M + $9.3M).
PARTS_TOLERANCE_SHARE = 0.01
# Validated tables by (table, SHA-256 of the file's bytes): each table is validated once per content, not
# once per table that refers to it (sources.csv is referred to by every table), and a copy of the data
# folder (a test's, an upload's check) reuses the tables it did not change. Keyed by content, so an edit
# is always validated afresh.
_VALIDATED: OrderedDict[tuple[str, str], pd.DataFrame] = OrderedDict()
_VALIDATED_MAX_ENTRIES = 64
_VALIDATED_LOCK = threading.Lock()  # the sessions of one server run in threads


class DataError(Exception):
    """A curated data file is missing, unreadable or breaks its schema; ``str()`` says where and why."""

    def __init__(self, file_name: str, problems: list[str]):
        self.file_name = file_name
        self.problems = problems
        super().__init__("\n".join(f"{file_name}: {problem}" for problem in listed_problems(problems)))


def listed_problems(problems: Sequence[str], limit: int = MAX_LISTED_PROBLEMS) -> list[str]:
    """The first ``limit`` problems, then ``… and N more problems`` for the rest: what an error box, an
    error message or an upload's refusal lists, so a file with thousands of bad rows stays readable."""
    shown = list(problems[:limit])
    more = len(problems) - len(shown)
    if more <= 0:
        return shown
    return [*shown, ngettext("… and {n} more problem", "… and {n} more problems", more).format(n=more)]


def _line_of(index) -> str:
    """File line of a DataFrame row: the header is line 1, the first row line 2."""
    return _("line {n}").format(n=int(index) + 2)


_DTYPE_WORDS = {
    "float64": N_("a number"),
    "int64": N_("a whole number"),
    "Int64": N_("a whole number"),
    "bool": N_("true or false"),
}


def _describe_check(check: str, failure) -> str:
    """Plain words, in the reader's language, for one pandera check that a value failed."""
    value = repr(failure) if isinstance(failure, str) else str(failure)
    patterns = [
        (r"coerce_dtype\('(\w+)'\)", lambda m: _("{value} is not {kind}").format(value=value, kind=_dtype_words(m[1]))),
        (
            r"greater_than_or_equal_to\((.+)\)",
            lambda m: _("{value} is below the minimum {limit}").format(value=value, limit=m[1]),
        ),
        (r"greater_than\((.+)\)", lambda m: _("{value} must be greater than {limit}").format(value=value, limit=m[1])),
        (
            r"less_than_or_equal_to\((.+)\)",
            lambda m: _("{value} is above the maximum {limit}").format(value=value, limit=m[1]),
        ),
        (
            r"in_range\((.+), (.+)\)",
            lambda m: _("{value} is outside the range {low} to {high}").format(value=value, low=m[1], high=m[2]),
        ),
        (r"isin\((.+)\)", lambda m: _("{value} is not one of {allowed}").format(value=value, allowed=m[1])),
        (
            r"str_matches\('(.+)'\)",
            lambda m: _("{value} does not have the required form {form}").format(value=value, form=m[1]),
        ),
        (r"str_length\(", lambda m: _("{value} must not be empty").format(value=value)),
        (r"not_nullable", lambda m: _("is empty but required")),
        (
            r"field_uniqueness|multiple_fields_uniqueness",
            lambda m: _("duplicate key value {value}").format(value=value),
        ),
    ]
    for pattern, words in patterns:
        match = re.match(pattern, check)
        if match:
            return words(match)
    return _("{check} (value {value})").format(check=check, value=value)


def _dtype_words(dtype: str) -> str:
    return _(_DTYPE_WORDS[dtype]) if dtype in _DTYPE_WORDS else dtype


def schema_problems(errors: pa.errors.SchemaErrors) -> list[str]:
    """Turn pandera's failure table into sorted, readable problem lines."""
    cases = errors.failure_cases
    has_type_errors = cases["check"].astype(str).str.startswith("coerce_dtype").any()
    has_missing_columns = (cases["check"].astype(str) == "column_in_dataframe").any()
    problems: list[tuple[int, str]] = []
    for case in cases.itertuples(index=False):
        check = str(case.check)
        failure = case.failure_case
        if check.startswith("dtype("):
            continue  # restates a coerce_dtype failure
        if has_type_errors and str(failure).startswith(("TypeError(", "ValueError(")):
            continue  # checks that could not run because a column did not convert
        if has_missing_columns and case.schema_context == "DataFrameSchema" and not check.startswith("column_in_"):
            continue  # table-wide rules cannot be judged without the column
        if check == "column_in_dataframe":
            problems.append((-1, _("missing column {column!r}").format(column=failure)))
            continue
        if check == "column_in_schema":
            problems.append((-1, _("unexpected column {column!r} (not in the schema)").format(column=failure)))
            continue
        index = case.index
        located = index is not None and not (isinstance(index, float) and pd.isna(index))
        column = case.column if case.schema_context == "Column" or check.endswith("uniqueness") else None
        if case.schema_context == "DataFrameSchema" and not check.endswith("uniqueness"):
            words = _(check)  # a table-wide rule's own words (the model's ``error=N_(…)``)
        else:
            words = _describe_check(check, failure)
        problems.append((int(index) if located else -1, _problem_line(index if located else None, column, words)))
    seen = set()
    unique_problems = []
    for _order, text in sorted(problems, key=lambda item: item[0]):
        if text not in seen:
            seen.add(text)
            unique_problems.append(text)
    return unique_problems


def _problem_line(index, column: str | None, words: str) -> str:
    """``line 5, column 'year': …``, ``whole table: …``."""
    where = _line_of(index) if index is not None else _("whole table")
    if column:
        return _("{where}, column {column!r}: {problem}").format(where=where, column=column, problem=words)
    return _("{where}: {problem}").format(where=where, problem=words)


def decode_utf8(raw: bytes, file_name: str) -> str:
    """The text of a data file's bytes: UTF-8 without a byte-order mark, else a ``DataError``."""
    if raw.startswith(UTF8_BOM):
        raise DataError(file_name, [_("starts with a byte-order mark (BOM); save it as UTF-8 without BOM")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            file_name,
            [
                _("line {n}: byte {byte} is not valid UTF-8; save the file as UTF-8").format(
                    n=line, byte=f"0x{raw[error.start]:02x}"
                )
            ],
        ) from None


def read_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Read and validate one table on its own (no cross-table checks); dates become datetimes."""
    if name not in MODELS:
        raise DataError(f"{name}.csv", [_("unknown table; expected one of {tables}").format(tables=", ".join(MODELS))])
    folder = Path(data_dir) if data_dir else paths.data_dir()
    path = folder / f"{name}.csv"
    file_name = f"data/{name}.csv"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(file_name, [_("file not found")]) from None
    except OSError as error:
        raise DataError(file_name, [_("cannot be read ({reason})").format(reason=error.strerror)]) from None
    key = (name, hashlib.sha256(raw).hexdigest())
    with _VALIDATED_LOCK:
        known = _VALIDATED.get(key)
        if known is not None:
            _VALIDATED.move_to_end(key)
            return known.copy()
    validated = _validated_table(name, raw, file_name)
    with _VALIDATED_LOCK:
        _VALIDATED[key] = validated
        while len(_VALIDATED) > _VALIDATED_MAX_ENTRIES:
            _VALIDATED.popitem(last=False)
    return validated.copy()


def _validated_table(name: str, raw: bytes, file_name: str) -> pd.DataFrame:
    """Parse and validate the bytes of ``name``'s file; raise ``DataError`` on any problem."""
    text = decode_utf8(raw, file_name)
    if not text.strip():
        raise DataError(file_name, [_("is empty; it needs a header line and at least one row")])
    if "\x00" in text:
        raise DataError(file_name, [_("contains NUL bytes; it is not a text CSV")])
    try:
        frame = pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""], quoting=csv.QUOTE_MINIMAL)
    except pd.errors.ParserError as error:
        raise DataError(file_name, [_("is not a well-formed CSV ({reason})").format(reason=error)]) from None
    if frame.empty:
        raise DataError(file_name, [_("has a header but no data rows")])
    frame = _normalise_booleans(frame, file_name)
    try:
        validated = MODELS[name].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise DataError(file_name, schema_problems(errors)) from None
    for column in date_columns(name):
        validated[column] = pd.to_datetime(validated[column], format="%Y-%m-%d")
    return validated


def _normalise_booleans(frame: pd.DataFrame, file_name: str) -> pd.DataFrame:
    """Accept only ``true``/``false`` in ``preferred``; pandas would turn any text into True."""
    if "preferred" not in frame.columns or frame["preferred"].dtype == bool:
        return frame
    words = frame["preferred"].astype(str).str.strip().str.lower()
    bad = ~words.isin(["true", "false"])
    if bad.any():
        problems = [
            _problem_line(
                index, "preferred", _("{value!r} is not true or false").format(value=frame.at[index, "preferred"])
            )
            for index in frame.index[bad]
        ]
        raise DataError(file_name, problems)
    frame = frame.copy()
    frame["preferred"] = words == "true"
    return frame


def _unknown_references(frame: pd.DataFrame, column: str, known: set, target: str) -> list[str]:
    return [
        _problem_line(index, column, _("{value!r} is not in {table}").format(value=value, table=target))
        for index, value in frame[column].items()
        if value not in known
    ]


def trade_parts_problems(trade: pd.DataFrame) -> list[str]:
    """Lines where a source's exports plus imports differ from its total by more than rounding."""
    problems = []
    keys = ["year", "reporter", "partner", "source_id"]
    by_flow = trade.pivot_table(index=keys, columns="flow", values="value_usd_m", aggfunc="first")
    if not {"export", "import", "total"} <= set(by_flow.columns):
        return problems
    complete = by_flow.dropna(subset=["export", "import", "total"])
    for key, row in complete.iterrows():
        parts = row["export"] + row["import"]
        if abs(parts - row["total"]) > PARTS_TOLERANCE_SHARE * row["total"]:
            year, reporter, partner, source_id = key
            matches = trade[(trade[keys] == pd.Series(key, index=keys)).all(axis=1) & (trade["flow"] == "total")]
            words = _(
                "{year} {reporter}–{partner} ({source}) exports {exports} + imports {imports} = {parts}, but the "
                "total is {total}"
            ).format(
                year=year,
                reporter=reporter,
                partner=partner,
                source=source_id,
                exports=f"{row['export']:g}",
                imports=f"{row['import']:g}",
                parts=f"{parts:g}",
                total=f"{row['total']:g}",
            )
            problems.append(_problem_line(matches.index[0], None, words))
    return problems


def load(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Return table ``name`` validated on its own and against the tables it refers to.

    Raises ``DataError`` naming the file, line, column and problem.
    """
    frame = read_table(name, data_dir)
    file_name = f"data/{name}.csv"
    problems: list[str] = []
    referenced: dict[str, pd.DataFrame] = {}
    for column, table, key in foreign_keys(name):
        if column not in frame.columns:  # an optional column the file leaves out
            continue
        if table not in referenced:
            try:
                referenced[table] = read_table(table, data_dir)
            except DataError as error:
                raise DataError(
                    file_name, [_("cannot check its {column} values: {error}").format(column=column, error=error)]
                ) from None
        present = frame[frame[column].notna()]
        problems += _unknown_references(present, column, set(referenced[table][key]), f"{table}.csv")
    if name == "routes":
        vertex_counts = frame.groupby("route_id")["seq"].transform("count")
        problems += [
            _problem_line(
                index, "route_id", _("route {route!r} has only one vertex; a line needs two").format(route=route)
            )
            for index, route in frame.loc[vertex_counts < 2, "route_id"].items()
        ]
    if name == "trade":
        problems += trade_parts_problems(frame)
    if problems:
        raise DataError(file_name, problems)
    return frame


def load_all(data_dir: Path | None = None) -> tuple[dict[str, pd.DataFrame], dict[str, DataError]]:
    """Load every table; return the good ones and the errors of the broken ones, keyed by name."""
    tables, errors = {}, {}
    for name in TABLE_NAMES:
        try:
            tables[name] = load(name, data_dir)
        except DataError as error:
            errors[name] = error
    return tables, errors
