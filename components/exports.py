"""Export what is on screen: tables to CSV and Excel, charts to PNG, and a PPTX meeting pack.
Pure functions returning bytes; the pages hand them to download buttons (lazily, on click)."""

from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go

PNG_WIDTH, PNG_HEIGHT, PNG_SCALE = 1600, 900, 1
SLIDE_WIDTH_IN, SLIDE_HEIGHT_IN = 13.333, 7.5  # 16:9


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists (aliases, provinces, evidence ids) become 、-joined text for spreadsheets, and text that
    a spreadsheet would run as a formula (=HYPERLINK(…), +, -, @) is neutralised with a leading
    apostrophe (OWASP's advice against CSV injection): titles and sentences come from articles."""
    out = frame.copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, (list, tuple)) or hasattr(v, "tolist")).any():
            out[column] = out[column].map(lambda v: "、".join(map(str, list(v))) if v is not None and not isinstance(v, str) else v)
        if out[column].map(lambda v: isinstance(v, str)).any():
            out[column] = out[column].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v)
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    # BOM so that Excel opens Chinese text in CSV correctly
    return flat(frame).to_csv(index=False).encode("utf-8-sig")


def excel_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            flat(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def png_bytes(figures: list[go.Figure]) -> list[bytes]:
    """PNG of each figure, rendered by kaleido with the system Chromium, one browser for the batch."""
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    try:
        return [figure.to_image(format="png", width=PNG_WIDTH, height=PNG_HEIGHT, scale=PNG_SCALE) for figure in figures]
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def meeting_pack(figures: list[tuple[str, go.Figure]], title: str, filter_lines: list[str], data_date: str) -> bytes:
    """A 16:9 deck: a title slide with the filters and the data date, then one slide per chart."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_WIDTH_IN), Inches(SLIDE_HEIGHT_IN)
    cover = deck.slides.add_slide(deck.slide_layouts[1])
    cover.shapes.title.text = title
    body = cover.placeholders[1].text_frame
    body.text = "筛选条件 Filters"
    for line in filter_lines:
        body.add_paragraph().text = line
    body.add_paragraph().text = f"数据日期 Data as of: {data_date}"
    for paragraph in body.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(20)
    images = png_bytes([figure for _, figure in figures])
    for (heading, _), image in zip(figures, images):
        slide = deck.slides.add_slide(deck.slide_layouts[5])
        slide.shapes.title.text = heading
        top = Inches(1.3)
        height = Inches(SLIDE_HEIGHT_IN) - top - Inches(0.3)
        width = height * PNG_WIDTH / PNG_HEIGHT
        left = (Inches(SLIDE_WIDTH_IN) - width) / 2
        slide.shapes.add_picture(io.BytesIO(image), left, top, width=width, height=height)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
