"""Map logic: route lines and project sites from ``routes.csv`` and ``projects.csv``, their lengths
(great-circle legs, or along the track where a source gives km posts), what lies on land, and the table
of what is shown. ``components.charts.map_deck`` draws them.
"""

import math
from collections.abc import Iterable, Sequence

import pandas as pd

from components.analysis import formats
from components.data.vocabularies import LABELS, vocabulary_label
from components.i18n import N_, _, ngettext

EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius
# A route more than this share off its stated length says why on the map (and fails a data test unless
# it is schematic).
LENGTH_TOLERANCE = 0.15

BASEMAPS = ("none", "light", "dark")
# The basemap's choices in words; the link keeps the code (``?basemap=light``).
BASEMAP_WORDS = {"none": N_("Off"), "light": N_("Light"), "dark": N_("Dark")}
LAYERS = ("outlines", "routes", "sites", "places", "labels")
# Layer and status labels are also the filters' URL values, so they stay English here: show them with
# ``_(LAYER_LABELS[layer])`` and ``status_label(status)``.
LAYER_LABELS = {
    "outlines": N_("Country outlines"),
    "routes": N_("Route lines"),
    "sites": N_("Project sites"),
    "places": N_("Cities and stations on routes"),
    "labels": N_("Text labels"),
}

# A project's status in words, in the order the legend and the filters list them.
# The words are the vocabulary's own (one label per value, in components/data/vocabularies.py).
STATUS_LABELS = {
    status: LABELS[status]
    for status in ("operational", "under_construction", "agreed", "proposed", "stalled", "cancelled")
}
# Built or being built: drawn solid. Everything else exists only on paper: drawn dashed.
SOLID_STATUSES = ("operational", "under_construction")


def status_label(status: str) -> str:
    """A project status in the reader's language (``under_construction`` → ``Under construction``)."""
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else vocabulary_label(status)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in km between two WGS84 points on a sphere of the mean Earth radius."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    delta_phi = phi2 - phi1
    delta_lambda = math.radians(lon2 - lon1)
    haversine = math.sin(delta_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(delta_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(haversine)))


def leg_lengths_km(vertices: Sequence[tuple[float, float]]) -> list[float]:
    """Great-circle length of each leg between consecutive ``(lat, lon)`` vertices; a line needs two."""
    if len(vertices) < 2:
        raise ValueError(f"a route line needs at least two vertices, got {len(vertices)}")
    return [great_circle_km(*start, *end) for start, end in zip(vertices, vertices[1:], strict=False)]


def route_length_km(vertices: pd.DataFrame) -> tuple[float, float, int]:
    """Length of one route's vertices in ``seq`` order: ``(length, drawn, track_legs)``.

    ``drawn`` sums the straight great-circle legs as the map draws them. ``length`` takes each leg's
    sourced ``track_km`` where the row gives one (the distance along the track from the previous vertex)
    and the straight leg elsewhere; ``track_legs`` counts the legs measured along the track.
    """
    ordered = vertices.sort_values("seq")
    coordinates = list(zip(ordered["lat"], ordered["lon"], strict=True))
    straight = leg_lengths_km(coordinates)
    track = list(ordered["track_km"].iloc[1:]) if "track_km" in ordered.columns else [float("nan")] * len(straight)
    length = sum(leg if pd.isna(along) else float(along) for leg, along in zip(straight, track, strict=True))
    return length, sum(straight), sum(pd.notna(along) for along in track)


def route_is_schematic(vertices: pd.DataFrame) -> bool:
    """A route is schematic when only its endpoints are known or its rows say no source gives the path."""
    flagged = "schematic" in vertices.columns and bool(vertices["schematic"].fillna(False).astype(bool).any())
    return flagged or len(vertices) == 2


# Stated figures the map shows; where the preferred row leaves one empty, another source of the same
# project may state it (e.g. the pipeline's current status is from 2019, its 1,100 km from 2011).
STATED_FIGURES = ("length_km", "cost_usd_m")


