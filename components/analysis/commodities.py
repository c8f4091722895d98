"""What is traded: an uploaded file's HS-chapter rows as top chapters by year, checked against its TOTAL rows.

Plain pandas and plotly; the page draws the figure and the tables.
"""

from functools import cache
from types import MappingProxyType

import pandas as pd

from components.analysis import formats
from components.data import paths
from components.i18n import N_, _

TOP_CHAPTERS = 6
OTHER = N_("Other chapters")
# A year's check of the chapters against the TOTAL: a code the page compares, shown with ``_(code)``.
AGREES, MISMATCH, NO_TOTAL = N_("agrees"), N_("MISMATCH"), N_("no TOTAL row")
# Chapters and the file's TOTAL may differ by rounding of each row; more than this share is a mismatch.
MISMATCH_SHARE = 0.005
TABLE_COLUMNS = ["year", "chapter", "name", "value_usd_m", "share_pct"]

# The article (source id ``article``): Russia's 2013 exports to the DPRK, $103.4M, "included
# metallurgical coal, diesel and metal dominantly". Coal and diesel are HS chapter 27; metals are
# Section XV's base-metal chapters 72–81 (77 is reserved in the HS).
CLAIM_FLOW = ("RUS", "PRK", "export")
CLAIM_YEAR = 2013
CLAIM_SOURCE_ID = "article"
FUEL_CHAPTERS = frozenset({"27"})
METAL_CHAPTERS = frozenset({"72", "73", "74", "75", "76", "78", "79", "80", "81"})
CLAIM_COLUMNS = ["year", "total_usd_m", "fuels_usd_m", "metals_usd_m", "fuels_pct", "metals_pct", "together_pct"]


@cache
def chapter_names() -> MappingProxyType:
    """HS chapter (two digits) → its name, from ``data/reference/hs_chapters.csv``; read-only, since the
    cached mapping is shared by every session."""
    names = pd.read_csv(paths.HS_CHAPTERS_FILE, dtype=str)
    return MappingProxyType(dict(zip(names["chapter"], names["name"], strict=True)))


def chapter_label(chapter: str) -> str:
    """``"27 Mineral fuels …"``; the bare code for a chapter the list does not name."""
    name = chapter_names().get(chapter)
    return f"{chapter} {name}" if name else _("{chapter} (chapter not in the HS list)").format(chapter=chapter)


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
    # As text: the file's chapter column may be categorical, whose categories have no "other".
    chapter = rows["chapter"].astype(str)
    rows = rows.assign(chapter=chapter.where(chapter.isin(leaders), "other"))
    table = rows.groupby(["year", "chapter"], as_index=False)["value_usd_m"].sum()
    table["name"] = table["chapter"].map(lambda code: _(OTHER) if code == "other" else chapter_label(code))
    table["share_pct"] = 100 * table["value_usd_m"] / table.groupby("year")["value_usd_m"].transform("sum")
    order = {code: rank for rank, code in enumerate([*leaders, "other"])}
    table = table.assign(_order=table["chapter"].map(order)).sort_values(["year", "_order"])
    return table[TABLE_COLUMNS].reset_index(drop=True)


def totals_check(chapters: pd.DataFrame, trade: pd.DataFrame) -> pd.DataFrame:
    """Per year, pair and flow: the sum of the chapter rows, the file's TOTAL and whether they agree
    (within ``MISMATCH_SHARE`` of the TOTAL). A year without a TOTAL row reads ``no TOTAL row``."""
    key = ["year", "reporter", "partner", "flow"]
    summed = chapters.groupby(key, as_index=False)["value_usd_m"].sum().rename(columns={"value_usd_m": "chapters_sum"})
    # Text again, not the file's categories: the table is shown and compared as text.
    summed = summed.astype(dict.fromkeys(key[1:], str))
    totals = trade[key + ["value_usd_m"]].rename(columns={"value_usd_m": "file_total"})
    check = summed.merge(totals, on=key, how="left")
    check["difference"] = check["chapters_sum"] - check["file_total"]
    agrees = (check["difference"].abs() <= MISMATCH_SHARE * check["file_total"].abs()) & check["file_total"].notna()
    check["check"] = AGREES
    check.loc[~agrees, "check"] = MISMATCH
    check.loc[check["file_total"].isna(), "check"] = NO_TOTAL
    return check.sort_values(key).reset_index(drop=True)


