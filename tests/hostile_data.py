"""A copy of data/ with attack strings planted in every free-text column the pages render.

Keys, categories, dates and numbers stay valid, so the loader accepts the files and every page
renders the planted text. Each payload would set ``window.__xss`` if it ever ran.
"""

import csv
import shutil
from pathlib import Path

import pandas as pd

from components.data import paths

PAYLOADS = (
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "javascript:window.__xss=1",
    "[click](javascript:window.__xss=1)",
    "{{7*7}} ${7*7} <b>bold</b>",
    "\u202eRTL override\u202c and \u200fmark",
    '=HYPERLINK("http://127.0.0.1/x","cell")',
    "L" + "o" * 3000 + "ng",
)
# The strings a test looks for on screen, shown literally when escaped.
VISIBLE_MARKERS = ("<script>window.__xss=1</script>", '<img src=x onerror="window.__xss=1">')

FREE_TEXT_COLUMNS = {
    "sources": ["title", "publisher", "agency", "note"],
    "trade": ["note"],
    "targets": ["metric", "note"],
    "debt": ["settlement_currency", "use_of_proceeds", "note"],
    "projects": ["name", "partners", "description", "capacity_unit"],
    "routes": ["place", "leg_note"],
    "events": ["title", "location", "description"],
    "outcomes": ["title", "article_quote", "article_locator", "announced_by", "deadline_stated", "evidence", "note"],
    "indicators": ["quote", "note"],
}

# Cells whose text a data rule reads (a no-public-record outcome's note must name its search): the payload
# goes in front of the original text instead of replacing it.
KEEP_ORIGINAL_TOO = {("outcomes", "note")}


def plant(target: Path) -> Path:
    """Copy data/ to ``target`` and overwrite free-text cells with payloads, in rotation."""
    shutil.copytree(paths.DEFAULT_DATA_DIR, target)
    for name, columns in FREE_TEXT_COLUMNS.items():
        path = target / f"{name}.csv"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        for offset, column in enumerate(columns):
            for row in range(len(frame)):
                if column == "capacity_unit" and not frame.at[row, column]:
                    continue  # a unit without a capacity breaks the schema
                payload = PAYLOADS[(row + offset) % len(PAYLOADS)]
                if (name, column) in KEEP_ORIGINAL_TOO:
                    payload = f"{payload} {frame.at[row, column]}"
                if column == "note" and frame.get("stated_nil", pd.Series("", index=frame.index)).at[row] == "true":
                    payload = f"'{payload}'"  # a stated nil's note must quote its source
                frame.at[row, column] = payload
        frame.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return target
