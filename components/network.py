"""Organization network: choose the nodes and edges (pure pandas), then render them with pyvis
as self-contained HTML (vis.js in line, no CDN; every label and tooltip HTML-escaped, which also
keeps a name like "</script>" from breaking out of the page's script)."""

from __future__ import annotations

import html
import importlib.util
import math
import re
import shutil
from functools import cache
from pathlib import Path

import pandas as pd

from components.charts import TYPE_COLORS
from components.labels import ORG_TYPES, RELATION_TYPES, label

DEFAULT_NODE_CAP = 150
LAYOUT_SEED = 7  # the same view always gets the same picture (no reshuffling on a projector)
# A graph the browser can lay out in a moment and a person can read: each node keeps its few
# strongest ties (the caption says how many were drawn).
EDGES_PER_NODE = 3
EDGE_COLORS = {"partnership": "#1f77b4", "investment": "#d62728", "member": "#8c564b", "part_of": "#2ca02c",
               "customer": "#ff7f0e", "supplier": "#9467bd", "co_mention": "#c7c7c7"}
VIS_DIR = "vis-9.1.2"
VIS_FILES = ("vis-network.min.js", "vis-network.css")
STATIC_URL = "/app/static"  # Streamlit serves <app folder>/static there (server.enableStaticServing)
REMOTE_ASSET = re.compile(r"<(?:link|script)\b[^>]*(?:href|src)=\"https?://[^\"]*\"[^>]*>(?:\s*</script>)?", re.I)


