"""An article's cleaned text as HTML with organizations, places, dates and money marked.
Every piece of text is escaped; only the <mark> tags are ours."""

from __future__ import annotations

import html

import pandas as pd

from newsprep.dates import find_dates
from newsprep.money import find_amounts
from newsprep.nlp import tokenize
from newsprep.places import places_in

KIND_STYLE = {
    "org": "background:#dbeafe;border-bottom:2px solid #1f5fa8",
    "place": "background:#dcfce7",
    "date": "background:#fef3c7",
    "money": "background:#fee2e2",
}
KIND_LABELS = {"org": ("机构", "Organization"), "place": ("地点", "Place"), "date": ("日期", "Date"), "money": ("金额", "Money")}


def spans(text: str, mentions: pd.DataFrame) -> list[tuple[int, int, str]]:
    """(start, end, kind) of everything worth marking, without overlaps (organizations win)."""
    found = [(int(r.start), int(r.end), "org") for r in mentions.itertuples()]
    found += [(d.start, d.end, "date") for d in find_dates(text)]
    found += [(a.start, a.end, "money") for a in find_amounts(text)]
    found += [(s, e, "place") for s, e, _ in places_in(text, tokenize(text))]
    chosen: list[tuple[int, int, str]] = []
    order = {"org": 0, "money": 1, "date": 2, "place": 3}
    for start, end, kind in sorted(found, key=lambda x: (order[x[2]], x[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, kind))
    return sorted(chosen)


def highlighted_html(text: str, mentions: pd.DataFrame, titles: dict[tuple[int, int], str] | None = None) -> str:
    parts, cursor = [], 0
    for start, end, kind in spans(text, mentions):
        parts.append(html.escape(text[cursor:start]))
        title = html.escape((titles or {}).get((start, end), kind), quote=True)
        parts.append(f'<mark style="{KIND_STYLE[kind]}" title="{title}">{html.escape(text[start:end])}</mark>')
        cursor = end
    parts.append(html.escape(text[cursor:]))
    body = "".join(parts).replace("\n", "<br>")
    return f'<div style="line-height:1.9;font-size:1.05rem">{body}</div>'


def legend_html(lang: str) -> str:
    items = [f'<mark style="{KIND_STYLE[k]}">{KIND_LABELS[k][0 if lang == "zh" else 1]}</mark>' for k in KIND_STYLE]
    return " ".join(items)
