"""The jieba tokenizer, built once with the organization gazetteer as its user dictionary."""

from __future__ import annotations

import io
import logging
import re
import tempfile
from functools import cache
from typing import NamedTuple

USER_WORD_FREQ = 200_000  # high enough that a gazetteer name wins over splits of common words
JIEBA_SAFE_WORD = re.compile(r"^[\u4e00-\u9fffA-Za-z]+$")  # jieba's user dict drops words with spaces, digits or symbols


class Token(NamedTuple):
    text: str
    start: int
    end: int


@cache
def tokenizer():
    """A private jieba.Tokenizer (not the global one) with the gazetteer's names added."""
    import jieba

    from newsprep.gazetteer import gazetteer

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.tmp_dir = tempfile.gettempdir()
    words = sorted({form for org in gazetteer().orgs for form in org.surface_forms if JIEBA_SAFE_WORD.match(form)})
    tk.load_userdict(io.StringIO("".join(f"{w} {USER_WORD_FREQ} nt\n" for w in words)))
    tk.initialize()
    return tk


def tokenize(text: str) -> list[Token]:
    # lcut plus running offsets: the same segmentation as jieba's tokenize(), with less overhead
    tokens = []
    position = 0
    for word in tokenizer().lcut(text):
        end = position + len(word)
        tokens.append(Token(word, position, end))
        position = end
    return tokens


@cache
def word_tags() -> dict[str, str]:
    """Part-of-speech tags of jieba's dictionary words (no tagging is run on text: that is slow)."""
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab

