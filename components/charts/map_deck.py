"""The pydeck map: route lines (solid when built, dashed on paper or schematic), project sites, the
places on the routes, text labels that overlap nothing, country outlines, and the legend.

Every layer is local geometry (no tiles, no fonts from the network), so the map draws offline with
no basemap. Tooltips use pydeck's ``text`` form, which the browser sets as text, never as HTML.
"""

import base64
from collections.abc import Iterable, Sequence

import pandas as pd
import pydeck as pdk

from components.analysis import geo
from components.charts import map_labels
from components.charts.chart_style import (
    BORDER_COLOR,
    DASH_PATTERN,
    LABEL_BACKGROUND,
    LABEL_COLOR,
    LAND_COLOR,
    OUTLINE_COLOR,
    PLACE_COLOR,
    STATUS_COLOURS,
)
from components.charts.map_view import fit_view
from components.i18n import _

# pydeck reads a bare string property as a data accessor ("@@=pixels"); literals must be wrapped.
PIXELS = pdk.types.String("pixels")


def _rgb(status: str, alpha: int = 255) -> list[int]:
    return [*STATUS_COLOURS[status], alpha]


def _route_records(lines: pd.DataFrame) -> list[dict]:
    return [
        {
            "name": row["name"],
            "path": row["path"],
            "color": _rgb(row["status"]),
            "hover_text": geo.hover_text(row, "Route"),
        }
        for row in lines.to_dict("records")
    ]


def build_deck(
    lines: pd.DataFrame,
    sites: pd.DataFrame,
    places: pd.DataFrame,
    layers: Iterable[str] = geo.LAYERS,
    basemap: str = "none",
    view: pdk.ViewState | None = None,
    outlines: list[dict] | None = None,
) -> pdk.Deck:
    """The pydeck map: solid lines for built routes, dashed for the rest, site and place points, labels.

    ``basemap="none"`` sets no map provider, so nothing is fetched and only local layers draw; the
    local country ``outlines`` (GeoJSON features) give that map its coasts and borders.
    """
    if basemap not in geo.BASEMAPS:
        raise ValueError(f"basemap must be one of {geo.BASEMAPS}, got {basemap!r}")
    wanted = set(layers)
    deck_layers = []
    if "outlines" in wanted and outlines:
        deck_layers.append(_outline_layer(outlines))
    if "routes" in wanted:
        deck_layers += _route_layers(lines)
    site_records = _site_records(sites)
    place_records = _place_records(places)
    if "places" in wanted:
        deck_layers.append(_point_layer("places", place_records, radius=4, fill_color=list(PLACE_COLOR)))
    if "sites" in wanted:
        deck_layers.append(_point_layer("sites", site_records, radius=8, fill_color="color"))
    if view is None:
        view = fit_view(lines, sites)
    if "labels" in wanted:
        # Only labels that overlap nothing at the first view; the others stay in the dots' hover text.
        placed = map_labels.place_labels(
            site_records if "sites" in wanted else [],
            map_labels.mark_route_ends(place_records, lines) if "places" in wanted else [],
            view,
        )
        deck_layers.append(_label_layer(placed))
    basemap_options = {"map_provider": None} if basemap == "none" else {"map_provider": "carto", "map_style": basemap}
    return pdk.Deck(
        layers=deck_layers,
        initial_view_state=view,
        tooltip={"text": "{hover_text}"},
        **basemap_options,
    )


def _outline_layer(outlines: list[dict]) -> pdk.Layer:
    """The local country outlines: land fill and borders, drawn under everything else."""
    return pdk.Layer(
        "GeoJsonLayer",
        data={"type": "FeatureCollection", "features": outlines},
        id="outlines",
        stroked=True,
        filled=True,
        get_fill_color=list(LAND_COLOR),
        get_line_color=list(BORDER_COLOR),
        line_width_units=PIXELS,
        get_line_width=1,
        pickable=False,
    )


