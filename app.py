"""Entry point: page set-up, the shared sidebar, navigation. Nothing else."""

import streamlit as st

from components import sidebar
from components.data import tables

st.set_page_config(page_title="China AI for Science landscape", page_icon="🔬", layout="wide")

filters, lang, present = sidebar.render(tables())
zh = lang == "zh"
pages = [
    st.Page("app_pages/overview.py", title="概览" if zh else "Overview", icon=":material/dashboard:", url_path="overview", default=True),
    st.Page("app_pages/timeline.py", title="时间线" if zh else "Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("app_pages/map.py", title="地图" if zh else "Map", icon=":material/map:", url_path="map"),
    st.Page("app_pages/network.py", title="关系网络" if zh else "Network", icon=":material/hub:", url_path="network"),
    st.Page("app_pages/organizations.py", title="机构" if zh else "Organizations", icon=":material/apartment:", url_path="organizations"),
    st.Page("app_pages/funding.py", title="融资" if zh else "Funding", icon=":material/payments:", url_path="funding"),
    st.Page("app_pages/articles.py", title="文章" if zh else "Articles", icon=":material/article:", url_path="articles"),
    st.Page("app_pages/methods.py", title="数据与方法" if zh else "Data & methods", icon=":material/info:", url_path="methods"),
]
st.navigation(pages, position="hidden" if present else "sidebar").run()
