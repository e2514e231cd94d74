"""The admin in a real browser: viewers cannot reach the admin pages by URL; an admin signs in,
uploads an article (the build runs in the background with a progress bar), sees the result and
corrects an organization."""

from __future__ import annotations

import io
import zipfile

import pytest

from newsprep.admin_auth import hash_password
from newsprep.store import load_tables
from tests.conftest import ROOT
from tests.test_browser import Watched, browser, serve  # noqa: F401 - browser is a fixture

PASSWORD = "correct horse battery staple"
UPLOAD = ROOT / "tests" / "fixtures" / "syndication" / "short_report_same_round.md"


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser_admin")
    env = {"NEWSPREP_ADMIN_USER": "admin", "NEWSPREP_ADMIN_PASSWORD_HASH": hash_password(PASSWORD),
           "NEWSPREP_CURATION": str(folder / "curation" / "log.jsonl"), "NEWSPREP_UPLOADS": str(folder / "uploads")}
    for base in serve(folder, env):
        yield base, folder


def bad_zip() -> bytes:
    """An archive whose one member tries to climb out of the upload folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../escape.txt", "深势科技完成新一轮融资。")
    return buffer.getvalue()


def choose(page, name: str, data: bytes | None = None, mime: str = "text/markdown") -> None:
    """Pick the file (its bytes under `name`) and submit once the uploader holds it (the upload
    itself is asynchronous). Chromium fires no change for the very same file picked twice."""
    page.locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": mime, "buffer": data if data is not None else UPLOAD.read_bytes()})
    page.locator("[data-testid='stFileChip']").first.wait_for(timeout=30_000)  # the file is on the server
    page.get_by_role("button", name="上传并更新数据").click()


@pytest.fixture
def watched(browser):  # noqa: F811 - the browser fixture imported above
    watcher = Watched(browser)
    yield watcher
    watcher.page.close()


@pytest.mark.parametrize("path", ["curate", "upload"])
def test_a_viewer_who_types_an_admin_address_gets_no_admin_page(admin_server, watched, path):
    base, _ = admin_server
    watched.open(f"{base}/{path}")
    watched.settle()
    page = watched.page
    assert page.locator("h1", has_text="更正数据").count() == 0
    assert page.locator("h1", has_text="上传文章").count() == 0
    assert page.locator("input[type=file]").count() == 0
    assert page.get_by_role("button", name="改名").count() == 0
    assert page.get_by_role("link", name="管理员登录").count() == 1  # the only admin entry a viewer sees
    assert watched.blocked == []


def test_an_admin_signs_in_and_uploads_an_article(admin_server, watched):
    base, folder = admin_server
    watched.open(base)  # a deep link's first probe of /admin/_stcore/health is a 404 console error
    page = watched.page
    page.get_by_role("link", name="管理员登录").click()
    page.get_by_label("用户名").fill("admin")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="上传文章").click()
    page.wait_for_selector("h1:has-text('上传文章')", timeout=60_000)
    before = len(load_tables(folder / "tables")["articles"])

    choose(page, UPLOAD.name)
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=120_000)  # the per-file report, after the build
    assert len(load_tables(folder / "tables")["articles"]) == before + 1
    assert len(list((folder / "uploads").iterdir())) == 1

    choose(page, "the same bytes again.md")
    page.wait_for_selector("text=没有新文件，数据不变。", timeout=60_000)
    assert len(load_tables(folder / "tables")["articles"]) == before + 1

    # a bad archive: one sentence in its row, nothing written outside the inbox, nothing lost
    choose(page, "bad.zip", bad_zip(), "application/zip")
    # the report is a data grid drawn on a canvas; its cells are in the DOM for screen readers
    page.wait_for_selector("text=leaves the archive folder", state="attached", timeout=60_000)
    assert not (folder / "escape.txt").exists() and len(list((folder / "uploads").iterdir())) == 1
    assert len(load_tables(folder / "tables")["articles"]) == before + 1

    # a correction in the same session: the most mentioned organization gets a new name
    page.get_by_role("link", name="更正数据").click()
    page.wait_for_selector("h1:has-text('更正数据')", timeout=60_000)
    form = page.locator("[data-testid='stForm']").first
    form.get_by_label("新名称").fill("已更正的名称")
    form.get_by_label("原因（必填，记入日志）").fill("browser test")
    form.get_by_role("button", name="改名").click()
    page.wait_for_selector("text=applied: rename", timeout=60_000)
    assert "已更正的名称" in set(load_tables(folder / "tables")["organizations"]["name"])
    assert watched.blocked == [] and watched.errors == []