def _route_layers(lines: pd.DataFrame) -> list[pdk.Layer]:
    """Built and building routes as solid lines, the rest (and every schematic line) dashed."""
    # A schematic line is drawn dashed whatever its status: its path is not known.
    drawn_solid = lines["status"].isin(geo.SOLID_STATUSES)
    if "schematic" in lines:
        drawn_solid &= ~lines["schematic"].astype(bool)
    solid = lines[drawn_solid]
    dashed = lines[~drawn_solid]
    path_style = {"get_path": "path", "get_color": "color", "width_units": PIXELS, "pickable": True}
    return [
        pdk.Layer("PathLayer", data=_route_records(solid), id="routes-solid", get_width=5, **path_style),
        pdk.Layer(
            "PathLayer",
            data=_route_records(dashed),
            id="routes-dashed",
            get_width=4,
            get_dash_array=list(DASH_PATTERN),
            dash_justified=True,
            extensions=[{"@@type": "PathStyleExtension", "dash": True}],
            **path_style,
        ),
    ]


def _site_records(sites: pd.DataFrame) -> list[dict]:
    return [
        {
            "name": row["name"],
            "position": [float(row["lon"]), float(row["lat"])],
            "color": _rgb(row["status"]),
            "hover_text": geo.hover_text(row, "Site"),
        }
        for row in sites.to_dict("records")
    ]


def _place_records(places: pd.DataFrame) -> list[dict]:
    return [
        {
            "name": row["place"],
            "position": [float(row["lon"]), float(row["lat"])],
            "hover_text": _("{place}\nOn: {routes}\nSource: {source}").format(
                place=row["place"], routes=row["route_names"], source=row["source"]
            ),
        }
        for row in places.to_dict("records")
    ]


def _point_layer(layer_id: str, records: list[dict], radius: float, fill_color) -> pdk.Layer:
    """Outlined dots of ``records``, ``radius`` pixels, filled with ``fill_color`` (a colour or a field)."""
    return pdk.Layer(
        "ScatterplotLayer",
        data=records,
        id=layer_id,
        get_radius=radius,
        get_fill_color=fill_color,
        get_line_width=1.5,
        get_position="position",
        radius_units=PIXELS,
        stroked=True,
        line_width_units=PIXELS,
        get_line_color=list(OUTLINE_COLOR),
        pickable=True,
    )


def _label_layer(placed: list[dict]) -> pdk.Layer:
    """The placed labels as text on a light background."""
    return pdk.Layer(
        "TextLayer",
        data=map_labels.label_records(placed),
        id="labels",
        get_position="position",
        get_text="text",
        get_size=map_labels.FONT_SIZE_PIXELS,
        font_family=pdk.types.String(map_labels.FONT_FAMILY),
        get_color=list(LABEL_COLOR),
        get_pixel_offset="offset",
        character_set=pdk.types.String("auto"),
        background=True,
        get_background_color=list(LABEL_BACKGROUND),
        background_padding=[2, 1],
        get_text_anchor="anchor",
        get_alignment_baseline=pdk.types.String("center"),
        pickable=False,
    )


def _svg_data_uri(svg_body: str) -> str:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="16" viewBox="0 0 40 16">{svg_body}</svg>'
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _css_rgb(color: Sequence[int]) -> str:
    return f"rgb({color[0]},{color[1]},{color[2]})"


def legend_table() -> pd.DataFrame:
    """The legend as rows of (symbol image, meaning): status colours, then line and point styles.

    Symbols are small inline SVG images built from the constants above, so they need no network.
    """
    outline = _css_rgb(OUTLINE_COLOR)
    rows = [
        (f'<circle cx="20" cy="8" r="6" fill="{_css_rgb(STATUS_COLOURS[status])}" stroke="{outline}"/>', _(label))
        for status, label in geo.STATUS_LABELS.items()
    ]
    dash = " ".join(str(length) for length in DASH_PATTERN)
    rows += [
        (f'<line x1="2" y1="8" x2="38" y2="8" stroke="{outline}" stroke-width="4"/>', _("Line: built or building")),
        (
            f'<line x1="2" y1="8" x2="38" y2="8" stroke="{outline}" stroke-width="3" stroke-dasharray="{dash}"/>',
            _("Dashed: plan/schematic"),
        ),
        (f'<circle cx="20" cy="8" r="6" fill="{outline}" stroke="{outline}"/>', _("Project site")),
        (f'<circle cx="20" cy="8" r="3.5" fill="white" stroke="{outline}"/>', _("City or station")),
    ]
    return pd.DataFrame(
        {"symbol": [_svg_data_uri(body) for body, _meaning in rows], "meaning": [meaning for _body, meaning in rows]}
    )
