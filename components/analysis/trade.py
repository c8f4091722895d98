"""Russia–DPRK trade against the announced target: source choice, the plotted rows and the answer.

Plain functions on numbers and on the ``trade``, ``sources`` and ``targets`` DataFrames (see
``components.data.schema``); no Streamlit here. Rates are fractions per year (0.366 = 36.6 %/yr); money is
USD million. The growth arithmetic (target path, scenario, crossing year) is in ``trade_paths``.
"""

import pandas as pd

from components.analysis import formats
from components.analysis.sources import agency_of
from components.analysis.trade_paths import (
    TradePath,
    achieved_growth_rate,
    crossing_year,
    projected_path,
    share_of_target,
    value_at,
)
from components.i18n import N_, _

TARGET_ID = "rus-prk-trade-2020"
# The choices' ids, which the link holds in every language (``?source=preferred&flow=export``), and their
# words, which the widgets show with ``_()``. Older links held the English words: ``ui.trade_controls``
# reads those as aliases.
PREFERRED_CHOICE = "preferred"
PREFERRED_WORDS = N_("Preferred (default)")
FLOW_WORDS = {"total": N_("Turnover"), "export": N_("Exports"), "import": N_("Imports")}
# Series names, the same in every language in the plotted table (charts and tests find series by them):
# show one with ``_(name)``.
FLOW_LABELS = {
    "total": N_("Trade turnover"),
    "export": N_("Russian exports to the DPRK"),
    "import": N_("Russian imports from the DPRK"),
}
COMPARATORS = {
    "China-DPRK": ("CHN", "PRK", N_("China–DPRK trade (right axis)")),
    "Inter-Korean": ("KOR", "PRK", N_("Inter-Korean trade (right axis)")),
}
# A comparator's name in the widget and the citation (its key is the link's id: ``?compare=China-DPRK``).
COMPARATOR_NAMES = {"China-DPRK": N_("China–DPRK trade"), "Inter-Korean": N_("Inter-Korean trade")}
EVENT_CATEGORIES = ("visit", "summit", "agreement", "sanctions")
TARGET_PATH = N_("Target path (required rate)")
SCENARIO_PATH = N_("Scenario path (your rate)")
TARGET_LINE = N_("Target")
BASELINE_POINT = N_("Baseline")
COMPUTED = N_("computed")
ANNOUNCED_TARGET = N_("announced target")
# The faint points of other sources' figures for one flow: ``OTHER_SOURCES.format(series=FLOW_LABELS[flow])``.
OTHER_SOURCES = N_("{series} — other sources")

TABLE_COLUMNS = ["year", "series", "value_usd_m", "source_id", "agency", "role"]


def scenario_metrics(
    chosen: pd.DataFrame, flow: str, path: TradePath, scenario_rate: float, horizon_year: int
) -> list[tuple[str, str]]:
    """Label and text of each headline metric: required rate, scenario value at the target year, the
    year the scenario reaches the target, actual as a share of the target, achieved rate to the latest year.
    """
    base_year, base_value = path.baseline_year, path.baseline_value
    target_year, target_value = path.target_year, path.target_value
    scenario_value = value_at(base_value, base_year, scenario_rate, target_year)
    crossing = crossing_year(base_value, base_year, scenario_rate, target_value, horizon_year)
    actual = flow_value(chosen, flow, target_year)
    share = (
        _("no data")
        if actual is None
        else formats.percent(100 * share_of_target(actual["value_usd_m"], target_value), 1)
    )
    latest = latest_row(chosen, flow)
    if latest is None or latest["year"] <= base_year:
        achieved_label, achieved = _("Achieved growth a year"), _("no later data")
    else:
        rate = achieved_growth_rate(base_value, base_year, latest["value_usd_m"], latest["year"])
        achieved_label = _("Achieved {first}–{last}, a year").format(first=base_year, last=latest["year"])
        achieved = formats.percent(100 * rate, 1)
    return [
        (_("Required growth a year"), formats.percent(100 * path.rate, 1)),
        (_("Scenario in {year}").format(year=target_year), formats.money(scenario_value, billions=False)),
        (
            _("Scenario reaches target"),
            str(crossing) if crossing else _("never (by {year})").format(year=horizon_year),
        ),
        (_("Actual as % of target, {year}").format(year=target_year), share),
        (achieved_label, achieved),
    ]


