"""Entry point: page set-up and navigation only."""

import streamlit as st

st.set_page_config(page_title="China AI for Science landscape", page_icon="🔬", layout="wide")

navigation = st.navigation([
    st.Page("app_pages/tables.py", title="Tables", icon="📋", default=True),
])
navigation.run()
