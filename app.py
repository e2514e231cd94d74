"""Entry point: page set-up, the shared sidebar, navigation. Nothing else."""

import streamlit as st

from components import auth, sidebar
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
# Read-only by default: the admin pages exist only in an admin's session, so a viewer who types
# their address gets the app's "page not found", and no widget of theirs is ever drawn.
if auth.is_admin():
    admin = [
        st.Page("app_pages/admin_curate.py", title="更正数据" if zh else "Correct data", icon=":material/edit:", url_path="curate"),
        st.Page("app_pages/admin_upload.py", title="上传文章" if zh else "Upload articles", icon=":material/upload:", url_path="upload"),
    ]
else:
    admin = [st.Page("app_pages/admin_login.py", title="管理员登录" if zh else "Admin sign-in", icon=":material/login:", url_path="admin")]
if not present:
    with st.sidebar:
        auth.logout_button(lang)
navigation = {"": pages, ("管理" if zh else "Admin"): admin}
st.navigation(navigation, position="hidden" if present else "sidebar").run()