# ---- Data: which rows are shown -----------------------------------------------------------------

_TRADE_KEY = ["year", "reporter", "partner", "flow"]


def pair_rows(trade: pd.DataFrame, sources: pd.DataFrame, reporter: str, partner: str) -> pd.DataFrame:
    """Every row of one reporter–partner pair, with the source's ``agency`` attached as sources.csv writes it
    (the source choice compares it and the link holds it) and ``agency_words``, as the reader's language
    writes it."""
    rows = trade[(trade["reporter"] == reporter) & (trade["partner"] == partner)]
    rows = rows.assign(
        agency=agency_of(rows["source_id"], sources, key=True), agency_words=agency_of(rows["source_id"], sources)
    )
    return rows.sort_values(_TRADE_KEY).reset_index(drop=True)


def estimate_keys(rows: pd.DataFrame) -> tuple[tuple[int, str], ...]:
    """``(year, source_id)`` of every row its source gives as someone's estimate, not customs or official
    data (the ``estimate`` column; a table without it has none)."""
    if "estimate" not in rows.columns:
        return ()
    flagged = rows[rows["estimate"].fillna(False).astype(bool)]
    return tuple(sorted(zip(flagged["year"].astype(int), flagged["source_id"].astype(str), strict=True)))


def disputed_agencies(rows: pd.DataFrame) -> list[str]:
    """Agencies that give a figure for a year and flow that another source also gives, sorted."""
    counts = rows.groupby(_TRADE_KEY)["source_id"].transform("count")
    return sorted(rows.loc[counts > 1, "agency"].dropna().unique())


