"""Admin sign-in. Viewers never need it: the dashboard is read-only until an admin signs in."""

import streamlit as st

from components import auth, ui
from components.data import current

view, filters, lang, present = current()
ui.title("管理员登录", "Admin sign-in", lang)
st.caption(ui.say("管理员可以上传文章、合并与更正机构、隐藏错误的事实。浏览无需登录。",
                  "Admins upload articles, merge and correct organizations and hide wrong facts. Viewing needs no sign-in.", lang))
auth.login_form(lang)
