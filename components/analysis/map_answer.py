"""The Map page's answer in one line: which routes were built and which stayed on paper, from the data."""

import pandas as pd

from components.analysis import formats, geo


def routes_answer(lines: pd.DataFrame) -> str:
    """One sentence naming the drawn routes by status, built ones first, e.g. "Built: Khasan–Rajin
    railway (54 km). On paper: Gas pipeline, 2 route variants (stalled)." Empty when nothing is drawn."""
    if lines.empty:
        return ""
    parts = []
    for solid in (True, False):
        chosen = lines[lines["status"].isin(geo.SOLID_STATUSES) == solid]
        if chosen.empty:
            continue
        names = []
        for (name, status), routes in chosen.groupby(["name", "status"], sort=False):
            variants = f", {len(routes)} route variants" if len(routes) > 1 else ""
            length = routes["stated_length_km"].dropna()
            stated = f", {formats.length_km(length.iloc[0])}" if len(length) and not variants else ""
            names.append(f"{name}{stated}{variants} ({geo.STATUS_LABELS[status].lower()})")
        parts.append(("Built or building: " if solid else "On paper only: ") + "; ".join(names) + ".")
    return " ".join(parts)
