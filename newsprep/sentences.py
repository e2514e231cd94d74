"""Sentence splitting that keeps character offsets into the cleaned text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at 。！？!?； (with any closing quotes or brackets that follow) or at a line end.
SENTENCE = re.compile(r"[^\n。！？!?；]+(?:[。！？!?；]+[”’」』）)]*)?|[。！？!?；]+[”’」』）)]*")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    sentences = []
    for match in SENTENCE.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped or not re.search(r"\w", stripped):
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        sentences.append(Sentence(len(sentences), start, start + len(stripped), stripped))
    return sentences
