"""Every table of the snapshot, as the data-prep package wrote it."""

import streamlit as st

from components.data import tables
from newsprep.tables import SCHEMA

st.title("Tables")
st.caption("What the data-prep package extracted from the articles. Every fact links to its sentence in *evidence*.")

data = tables()
if data["articles"].empty:
    st.info("No articles yet. Put .txt, .md, .html, .json, .jsonl or .csv files in data/articles/ and run "
            "`python -m newsprep build`.")
    st.stop()

counts = st.columns(4)
for column, (label, table) in zip(counts, [("Articles", "articles"), ("Organizations", "organizations"),
                                           ("Events", "events"), ("Funding rounds", "funding")]):
    column.metric(label, len(data[table]))

name = st.selectbox("Table", list(SCHEMA), format_func=lambda t: f"{t} ({len(data[t])} rows)")
frame = data[name]
if frame.empty:
    st.info(f"The {name} table is empty for these articles.")
else:
    st.dataframe(frame, hide_index=True, column_config={
        column: st.column_config.Column(help=description) for column, _, description in SCHEMA[name]})
with st.expander("What the columns mean"):
    st.table({"column": [c for c, _, _ in SCHEMA[name]], "meaning": [d for _, _, d in SCHEMA[name]]})