def claim_shares(chapters: pd.DataFrame) -> pd.DataFrame:
    """Per year of the chapter rows of Russia's exports to the DPRK: the total of all chapters, the value
    of mineral fuels (HS 27: coal and diesel) and of base metals (HS 72–81), and their shares in percent,
    the two groups the article says dominated. Empty when the rows have no such flow."""
    reporter, partner, flow = CLAIM_FLOW
    rows = chapters[(chapters["reporter"] == reporter) & (chapters["partner"] == partner) & (chapters["flow"] == flow)]
    if rows.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    values = rows.assign(
        fuels=rows["value_usd_m"].where(rows["chapter"].isin(FUEL_CHAPTERS), 0.0),
        metals=rows["value_usd_m"].where(rows["chapter"].isin(METAL_CHAPTERS), 0.0),
    )
    table = values.groupby("year", as_index=False)[["value_usd_m", "fuels", "metals"]].sum()
    table.columns = ["year", "total_usd_m", "fuels_usd_m", "metals_usd_m"]
    # A year whose chapters sum to zero has no shares to give; NaN, never a division error.
    total = table["total_usd_m"].where(table["total_usd_m"] > 0)
    table["fuels_pct"] = 100 * table["fuels_usd_m"] / total
    table["metals_pct"] = 100 * table["metals_usd_m"] / total
    table["together_pct"] = table["fuels_pct"] + table["metals_pct"]
    return table[CLAIM_COLUMNS].sort_values("year").reset_index(drop=True)


def claim_sentence(shares: pd.DataFrame) -> str | None:
    """One line that checks the article's claim against ``claim_shares``: for the article's year when the
    file has it, else its latest year; None when the file has no Russian export chapter rows."""
    shares = shares.dropna(subset=["together_pct"])
    if shares.empty:
        return None
    row = shares[shares["year"] == CLAIM_YEAR].iloc[0] if CLAIM_YEAR in set(shares["year"]) else shares.iloc[-1]
    year = int(row["year"])
    words = {
        "claim_year": CLAIM_YEAR,
        "source": CLAIM_SOURCE_ID,
        "year": year,
        "fuels": formats.percent(row["fuels_pct"], 0),
        "metals": formats.percent(row["metals_pct"], 0),
        "total": formats.money(row["total_usd_m"], billions=False),
        "together": formats.percent(row["together_pct"], 0),
    }
    if row["together_pct"] > 50:
        sentence = _(
            "The article says Russia's {claim_year} exports to the DPRK were mostly metallurgical coal, diesel and "
            "metal ({source}). In your file, in {year}, mineral fuels (HS 27: coal and diesel) were {fuels} and "
            "base metals (HS 72–81) {metals} of Russia's exports to the DPRK ({total}): together {together}, more "
            "than half, as the article says."
        )
    else:
        sentence = _(
            "The article says Russia's {claim_year} exports to the DPRK were mostly metallurgical coal, diesel and "
            "metal ({source}). In your file, in {year}, mineral fuels (HS 27: coal and diesel) were {fuels} and "
            "base metals (HS 72–81) {metals} of Russia's exports to the DPRK ({total}): together {together}, less "
            "than half, so not what the article says."
        )
    sentence = sentence.format(**words)
    if year != CLAIM_YEAR:
        sentence += " " + _("Your file has no {claim_year}; its latest year is shown.").format(claim_year=CLAIM_YEAR)
    return sentence