def preferred_projects(projects: pd.DataFrame) -> pd.DataFrame:
    """One row per project (its preferred source row), with ``other_source_rows`` counting the rest.

    An empty ``length_km`` or ``cost_usd_m`` is taken from the project's other rows when every one
    of them that states it gives the same value (disputed figures stay empty: the table counts the
    other rows); ``figure_source_ids`` lists the sources of such borrowed figures.
    """
    other_rows = projects.groupby("project_id")["preferred"].agg(lambda preferred: int((~preferred).sum()))
    chosen = projects[projects["preferred"]].copy()
    chosen["other_source_rows"] = chosen["project_id"].map(other_rows).astype(int)
    borrowed_sources: dict[int, list[str]] = {index: [] for index in chosen.index}
    for column in STATED_FIGURES:
        stated = projects[~projects["preferred"] & projects[column].notna()]
        stated = stated[stated.groupby("project_id")[column].transform("nunique") == 1]
        by_project = stated.groupby("project_id")
        agreed_value, stating_sources = by_project[column].first(), by_project["source_id"].agg(list)
        borrows = chosen[column].isna() & chosen["project_id"].isin(agreed_value.index)
        if not borrows.any():
            continue
        chosen.loc[borrows, column] = chosen.loc[borrows, "project_id"].map(agreed_value)
        for index, project_id in chosen.loc[borrows, "project_id"].items():
            borrowed_sources[index].extend(stating_sources[project_id])
    chosen["figure_source_ids"] = [list(dict.fromkeys(borrowed_sources[index])) for index in chosen.index]
    return chosen.reset_index(drop=True)


def hover_text(row: dict, kind: str) -> str:
    """A route's or site's tooltip in plain text: name, kind, category, status, lengths, cost, source."""
    name = str(row["name"])
    title = _("{name} (schematic line)").format(name=name) if row.get("schematic") else name
    kind_label = {"Route": _("Route"), "Site": _("Site")}.get(kind, kind)
    lines = [title, f"{kind_label} · {vocabulary_label(row['category'])} · {status_label(row['status'])}"]
    lines.append(_("Stated length: {length}").format(length=formats.length_km(row["stated_length_km"])))
    if kind == "Route":
        computed = formats.length_km(row["computed_length_km"])
        lines.append(_("Computed length: {length} ({alignment})").format(length=computed, alignment=row["alignment"]))
    lines.append(_("Cost: {cost}").format(cost=formats.money(row["cost_usd_m"], 0)))
    lines.append(_("Source: {source}").format(source=row["source"]))
    return "\n".join(lines)


def route_caveats(vertices: pd.DataFrame, stated_km: float, computed_km: float) -> str:
    """What the map says about a route beyond its alignment: each leg's ``leg_note`` (why a leg stands
    where the outlines could mislead), and for a schematic route more than 15% off its stated length,
    that the straight legs are not the path. Empty when there is nothing to say."""
    notes = list(vertices["leg_note"].dropna()) if "leg_note" in vertices.columns else []
    if route_is_schematic(vertices) and pd.notna(stated_km) and stated_km > 0:
        off = computed_km / stated_km - 1
        if abs(off) > LENGTH_TOLERANCE:
            notes.append(
                _(
                    "the straight legs between the named places give {computed} against the stated {stated} "
                    "({off}): the path between the places is not known, so the line is a sketch of the order of "
                    "places, not of the route"
                ).format(
                    computed=formats.length_km(computed_km),
                    stated=formats.length_km(stated_km),
                    off=formats.percent(off * 100, 0, signed=True),
                )
            )
    return "".join(f"; {note}" for note in notes)