def choose_rows(rows: pd.DataFrame, agency: str = PREFERRED_CHOICE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split ``rows`` into the one row shown per year and flow, and the alternatives.

    With ``agency`` set to an agency name, that agency's figure is shown wherever it has one and the
    preferred row elsewhere; with ``"preferred"`` the preferred rows are shown.
    """
    ranked = rows.assign(
        _rank_agency=(rows["agency"] != agency).astype(int),
        _rank_preferred=(~rows["preferred"].astype(bool)).astype(int),
    )
    ranked = ranked.sort_values([*_TRADE_KEY, "_rank_agency", "_rank_preferred", "source_id"])
    first = ~ranked.duplicated(_TRADE_KEY, keep="first")
    ranked = ranked.drop(columns=["_rank_agency", "_rank_preferred"])
    return ranked[first].reset_index(drop=True), ranked[~first].reset_index(drop=True)


def flow_value(chosen: pd.DataFrame, flow: str, year: int) -> pd.Series | None:
    """The chosen row of ``flow`` in ``year`` (value, source, agency), or ``None`` if the data has none."""
    match = chosen[(chosen["flow"] == flow) & (chosen["year"] == int(year))]
    return None if match.empty else match.iloc[0]


def latest_row(chosen: pd.DataFrame, flow: str) -> pd.Series | None:
    """The chosen row of ``flow`` in the latest year the data covers, or ``None``."""
    of_flow = chosen[chosen["flow"] == flow]
    return None if of_flow.empty else of_flow.sort_values("year").iloc[-1]


def comparator_rows(trade: pd.DataFrame, sources: pd.DataFrame, key: str) -> pd.DataFrame:
    """The preferred yearly totals of one comparator pair (a key of ``COMPARATORS``)."""
    reporter, partner, _ = COMPARATORS[key]
    rows = pair_rows(trade, sources, reporter, partner)
    return rows[(rows["flow"] == "total") & rows["preferred"].astype(bool)].reset_index(drop=True)


def target_row(targets: pd.DataFrame, target_id: str = TARGET_ID) -> pd.Series | None:
    """The preferred row of one announced target, or ``None`` when the data has no such target.

    Where the preferred source states no baseline year, ``baseline_year`` is the one the target's other
    sources state most often (the earliest of equally common ones), so every page starts from one year.
    """
    rows = targets[targets["target_id"] == target_id]
    preferred = rows[rows["preferred"].astype(bool)]
    if preferred.empty:
        return None
    target = preferred.iloc[0].copy()
    if pd.isna(target["baseline_year"]):
        stated = rows["baseline_year"].dropna()
        if not stated.empty:
            target["baseline_year"] = int(stated.mode().min())
    return target


def default_baseline_year(target: pd.Series, chosen: pd.DataFrame, flow: str = "total") -> int | None:
    """The default baseline year, the one rule every page uses: the target's stated baseline year (see
    ``target_row``); when no source states one, the latest year with a ``flow`` figure before the year
    the target was agreed; ``None`` when there is neither. The year may have no ``flow`` figure: see
    ``usable_baseline``."""
    if pd.notna(target["baseline_year"]):
        return int(target["baseline_year"])
    earlier = chosen[(chosen["flow"] == flow) & (chosen["year"] < pd.Timestamp(target["agreed"]).year)]
    return None if earlier.empty else int(earlier["year"].max())


def usable_baseline(year: int | None, chosen: pd.DataFrame, flow: str = "total") -> tuple[int | None, str | None]:
    """``year`` when ``chosen`` has a ``flow`` figure above zero for it; otherwise the nearest year that
    has one (the earlier of two equally near) and a sentence saying what is missing, or ``None`` and
    that sentence when the flow has no usable figure at all."""
    usable = chosen[(chosen["flow"] == flow) & (chosen["value_usd_m"] > 0)]
    years = sorted(int(value) for value in usable["year"].unique())
    if year is not None and int(year) in years:
        return int(year), None
    series = _(FLOW_LABELS[flow]).lower()
    if not years:
        return None, _("The data has no {series} figure above zero for any year, so there is no baseline.").format(
            series=series
        )
    if year is None:
        return years[0], _(
            "The target states no baseline year; {year}, the first year with a {series} figure above zero, is used."
        ).format(year=years[0], series=series)
    nearest = min(years, key=lambda candidate: (abs(candidate - int(year)), candidate))
    return nearest, _(
        "The target's baseline year {year} has no {series} figure above zero in the data; "
        "{nearest}, the nearest year with one, is used instead."
    ).format(year=int(year), series=series, nearest=nearest)


# ---- The plotted series as one long table -------------------------------------------------------


def _series_rows(frame, series: str, role: str, source_id: str = "", agency: str = "") -> dict:
    """One series' rows as columns of plain lists (``TABLE_COLUMNS``), from a frame or from ``_columns``:
    ``_table`` builds the frame once, far quicker than a small DataFrame per series and a concat."""
    columns = frame if isinstance(frame, dict) else _columns(frame)
    count = len(columns["year"])
    return {
        "year": columns["year"],
        "series": [series] * count,
        "value_usd_m": columns["value_usd_m"],
        "source_id": columns.get("source_id", [source_id] * count),
        "agency": columns.get("agency", [agency] * count),
        "role": [role] * count,
    }


def _columns(frame: pd.DataFrame, flow: str | None = None) -> dict[str, list]:
    """``year``, ``value_usd_m`` and, where ``frame`` has them, ``source_id`` and ``agency`` as lists; with
    ``flow``, of that flow's rows only."""
    names = [name for name in ("year", "value_usd_m", "source_id", "agency") if name in frame]
    columns = {name: frame[name].tolist() for name in names}
    columns["year"] = [int(year) for year in columns["year"]]
    if flow is None:
        return columns
    keep = [position for position, value in enumerate(frame["flow"].tolist()) if value == flow]
    return {name: [values[position] for position in keep] for name, values in columns.items()}


def _table(parts: list[dict]) -> pd.DataFrame:
    """``_series_rows`` parts, in order, as one ``TABLE_COLUMNS`` frame; an empty one without any row."""
    parts = [part for part in parts if part["year"]]
    if not parts:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    columns = {column: [value for part in parts for value in part[column]] for column in TABLE_COLUMNS}
    return pd.DataFrame(
        {
            "year": pd.array(columns["year"], dtype="int64"),
            "value_usd_m": pd.array(columns["value_usd_m"], dtype="float64"),
            **{column: pd.array(columns[column], dtype="str") for column in ("series", "source_id", "agency", "role")},
        }
    )[TABLE_COLUMNS]


