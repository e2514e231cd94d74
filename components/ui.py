"""Small Streamlit helpers every page uses, so each page only wires data to them."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import exports
from components.charts import style

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"], "toImageButtonOptions": {"format": "png"}}


# Every ASCII punctuation mark Markdown, Streamlit's directives (:red[…]) or LaTeX ($…$) could read.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$:~&])")


def plain(text) -> str:
    """Text from an article (a title, a source, a sentence, a name) made safe for Markdown-rendering
    elements: every mark is escaped, so ![x](http://…) shows as written and fetches nothing."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


MISSING = "—"


def table(frame: pd.DataFrame, **kwargs) -> None:
    """st.dataframe with missing text shown as — instead of the word None (numbers stay empty)."""
    shown = frame.copy()
    for column in shown.columns:
        if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):
            shown[column] = shown[column].map(lambda v: MISSING if v is None or (isinstance(v, float) and v != v) else v)
    st.dataframe(shown, **kwargs)


def title(zh: str, en: str, lang: str) -> None:
    st.title(zh if lang == "zh" else en)


def say(zh: str, en: str, lang: str) -> str:
    return zh if lang == "zh" else en


def empty(lang: str, what_zh: str = "数据", what_en: str = "data") -> None:
    st.info(say(f"当前筛选条件下没有{what_zh}。可以放宽筛选条件，或点击侧栏的“重置筛选”。",
                f"No {what_en} matches the current filters. Widen them, or use “Reset filters” in the sidebar.", lang),
            icon="🔍")


def stop_if_empty(frame: pd.DataFrame, lang: str, what_zh: str = "数据", what_en: str = "data") -> None:
    """A page with nothing to show says so kindly and stops there."""
    if frame.empty:
        empty(lang, what_zh, what_en)
        st.stop()


def chart(figure: go.Figure, key: str, present: bool, lang: str, height: int | None = None, **kwargs):
    """A styled chart with a PNG download under it (rendered only when clicked)."""
    styled = style(figure, projector=present, height=height)
    state = st.plotly_chart(styled, key=key, config=PLOTLY_CONFIG, **kwargs)
    if not present:
        st.download_button(say("下载 PNG", "Download PNG", lang), data=lambda: exports.png_bytes([styled])[0],
                           file_name=f"{key}.png", mime="image/png", key=f"{key}_png", type="tertiary", icon=":material/image:")
    return state


def downloads(sheets: dict[str, pd.DataFrame], name: str, lang: str, present: bool) -> None:
    """CSV of the first table and Excel of all of them, exactly as filtered on screen."""
    if present:
        return
    first = next(iter(sheets.values()))
    left, right = st.columns(2)
    left.download_button(say("下载 CSV", "Download CSV", lang), data=lambda: exports.csv_bytes(first),
                         file_name=f"{name}.csv", mime="text/csv", key=f"{name}_csv", icon=":material/download:")
    right.download_button(say("下载 Excel", "Download Excel", lang), data=lambda: exports.excel_bytes(sheets),
                          file_name=f"{name}.xlsx", key=f"{name}_xlsx", icon=":material/table:",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
