"""From a raw body to the cleaned story text every offset refers to.

Order matters: HTML to text; injected pinyin readings out (they are Latin and would survive the
conversion); Traditional to Simplified; then boilerplate, which is written in Simplified.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from newsprep.furniture import Furniture, read_furniture
from newsprep.resources import read_rows

BLOCK_TAGS = re.compile(
    r"<\s*(?:br|hr|/?p|/?div|/?li|/?ul|/?ol|/?h[1-6]|/?tr|/?table|/?section|/?article|/?blockquote|/?header|/?footer)\b[^>]*>",
    re.I,
)
DROP_ELEMENTS = re.compile(r"<\s*(script|style|noscript|template)\b.*?<\s*/\s*\1\s*>", re.I | re.S)

TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# A reading is a parenthesised run of Latin syllables with at least one tone mark, right after a
# CJK character (網(wǎng)) or a Latin letter of an acronym the injector split (F(xiàn)DA). Real parentheses — (記者凌紀偉), (International AI for Science Union) —
# never match because they hold CJK text or Latin words without tone marks.
PINYIN_READING = re.compile(
    r"(?<=[\u3400-\u9fffA-Za-z])[(（]\s*(?=[a-zü" + TONE_MARKED + r" ]*[" + TONE_MARKED + r"])[a-zü" + TONE_MARKED + r"]{1,7}\s*[)）]",
    re.I,
)

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
STANDALONE_DATE_LINE = re.compile(r"^(?:(?:19|20)\d{2}[-/.年])?\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
# A page's timestamp glued to the story's first words (2025-08-16 07:192025年8月14日，…): furniture,
# read above, and cut so the story starts with its own words.
GLUED_STAMP = re.compile(r"^(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?(?=\S)")
HEADLINE_MAX_CHARS = 60
HEADLINE_MIN_OVERLAP = 0.25


@dataclass
class CleanedText:
    text: str
    script: str  # "simplified" or "traditional": the script of the original
    removed: list[tuple[str, str]] = field(default_factory=list)  # (marker_id, removed text)
    head_date_line: str | None = None  # a bare date line cut from the top of the story
    furniture: Furniture = field(default_factory=Furniture)  # date and outlet the page states about itself


def html_to_text(html: str) -> str:
    """Text of an HTML fragment or page, one line per block element."""
    import lxml.html

    html = DROP_ELEMENTS.sub(" ", html)
    html = BLOCK_TAGS.sub("\n", html)
    try:
        root = lxml.html.fromstring(f"<html><body>{html}</body></html>")
    except Exception:  # lxml rejects some broken documents outright; keep their text rather than lose it
        return re.sub(r"<[^>]+>", " ", html)
    return root.text_content()


def remove_pinyin_readings(text: str) -> str:
    return PINYIN_READING.sub("", text)


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> tuple[str, str]:
    """Simplified text and the script of the original ("traditional" when conversion changed it)."""
    converted = _converter().convert(text)
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    changed = sum(1 for a, b in zip(text, converted) if a != b)
    # Simplified text also has a handful of characters OpenCC rewrites (variants); a Traditional
    # text changes in a few percent of its characters at least.
    script = "traditional" if cjk and changed >= 3 and changed / cjk > 0.02 else "simplified"
    return converted, script


def normalise_lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).replace("\u3000", " ").replace("\xa0", " ")
    text = ZERO_WIDTH.sub("", text)  # 之\u200b江实验室 must still read as 之江实验室
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t]+", " ", line).strip()
        line = re.sub(r"^#{1,6}\s+", "", line)  # Markdown headings: keep the words
        if line:
            lines.append(line)
    return lines


@dataclass(frozen=True)
class Marker:
    marker_id: str
    kind: str
    pattern: re.Pattern
    min_position: float


@cache
def boilerplate_markers() -> tuple[Marker, ...]:
    markers = []
    for row in read_rows("boilerplate_markers.csv"):
        pattern = row["pattern"] if row["match"] == "regex" else "^" + re.escape(row["pattern"])
        markers.append(Marker(row["marker_id"], row["kind"], re.compile(pattern, re.I),
                              float(row["min_position"] or 0)))
    return tuple(markers)


def cut_boilerplate(lines: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Drop furniture lines and everything after the first footer marker past its min position."""
    total = sum(len(line) for line in lines) or 1
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    seen = 0
    for index, line in enumerate(lines):
        position = seen / total
        seen += len(line)
        cut = next((m for m in boilerplate_markers()
                    if m.kind == "cut_from" and position >= m.min_position and m.pattern.search(line)), None)
        if cut:
            removed.append((cut.marker_id, "\n".join(lines[index:])))
            break
        drop = next((m for m in boilerplate_markers() if m.kind == "drop_line" and m.pattern.search(line)), None)
        if drop:
            removed.append((drop.marker_id, line))
            continue
        kept.append(line)
    return kept, removed


def _bigrams(text: str) -> set[str]:
    cjk = re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", text)
    return {cjk[i:i + 2] for i in range(len(cjk) - 1)}


def cut_unrelated_head(lines: list[str]) -> tuple[list[str], list[tuple[str, str]], str | None]:
    """A listing page puts another story's headline and a bare date above the story.

    A short line above a bare date line near the top is kept only when it shares words with the
    story (then it is the story's own title); otherwise it is a neighbour's headline.
    """
    for date_index in range(min(4, len(lines))):
        if STANDALONE_DATE_LINE.match(lines[date_index]):
            break
    else:
        return lines, [], None
    rest = "".join(lines[date_index + 1:])
    rest_bigrams = _bigrams(rest)
    removed = []
    kept_head = []
    for line in lines[:date_index]:
        grams = _bigrams(line)
        overlap = len(grams & rest_bigrams) / len(grams) if grams else 0
        if len(line) <= HEADLINE_MAX_CHARS and "。" not in line and overlap < HEADLINE_MIN_OVERLAP:
            removed.append(("unrelated_headline", line))
        else:
            kept_head.append(line)
    removed.append(("head_date_line", lines[date_index]))
    return kept_head + lines[date_index + 1:], removed, lines[date_index]


def clean(body: str, is_html: bool) -> CleanedText:
    text = html_to_text(body) if is_html else body
    text = remove_pinyin_readings(text)
    text, script = to_simplified(text)
    lines = normalise_lines(text)
    furniture = read_furniture(lines)
    lines = [GLUED_STAMP.sub("", line) for line in lines]
    lines, removed_head, head_date = cut_unrelated_head(lines)
    lines, removed = cut_boilerplate(lines)
    return CleanedText("\n".join(lines), script, removed_head + removed, head_date, furniture)
