"""What is traded: an uploaded file's HS-chapter rows as top chapters by year, checked against its TOTAL rows.

Plain pandas and plotly; the page draws the figure and the tables.
"""

from functools import cache

import pandas as pd
import plotly.graph_objects as go

from components import chart_style, paths

HS_CHAPTERS_FILE = paths.ROOT / "data" / "reference" / "hs_chapters.csv"
TOP_CHAPTERS = 6
OTHER = "Other chapters"
# Chapters and the file's TOTAL may differ by rounding of each row; more than this share is a mismatch.
MISMATCH_SHARE = 0.005
COLOURS = [chart_style.PALETTE[name] for name in ("blue", "vermillion", "green", "orange", "purple", "sky", "yellow")]
OTHER_COLOUR = "#B8BEC7"
TABLE_COLUMNS = ["year", "chapter", "name", "value_usd_m", "share_pct"]


@cache
def chapter_names() -> dict[str, str]:
    """HS chapter (two digits) → its name, from ``data/reference/hs_chapters.csv``."""
    names = pd.read_csv(HS_CHAPTERS_FILE, dtype=str)
    return dict(zip(names["chapter"], names["name"], strict=True))


def chapter_label(chapter: str) -> str:
    """``"27 Mineral fuels …"``; the bare code for a chapter the list does not name."""
    name = chapter_names().get(chapter)
    return f"{chapter} {name}" if name else f"{chapter} (chapter not in the HS list)"


def flow_choices(chapters: pd.DataFrame) -> list[tuple[str, str, str]]:
    """The (reporter, partner, flow) combinations the chapter rows cover; Russia→DPRK exports first."""
    combos = sorted(set(zip(chapters["reporter"], chapters["partner"], chapters["flow"], strict=True)))
    return sorted(combos, key=lambda combo: combo != ("RUS", "PRK", "export"))


def top_chapters(chapters: pd.DataFrame, reporter: str, partner: str, flow: str, top: int = TOP_CHAPTERS):
    """Rows ``year, chapter, name, value_usd_m, share_pct`` of one flow: the ``top`` chapters by their
    value over all years, and the rest summed per year as ``OTHER`` (chapter ``"other"``)."""
    rows = chapters[(chapters["reporter"] == reporter) & (chapters["partner"] == partner) & (chapters["flow"] == flow)]
    if rows.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    ranking = rows.groupby("chapter")["value_usd_m"].sum().sort_values(ascending=False, kind="stable")
    leaders = list(ranking.index[:top])
    rows = rows.assign(chapter=rows["chapter"].where(rows["chapter"].isin(leaders), "other"))
    table = rows.groupby(["year", "chapter"], as_index=False)["value_usd_m"].sum()
    table["name"] = table["chapter"].map(lambda code: OTHER if code == "other" else chapter_label(code))
    table["share_pct"] = 100 * table["value_usd_m"] / table.groupby("year")["value_usd_m"].transform("sum")
    order = {code: rank for rank, code in enumerate([*leaders, "other"])}
    table = table.assign(_order=table["chapter"].map(order)).sort_values(["year", "_order"])
    return table[TABLE_COLUMNS].reset_index(drop=True)


def totals_check(chapters: pd.DataFrame, trade: pd.DataFrame) -> pd.DataFrame:
    """Per year, pair and flow: the sum of the chapter rows, the file's TOTAL and whether they agree
    (within ``MISMATCH_SHARE`` of the TOTAL). A year without a TOTAL row reads ``no TOTAL row``."""
    key = ["year", "reporter", "partner", "flow"]
    summed = chapters.groupby(key, as_index=False)["value_usd_m"].sum().rename(columns={"value_usd_m": "chapters_sum"})
    totals = trade[key + ["value_usd_m"]].rename(columns={"value_usd_m": "file_total"})
    check = summed.merge(totals, on=key, how="left")
    check["difference"] = check["chapters_sum"] - check["file_total"]
    agrees = (check["difference"].abs() <= MISMATCH_SHARE * check["file_total"].abs()) & check["file_total"].notna()
    check["check"] = "agrees"
    check.loc[~agrees, "check"] = "MISMATCH"
    check.loc[check["file_total"].isna(), "check"] = "no TOTAL row"
    return check.sort_values(key).reset_index(drop=True)


def mismatches(check: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``totals_check`` where the chapters and the TOTAL disagree."""
    return check[check["check"] == "MISMATCH"]


def figure(table: pd.DataFrame, *, title: str, source_note: str) -> go.Figure:
    """Stacked bars of ``top_chapters`` rows: one bar a year, one colour a chapter, the rest in grey."""
    fig = go.Figure()
    names = list(dict.fromkeys(table["name"]))
    for index, name in enumerate(names):
        rows = table[table["name"] == name]
        colour = OTHER_COLOUR if name == OTHER else COLOURS[index % len(COLOURS)]
        fig.add_trace(
            go.Bar(
                x=rows["year"],
                y=rows["value_usd_m"],
                name=chart_style.plain_text(name if len(name) <= 60 else name[:57] + "…"),
                marker={"color": colour},
                customdata=rows["share_pct"],
                hovertemplate=f"{chart_style.plain_text(name)}<br>%{{x}}: {chart_style.MONEY_HOVER}"
                " (%{customdata:.0f}% of the year)<extra></extra>",
            )
        )
    fig.update_layout(
        **chart_style.layout(
            title=title,
            source_note=source_note,
            barmode="stack",
            height=420,
            legend={"orientation": "h", "y": -0.25, "traceorder": "normal"},
            xaxis={"dtick": 1, "title": None},
            yaxis={"title": {"text": "USD million"}},
        )
    )
    return fig
