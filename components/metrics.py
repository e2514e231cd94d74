"""Numbers the pages show, computed from a filtered view. Pure pandas."""

from __future__ import annotations

from functools import cache

import pandas as pd

from components.filtering import View
from newsprep import places

YUAN_PER_YI = 1e8
MAP_METRICS = ("organizations", "events", "funding")


def headline(view: View) -> dict[str, float]:
    amounts = view.funding["amount_cny_min"].fillna(view.funding["amount_cny_max"])
    provinces = set(view.orgs["province"].dropna()) | set(view.events["province"].dropna())
    return {"organizations": len(view.orgs), "events": len(view.events), "rounds": len(view.funding),
            "disclosed": round(float(amounts.sum()) / YUAN_PER_YI, 2), "provinces": len(provinces)}


def funding_with_place(view: View) -> pd.DataFrame:
    """Rounds with the recipient's province and city (a round happens where its recipient is based)."""
    place = view.all_orgs.set_index("org_id")[["province", "city"]]
    return view.funding.join(place.rename(columns={"province": "recipient_province", "city": "recipient_city"}),
                             on="recipient_org_id")


def by_place(view: View, metric: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(province values with adcode, city values with coordinates) for a map metric."""
    if metric == "organizations":
        frame = view.orgs[["province", "city"]]
        weights = pd.Series(1, index=frame.index)
    elif metric == "events":
        frame = view.events[["province", "city"]]
        weights = pd.Series(1, index=frame.index)
    else:
        rounds = funding_with_place(view)
        frame = rounds.rename(columns={"recipient_province": "province", "recipient_city": "city"})[["province", "city"]]
        weights = rounds["amount_cny_min"].fillna(rounds["amount_cny_max"]).fillna(0) / YUAN_PER_YI
    frame = frame.assign(value=weights.values)
    provinces = frame.dropna(subset=["province"]).groupby("province")["value"].sum().reset_index()
    provinces["adcode"] = provinces["province"].map(lambda p: (places.lookup(p).adcode if places.lookup(p) else None))
    cities = frame.dropna(subset=["city"]).groupby("city")["value"].sum().reset_index()
    located = cities["city"].map(places.lookup)
    cities["longitude"] = located.map(lambda p: p.longitude if p else None)
    cities["latitude"] = located.map(lambda p: p.latitude if p else None)
    return provinces.dropna(subset=["adcode"]), cities.dropna(subset=["longitude", "latitude"])


@cache
def adcode_to_province() -> dict[str, str]:
    """Map feature adcode → short province name (the same for every view, so computed once)."""
    from components.maps import province_shapes

    geojson, _ = province_shapes()
    result = {}
    for feature in geojson["features"]:
        place = places.lookup(feature["properties"]["name"])
        if place:
            result[feature["properties"]["adcode"]] = place.province
    return result
