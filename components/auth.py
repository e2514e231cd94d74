"""Admin sign-in for the dashboard: who is admin, the login form and the logout button.

Thin Streamlit glue over newsprep.admin_auth, which holds the logic (hashing, throttle, config).
Viewers never need to sign in; only the upload and curation pages call is_admin().
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
from collections.abc import Mapping

import streamlit as st

from components.ui import say
from newsprep.admin_auth import AdminConfig, LoginThrottle, admin_config, verify_password

# Session-state keys written only by login_form after verify_password succeeds. No widget uses them,
# and session state lives on the server, so a browser cannot set them by sending a widget value.
SESSION_USER = "_admin_user"
SESSION_CREDENTIAL = "_admin_credential"


def _secrets() -> Mapping:
    """st.secrets as a plain dict; empty when there is no secrets file (st.secrets raises then)."""
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # StreamlitSecretNotFoundError is a FileNotFoundError
        return {}


def config() -> AdminConfig:
    return admin_config(_secrets(), os.environ)


@st.cache_resource(show_spinner=False)
def _throttle() -> LoginThrottle:
    # One throttle per server process, shared by every session: a new tab must not reset the count.
    return LoginThrottle()


def _credential(cfg: AdminConfig) -> str:
    """A fingerprint of the configured hash, so changing the password signs out existing admin sessions."""
    return hashlib.sha256(cfg.password_hash.encode()).hexdigest()


def is_admin() -> bool:
    """Whether this session belongs to the admin."""
    cfg = config()
    if cfg.mode == "oidc":
        user = st.user
        if not user.get("is_logged_in"):
            return False
        # A provider that says the address is unverified does not get to claim an admin's address.
        if user.get("email_verified") is False:
            return False
        email = user.get("email")
        return isinstance(email, str) and email.strip().lower() in cfg.admin_emails
    if cfg.mode == "password":
        return (bool(st.session_state.get(SESSION_USER))
                and st.session_state.get(SESSION_USER) == cfg.user
                and hmac.compare_digest(str(st.session_state.get(SESSION_CREDENTIAL, "")), _credential(cfg)))
    return False


def login_form(lang: str = "zh") -> None:
    """The way in for the configured mode; one sentence when there is none."""
    cfg = config()
    if cfg.mode == "oidc":
        if st.button(say("登录（管理员）", "Log in (admin)", lang), icon=":material/login:"):
            st.login(cfg.provider)  # None means the [auth] section itself
        if st.user.get("is_logged_in") and not is_admin():
            st.warning(say("此账号不是管理员；请换用管理员账号登录。",
                           "This account is not an admin; log in with an admin account.", lang))
        return
    if cfg.mode != "password":
        st.info(say("尚未配置管理员，本应用为只读。配置方法：运行 `python -m newsprep admin-password`，"
                    "把输出的两行粘贴到 `.streamlit/secrets.toml`，然后重启应用。",
                    "No admin is configured, so the app is read-only. To configure one, run "
                    "`python -m newsprep admin-password`, paste the two lines it prints into "
                    "`.streamlit/secrets.toml` and restart the app.", lang), icon=":material/lock:")
        return

    # clear_on_submit: the typed password does not linger in the widget state after this run.
    with st.form("admin_login", clear_on_submit=True):
        name = st.text_input(say("用户名", "User name", lang), autocomplete="username")
        password = st.text_input(say("密码", "Password", lang), type="password", autocomplete="current-password")
        submitted = st.form_submit_button(say("登录", "Log in", lang), icon=":material/login:")
    if not submitted:
        return

    key = name.strip().lower()
    throttle = _throttle()
    wait = throttle.check(key)
    if wait > 0:
        seconds = math.ceil(wait)
        st.error(say(f"失败次数过多；请 {seconds} 秒后再试。", f"Too many failed attempts; try again in {seconds} s.", lang))
        return
    # The hash is checked even for a wrong user name, so the answer's timing does not reveal the name.
    password_ok = verify_password(cfg.password_hash, password)
    if password_ok and hmac.compare_digest(key.encode(), cfg.user.lower().encode()):
        throttle.succeeded(key)
        st.session_state[SESSION_USER] = cfg.user
        st.session_state[SESSION_CREDENTIAL] = _credential(cfg)
        st.rerun()
    throttle.failed(key)
    st.error(say("用户名或密码错误。", "Wrong user name or password.", lang))


def logout_button(lang: str = "zh") -> None:
    """Sign out: ends the admin session (and the OIDC login, which the rest of the app does not use)."""
    cfg = config()
    if not is_admin() and not (cfg.mode == "oidc" and st.user.get("is_logged_in")):
        return
    if st.button(say("退出登录", "Log out", lang), icon=":material/logout:"):
        st.session_state.pop(SESSION_USER, None)
        st.session_state.pop(SESSION_CREDENTIAL, None)
        if cfg.mode == "oidc":
            st.logout()
        else:
            st.rerun()


def admin_name() -> str:
    """Who the admin is, for the curation log."""
    cfg = config()
    if cfg.mode == "oidc":
        return str(st.user.get("email") or "admin")
    return str(st.session_state.get(SESSION_USER) or "admin")


def require_admin(lang: str | None = None) -> None:
    """Stop an admin page for anyone else. The pages are only routed for admins (app.py); this
    second check holds even if a page were reached some other way."""
    if not is_admin():
        lang = lang or st.session_state.get("_lang", "zh")
        st.error(say("此页面仅供管理员使用。", "This page is for admins only.", lang), icon=":material/lock:")
        st.stop()


def correction_link(lang: str, **query: str) -> None:
    """For an admin only: a link to the correction page with this fact chosen (org=…, round=…, article=…)."""
    if is_admin():
        st.page_link("app_pages/admin_curate.py", label=say("更正此项", "Correct this", lang),
                     icon=":material/edit:", query_params=query)