def select_graph(orgs: pd.DataFrame, relations: pd.DataFrame, relation_types: list[str],
                 cap: int = DEFAULT_NODE_CAP, ego: str | None = None, ego_depth: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes and edges to draw: relations of the chosen types between known organizations; around
    `ego` only its neighbourhood; at most `cap` nodes, strongest (mentions + weighted degree) first."""
    edges = relations[relations["type"].isin(relation_types)]
    ids = set(orgs["org_id"])
    edges = edges[edges["org_a"].isin(ids) & edges["org_b"].isin(ids)]
    if ego is not None:
        keep = {ego}
        for _ in range(ego_depth):
            touching = edges[edges["org_a"].isin(keep) | edges["org_b"].isin(keep)]
            keep |= set(touching["org_a"]) | set(touching["org_b"])
        edges = edges[edges["org_a"].isin(keep) & edges["org_b"].isin(keep)]
        nodes = orgs[orgs["org_id"].isin(keep)].copy()
    else:
        nodes = orgs[orgs["org_id"].isin(set(edges["org_a"]) | set(edges["org_b"]))].copy()
    degree = pd.concat([edges[["org_a", "weight"]].rename(columns={"org_a": "org_id"}),
                        edges[["org_b", "weight"]].rename(columns={"org_b": "org_id"})]).groupby("org_id")["weight"].sum()
    nodes["degree"] = nodes["org_id"].map(degree).fillna(0)
    nodes["strength"] = nodes["mention_count"].fillna(0) + nodes["degree"]
    nodes = nodes.sort_values(["strength", "name"], ascending=[False, True])
    if ego is not None:  # the ego node is always drawn
        nodes = pd.concat([nodes[nodes["org_id"] == ego], nodes[nodes["org_id"] != ego]])
    nodes = nodes.head(cap)
    kept = set(nodes["org_id"])
    edges = edges[edges["org_a"].isin(kept) & edges["org_b"].isin(kept)]
    edges = edges.sort_values("weight", ascending=False).head(EDGES_PER_NODE * max(len(nodes), 1))
    return nodes, edges


NODE_SPACING_PX = 90  # room per node: labels of neighbouring nodes must not overlap
ROW_WIDTH_PX = 1400


def layout(nodes: pd.DataFrame, edges: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Deterministic positions in pixels: each connected group laid out on its own (networkx,
    seeded) in a circle whose area grows with its size, the groups packed in rows, largest first.
    One spring layout of everything would push groups apart and crush the nodes inside each."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes["org_id"])
    graph.add_weighted_edges_from(edges[["org_a", "org_b", "weight"]].itertuples(index=False, name=None))
    groups = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    positions: dict[str, tuple[float, float]] = {}
    x_cursor = y_cursor = row_height = 0.0
    for group in groups:
        radius = NODE_SPACING_PX * math.sqrt(len(group)) / 1.5 if len(group) > 1 else NODE_SPACING_PX / 3
        if x_cursor + 2 * radius > ROW_WIDTH_PX and x_cursor > 0:
            x_cursor, y_cursor, row_height = 0.0, y_cursor + row_height + NODE_SPACING_PX / 2, 0.0
        centre = (x_cursor + radius, y_cursor + radius)
        if len(group) == 1:
            points = {group[0]: (0.0, 0.0)}
        else:
            points = nx.spring_layout(graph.subgraph(group), seed=LAYOUT_SEED, iterations=100)
        for node, (x, y) in points.items():
            positions[node] = (centre[0] + float(x) * radius, centre[1] + float(y) * radius)
        x_cursor += 2 * radius + NODE_SPACING_PX
        row_height = max(row_height, 2 * radius)
    return positions


@cache
def _vis_sources() -> dict[str, str]:
    spec = importlib.util.find_spec("pyvis")
    folder = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib" / VIS_DIR
    return {name: (folder / name).read_text(encoding="utf-8") for name in VIS_FILES}


def publish_vis_assets(static_dir: Path) -> None:
    """Put vis-network's script and style where the app serves static files, so every rendering of
    the graph references them (the browser caches them) instead of carrying ~700 KB in line."""
    static_dir.mkdir(parents=True, exist_ok=True)
    spec = importlib.util.find_spec("pyvis")
    folder = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib" / VIS_DIR
    for name in VIS_FILES:
        target = static_dir / name
        if not target.exists() or target.stat().st_size != (folder / name).stat().st_size:
            shutil.copyfile(folder / name, target)


def use_served_assets(page: str) -> str:
    """Replace the in-line vis-network script and style with references to the served copies."""
    sources = _vis_sources()
    page = page.replace(sources["vis-network.min.js"], "").replace(sources["vis-network.css"], "")
    tags = (f'<link rel="stylesheet" href="{STATIC_URL}/vis-network.css">'
            f'<script src="{STATIC_URL}/vis-network.min.js"></script>')
    return page.replace("<head>", "<head>" + tags, 1)


def network_html(nodes: pd.DataFrame, edges: pd.DataFrame, names: dict[str, str], lang: str = "zh",
                 height_px: int = 640, ego: str | None = None, served_assets: bool = False) -> str:
    """The graph as a self-contained page; with `served_assets`, vis-network comes from the app's
    static files instead (same page, a fraction of the size)."""
    from pyvis.network import Network

    net = Network(height=f"{height_px}px", width="100%", cdn_resources="in_line", bgcolor="#ffffff", directed=True)
    top = max(nodes["strength"].max(), 1) if not nodes.empty else 1
    positions = layout(nodes, edges)
    for row in nodes.itertuples():
        name = names.get(row.org_id, row.name)
        place = " · ".join(p for p in (row.province, row.city) if isinstance(p, str) and p and p != row.province) or (row.province or "")
        tooltip = f"{name}\n{label(ORG_TYPES, row.type, lang)} {place}\n{int(row.mention_count)} mentions"
        net.add_node(row.org_id, label=html.escape(name), title=html.escape(tooltip),
                     color=TYPE_COLORS.get(row.type, "#999999"), size=10 + 30 * math.sqrt(row.strength / top),
                     borderWidth=4 if row.org_id == ego else 1, font={"size": 16, "face": "Noto Sans CJK SC"},
                     x=positions[row.org_id][0], y=positions[row.org_id][1], physics=False)
    for row in edges.itertuples():
        kind = label(RELATION_TYPES, row.type, lang)
        net.add_edge(row.org_a, row.org_b, title=html.escape(f"{kind} ×{row.weight}"),
                     color=EDGE_COLORS.get(row.type, "#999999"), width=1 + math.log1p(row.weight),
                     arrows="to" if row.type not in ("partnership", "co_mention") else "")
    # positions are computed here, so the browser runs no physics: the graph appears at once
    net.set_options('{"layout": {"improvedLayout": false}, "physics": {"enabled": false},'
                    ' "edges": {"smooth": false}, "interaction": {"hover": true, "navigationButtons": false}}')
    page = REMOTE_ASSET.sub("", net.generate_html())
    return use_served_assets(page) if served_assets else page