def route_lines(routes: pd.DataFrame, projects: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per route: its vertices in ``seq`` order, computed length and its project's preferred facts.

    Raises ``ValueError`` for a route with fewer than two vertices, a repeated ``seq`` or a project
    that has no preferred row.
    """
    chosen = preferred_projects(projects).set_index("project_id")
    rows = []
    for route_id, vertices in routes.sort_values(["route_id", "seq"]).groupby("route_id", sort=True):
        if vertices["seq"].duplicated().any():
            raise ValueError(_("route {route!r} repeats a seq number").format(route=route_id))
        if len(vertices) < 2:
            count = len(vertices)
            words = ngettext(
                "route {route!r} has {n} vertex; a line needs two",
                "route {route!r} has {n} vertices; a line needs two",
                count,
            )
            raise ValueError(words.format(route=route_id, n=count))
        project_id = vertices["project_id"].iloc[0]
        if project_id not in chosen.index:
            raise ValueError(
                _("route {route!r} refers to project {project!r}, which has no preferred row").format(
                    route=route_id, project=project_id
                )
            )
        project = chosen.loc[project_id]
        coordinates = list(zip(vertices["lat"], vertices["lon"], strict=True))
        vertex_sources = list(vertices["source_id"])
        schematic = route_is_schematic(vertices)
        length, drawn, track_legs = route_length_km(vertices)
        alignment = _alignment_words(len(vertices), schematic, track_legs, drawn)
        alignment += route_caveats(vertices, project["length_km"], length)
        track_sources = vertices["track_source_id"].dropna() if "track_source_id" in vertices.columns else []
        row = {
            "route_id": route_id,
            "project_id": project_id,
            "name": project["name"],
            "category": project["category"],
            "status": project["status"],
            "places": " – ".join(vertices["place"]),
            "vertex_count": len(vertices),
            "alignment": alignment,
            "schematic": schematic,
            "stated_length_km": project["length_km"],
            "computed_length_km": round(length, 1),
            "drawn_length_km": round(drawn, 1),
            "cost_usd_m": project["cost_usd_m"],
            "source_ids": list(
                dict.fromkeys([project["source_id"], *project["figure_source_ids"], *vertex_sources, *track_sources])
            ),
            "other_source_rows": project["other_source_rows"],
            "path": [[float(lon), float(lat)] for lat, lon in coordinates],
        }
        row["source"] = formats.source_labels(row["source_ids"], sources, with_title=True)
        rows.append(row)
    return pd.DataFrame(rows, columns=_ROUTE_COLUMNS) if rows else pd.DataFrame(columns=_ROUTE_COLUMNS)


def _alignment_words(vertex_count: int, schematic: bool, track_legs: int, drawn_km: float) -> str:
    """How a route line is drawn, in words: endpoints only, schematic or approximate, and where its
    length follows the track."""
    if vertex_count == 2:
        words = _("endpoints only: the line is schematic, not the real alignment")
    elif schematic:
        words = ngettext(
            "schematic: {n} named place in order; no source gives the path between them",
            "schematic: {n} named places in order; no source gives the path between them",
            vertex_count,
        ).format(n=vertex_count)
    else:
        words = ngettext(
            "{n} vertex; alignment approximate between them",
            "{n} vertices; alignment approximate between them",
            vertex_count,
        ).format(n=vertex_count)
    if track_legs:
        words = ngettext(
            "{alignment}; length along the track from sourced km posts on {n} of {legs} leg, straight "
            "elsewhere; the line as drawn is {drawn}",
            "{alignment}; length along the track from sourced km posts on {n} of {legs} legs, straight "
            "elsewhere; the line as drawn is {drawn}",
            vertex_count - 1,
        ).format(alignment=words, n=track_legs, legs=vertex_count - 1, drawn=formats.length_km(drawn_km))
    return words


_ROUTE_COLUMNS = [
    "route_id",
    "project_id",
    "name",
    "category",
    "status",
    "places",
    "vertex_count",
    "alignment",
    "schematic",
    "stated_length_km",
    "computed_length_km",
    "drawn_length_km",
    "cost_usd_m",
    "source_ids",
    "other_source_rows",
    "path",
    "source",
]


def project_sites(projects: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Preferred project rows that have coordinates, ready to draw as points; each cites the row's
    source and the source of its coordinates."""
    sites = preferred_projects(projects).dropna(subset=["lat", "lon"]).reset_index(drop=True)
    sites = sites.rename(columns={"length_km": "stated_length_km"})
    sites["source_ids"] = [
        list(dict.fromkeys(source_id for source_id in (own, located, *borrowed) if isinstance(source_id, str)))
        for own, located, borrowed in zip(
            sites["source_id"], sites["location_source_id"], sites["figure_source_ids"], strict=True
        )
    ]
    sites["source"] = [formats.source_labels(ids, sources, with_title=True) for ids in sites["source_ids"]]
    return sites


def route_places(lines: pd.DataFrame, routes: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The named vertices (cities, stations, ports) of the given route lines, one row per place."""
    columns = ["place", "lat", "lon", "route_names", "source_ids", "source"]
    on_lines = routes[routes["route_id"].isin(lines["route_id"])]
    if on_lines.empty:
        return pd.DataFrame(columns=columns)
    names = lines.set_index("route_id")["name"]
    on_lines = on_lines.assign(route_name=on_lines["route_id"].map(names))
    grouped = on_lines.sort_values(["route_id", "seq"]).groupby("place", sort=False)
    places = grouped.agg(
        lat=("lat", "first"),
        lon=("lon", "first"),
        route_names=("route_name", lambda names: "; ".join(dict.fromkeys(names))),
        source_ids=("source_id", lambda ids: list(dict.fromkeys(ids))),
    ).reset_index()
    places["source"] = [formats.source_labels(ids, sources, with_title=True) for ids in places["source_ids"]]
    return places[columns]


def filter_features(
    frame: pd.DataFrame, statuses: Iterable[str], categories: Iterable[str], project_id: str | None = None
) -> pd.DataFrame:
    """Rows whose status and category are both among the chosen ones; with ``project_id``, only that
    project's rows (the Map's ``?project=`` link)."""
    keep = frame["status"].isin(list(statuses)) & frame["category"].isin(list(categories))
    if project_id:
        keep &= frame["project_id"] == project_id
    return frame[keep].reset_index(drop=True)


def project_choices(every_project: pd.DataFrame) -> dict[str, str]:
    """The projects a Map link can select, id → name (in the reader's language), by name: one per project."""
    names = every_project.drop_duplicates("project_id").set_index("project_id")["name"].astype(str)
    return dict(sorted(names.items(), key=lambda item: (item[1].casefold(), item[0])))


def shown_table(lines: pd.DataFrame, sites: pd.DataFrame) -> pd.DataFrame:
    """The table under the map: one row per drawn route or site, stated beside computed length."""
    route_rows = pd.DataFrame(
        {
            "feature": "route",
            "name": lines["name"],
            "category": lines["category"],
            "status": lines["status"],
            "stated_length_km": lines["stated_length_km"],
            "computed_length_km": lines["computed_length_km"],
            "cost_usd_m": lines["cost_usd_m"],
            "schematic": lines["schematic"].astype(bool) if "schematic" in lines else False,
            "geometry": lines["places"] + " (" + lines["alignment"] + ")",
            "source_ids": lines["source_ids"].map("; ".join),
            "other_source_rows": lines["other_source_rows"],
        }
    )
    site_rows = pd.DataFrame(
        {
            "feature": "site",
            "name": sites["name"],
            "category": sites["category"],
            "status": sites["status"],
            "stated_length_km": sites["stated_length_km"],
            "computed_length_km": float("nan"),
            "schematic": False,
            "cost_usd_m": sites["cost_usd_m"],
            "geometry": [
                _("point {lat}, {lon}").format(lat=formats.number(lat, 3), lon=formats.number(lon, 3))
                for lat, lon in zip(sites["lat"], sites["lon"], strict=True)
            ],
            "source_ids": sites["source_ids"].map("; ".join),
            "other_source_rows": sites["other_source_rows"],
        }
    )
    frames = [frame for frame in (route_rows, site_rows) if not frame.empty]
    if not frames:
        return pd.DataFrame(columns=route_rows.columns)
    table = pd.concat(frames, ignore_index=True)
    return table.astype({"stated_length_km": float, "computed_length_km": float, "cost_usd_m": float})


def unlocated_projects(projects: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Preferred projects with neither a site nor a route line: named so the map does not hide them."""
    chosen = preferred_projects(projects)
    unlocated = chosen["lat"].isna() & ~chosen["project_id"].isin(lines["project_id"])
    columns = ["project_id", "name", "category", "status", "source_id"]
    return chosen.loc[unlocated, columns].reset_index(drop=True)


def located_project_ids(projects: pd.DataFrame, routes: pd.DataFrame) -> set[str]:
    """The projects the Map draws: a site (coordinates on the preferred row) or a route line."""
    chosen = preferred_projects(projects)
    return set(chosen.loc[chosen["lat"].notna() & chosen["lon"].notna(), "project_id"]) | set(routes["project_id"])
