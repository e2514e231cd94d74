"""The admin in AppTest: viewers are read-only, an admin signs in, corrects, and sees it at once."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from newsprep.admin_auth import hash_password
from newsprep.curation import read_log
from newsprep.store import load_tables
from tests.conftest import ROOT

PASSWORD = "correct horse battery staple"
ADMIN_PAGES = ("app_pages/admin_curate.py", "app_pages/admin_upload.py")


@pytest.fixture(scope="module")
def password_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def app(tmp_path, monkeypatch, password_hash):
    monkeypatch.setenv("NEWSPREP_TABLES", str(tmp_path / "tables"))
    monkeypatch.setenv("NEWSPREP_CURATION", str(tmp_path / "log.jsonl"))
    monkeypatch.setenv("NEWSPREP_ADMIN_USER", "admin")
    monkeypatch.setenv("NEWSPREP_ADMIN_PASSWORD_HASH", password_hash)
    from components.auth import _throttle

    _throttle.clear()  # the throttle is one per server; each test starts with no failed attempts
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    return at


def sign_in(at: AppTest, user: str, password: str) -> AppTest:
    at.switch_page("app_pages/admin_login.py").run()
    fields = {t.label: t for t in at.text_input}
    fields["用户名"].input(user)
    fields["密码"].input(password)
    next(b for b in at.button if b.label == "登录").click()
    return at.run()


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_a_viewer_cannot_reach_an_admin_page(app, page):
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page(page)


def test_a_wrong_password_is_refused_and_repeated_failures_are_throttled(app):
    for _ in range(5):
        sign_in(app, "admin", "not the password at all")
        assert [e.value for e in app.error] == ["用户名或密码错误。"]
    sign_in(app, "admin", PASSWORD)
    assert "失败次数过多" in app.error[0].value  # locked even for the right password, for a while
    with pytest.raises(ValueError):
        app.switch_page(ADMIN_PAGES[0])


def test_an_admin_corrects_an_organization_and_sees_it_at_once(app, tmp_path):
    sign_in(app, "admin", PASSWORD)
    assert not app.error
    app.switch_page("app_pages/admin_curate.py").run()
    assert not app.exception and app.title[0].value == "更正数据"
    app.selectbox(key="curate_org").set_value("co_dp_technology").run()
    rename_name = next(t for t in app.text_input if t.label == "新名称")
    rename_name.input("深势科技（已更正）")
    app.text_input(key="why_rename").input("test correction")
    next(b for b in app.button if b.label == "改名").click()
    app.run()
    assert not app.exception
    assert "applied" in app.success[0].value
    organizations = load_tables(tmp_path / "tables")["organizations"].set_index("org_id")
    assert organizations.at["co_dp_technology", "name"] == "深势科技（已更正）"
    [entry] = read_log(tmp_path / "log.jsonl")
    assert (entry["op"], entry["who"], entry["why"]) == ("rename", "admin", "test correction")
    app.switch_page("app_pages/organizations.py").run()
    assert "深势科技（已更正）" in app.dataframe[0].value["name"].tolist()


def test_a_correction_without_a_reason_is_refused_in_one_sentence(app, tmp_path):
    sign_in(app, "admin", PASSWORD)
    app.switch_page("app_pages/admin_curate.py").run()
    next(b for b in app.button if b.label == "改名").click()
    app.run()
    assert app.error and "say why" in app.error[0].value
    assert read_log(tmp_path / "log.jsonl") == []


@pytest.mark.parametrize("page", ["app_pages/organizations.py", "app_pages/articles.py", "app_pages/funding.py"])
def test_only_an_admin_sees_the_correction_links(app, page):
    app.switch_page(page).run()
    assert not [link for link in app.get("page_link") if link.proto.page == "curate"]
    sign_in(app, "admin", PASSWORD)
    app.switch_page(page).run()
    assert not app.exception
    assert [link for link in app.get("page_link") if link.proto.page == "curate"]