def chart_events(events: pd.DataFrame, first_year: int, last_year: int) -> pd.DataFrame:
    """Preferred events of the categories the Trade chart marks, within its years."""
    shown = events[events["preferred"].astype(bool) & events["category"].isin(EVENT_CATEGORIES)]
    return shown[shown["start"].dt.year.between(int(first_year), int(last_year))]


def plotted_table(
    chosen: pd.DataFrame,
    alternatives: pd.DataFrame,
    comparators: dict[str, pd.DataFrame],
    target: TradePath | None = None,
    scenario_rate: float | None = None,
) -> pd.DataFrame:
    """Every plotted point as rows of ``year, series, value_usd_m, source_id, agency, role``.

    With a ``target`` path, its baseline point, target point and required-rate path; with a
    ``scenario_rate`` too, the scenario path. Computed series name their agency ``"computed"`` and cite
    the figure they start from.
    """
    parts = []
    for flow, label in FLOW_LABELS.items():
        parts.append(_series_rows(_columns(chosen, flow), label, "actual"))
        parts.append(_series_rows(_columns(alternatives, flow), OTHER_SOURCES.format(series=label), "alternative"))
    for key, rows in comparators.items():
        parts.append(_series_rows(rows, COMPARATORS[key][2], "comparator"))
    if target is not None:
        baseline = {"year": [int(target.baseline_year)], "value_usd_m": [target.baseline_value]}
        parts.append(
            _series_rows(baseline, BASELINE_POINT, "baseline", target.baseline_source_id, target.baseline_agency)
        )
        target_point = {"year": [int(target.target_year)], "value_usd_m": [target.target_value]}
        parts.append(_series_rows(target_point, TARGET_LINE, "target", target.target_source_id, ANNOUNCED_TARGET))
        path = projected_path(target.baseline_value, target.baseline_year, target.rate, target.end_year)
        parts.append(_series_rows(path, TARGET_PATH, "target_path", target.baseline_source_id, COMPUTED))
        if scenario_rate is not None:
            path = projected_path(target.baseline_value, target.baseline_year, scenario_rate, target.end_year)
            parts.append(_series_rows(path, SCENARIO_PATH, "scenario", target.baseline_source_id, COMPUTED))
    return _table(parts)


def scenario_rows(target: TradePath, rate: float) -> pd.DataFrame:
    """The scenario path from ``target``'s baseline at ``rate`` a year, as ``plotted_table`` rows."""
    path = projected_path(target.baseline_value, target.baseline_year, rate, target.end_year)
    return _table([_series_rows(path, SCENARIO_PATH, "scenario", target.baseline_source_id, COMPUTED)])


def answer(chosen: pd.DataFrame, flow: str, target_value: float, target_year: int) -> str:
    """The page's answer in one sentence: the chosen ``flow`` figure for ``target_year`` (or, when the
    data has none, the latest one) as a share of the target."""
    label = _(FLOW_LABELS[flow])
    words = {"series": label, "target": formats.money(target_value, 0, billions=False), "year": int(target_year)}
    row = flow_value(chosen, flow, target_year)
    if row is not None:
        share = formats.percent(100 * share_of_target(row["value_usd_m"], target_value), 0)
        value = formats.money(row["value_usd_m"], billions=False)
        return _("{series} was {value} in {year}: {share} of the {target} target for {year}.").format(
            value=value, share=share, **words
        )
    row = latest_row(chosen, flow)
    if row is None:
        return _("The data has no {series} figure to compare with the {target} target for {year}.").format(
            **(words | {"series": label.lower()})
        )
    share = formats.percent(100 * share_of_target(row["value_usd_m"], target_value), 0)
    return _(
        "The data has no {series} figure for {year}; the latest, {value} in {latest_year}, is {share} of the "
        "{target} target for {year}."
    ).format(
        value=formats.money(row["value_usd_m"], billions=False),
        latest_year=int(row["year"]),
        share=share,
        **(words | {"series": label.lower()}),
    )
