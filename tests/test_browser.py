"""The dashboard in a real browser: Debian's Chromium driven by Playwright against `streamlit run`.

Every request that is not to localhost is blocked and recorded (the app must work in a room
with no internet); every page must render its charts, map and network with no console error; a
copied URL must reopen the same filtered view. Screenshots go to artifacts/browser/ (git-ignored).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import quote

import pytest
from playwright.sync_api import sync_playwright

from components.filtering import Filters, apply_filters
from newsprep.store import load_tables
from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "artifacts" / "browser"
LOCAL = ("http://localhost", "http://127.0.0.1", "data:", "blob:", "about:")
# (sidebar link text, page path, what proves the page rendered)
PAGES = [
    ("概览", "", ".js-plotly-plot .barlayer path"),
    ("时间线", "timeline", ".js-plotly-plot .barlayer path"),
    ("地图", "map", ".js-plotly-plot .choroplethlayer path"),
    ("关系网络", "network", "iframe"),
    ("机构", "organizations", "[data-testid='stDataFrame']"),
    ("融资", "funding", ".js-plotly-plot .barlayer path"),
    ("文章", "articles", "mark[title]"),
    ("数据与方法", "methods", "[data-testid='stDataFrame']"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(folder, env: dict[str, str] | None = None):
    """`streamlit run app.py` on a free port, its tables in `folder`; yields the base URL."""
    port = _free_port()
    log = open(folder / "streamlit.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, "NEWSPREP_TABLES": str(folder / "tables"), **(env or {})},
        stdout=log, stderr=subprocess.STDOUT)
    base = f"http://localhost:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("streamlit did not start within 90 s")
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    for base in serve(folder):
        yield base, folder / "tables"


@pytest.fixture(scope="module")
def browser():
    assert os.path.exists(CHROMIUM), "Chromium is installed by `make test` (apt package chromium)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        yield launched
        launched.close()


class Watched:
    """A page whose outside requests are blocked and whose console errors are collected."""

    def __init__(self, browser):
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        self.page.route("**/*", self._route)
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_selector("h1", timeout=60_000)

    def settle(self) -> None:
        """Wait until Streamlit has finished the script run and replaced every placeholder."""
        self.page.wait_for_timeout(300)
        self.page.wait_for_function(
            "!document.querySelector('[data-testid=\"stStatusWidget\"], [data-testid=\"stSkeleton\"]')", timeout=60_000)


@pytest.fixture
def watched(browser):
    watcher = Watched(browser)
    yield watcher
    watcher.page.close()


def test_every_page_renders_offline_without_console_errors(server, watched):
    base, _ = server
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    watched.open(base + "/")
    for link, path, proof in PAGES:
        watched.page.get_by_test_id("stSidebarNav").get_by_text(link, exact=True).click()
        watched.page.wait_for_url(f"{base}/{path}" if path else f"{base}/", timeout=30_000)
        watched.page.wait_for_selector(proof, timeout=60_000)
        watched.settle()
        watched.page.screenshot(path=str(ARTIFACTS / f"{path or 'overview'}.png"))
    assert watched.blocked == []
    assert watched.errors == []


def test_the_map_draws_every_province(server, watched):
    base, _ = server
    watched.open(base + "/map")
    watched.page.wait_for_selector(".choroplethlayer path")
    assert watched.page.locator(".choroplethlayer path").count() == 34


def test_the_network_draws_its_nodes_offline(server, watched):
    base, _ = server
    watched.open(base + "/network")
    frame = watched.page.frame_locator("iframe").first
    frame.locator("canvas").wait_for(timeout=60_000)
    element = watched.page.locator("iframe").first.element_handle()
    nodes = element.content_frame().evaluate("() => network.body.data.nodes.length")
    assert nodes > 5
    assert watched.blocked == []


def test_a_shared_url_reproduces_the_filters_across_pages(server, watched):
    base, tables_dir = server
    watched.open(base + "/")  # the first visit builds the tables
    expected = apply_filters(load_tables(tables_dir), Filters(provinces=("北京",)))
    watched.open(f"{base}/?province={quote('北京')}")
    watched.settle()
    first_metric = watched.page.get_by_test_id("stMetricValue").first
    assert first_metric.inner_text() == str(len(expected.orgs))
    watched.page.get_by_test_id("stSidebarNav").get_by_text("融资", exact=True).click()
    watched.page.wait_for_url(f"{base}/funding?*", timeout=30_000)
    assert "province=" in watched.page.url  # the filter travels with the page
    shared = watched.page.url
    watched.open(base + "/")  # someone else, elsewhere in the app, then opens the copied link
    watched.open(shared)
    watched.page.get_by_test_id("stSidebar").get_by_text("北京", exact=True).wait_for(timeout=30_000)
    watched.page.get_by_test_id("stSidebarNav").get_by_text("概览", exact=True).click()
    watched.page.wait_for_url(f"{base}/?*", timeout=30_000)
    watched.page.wait_for_function(
        f"() => document.querySelector('[data-testid=\"stMetricValue\"]')?.innerText === '{len(expected.orgs)}'", timeout=30_000)


def test_presentation_mode_from_the_url_hides_the_sidebar(server, watched):
    base, _ = server
    watched.open(f"{base}/?present=true")
    watched.page.get_by_test_id("stSidebar").wait_for(state="hidden", timeout=30_000)
    watched.page.wait_for_selector(".js-plotly-plot .barlayer path", timeout=60_000)
    watched.settle()
    assert watched.page.get_by_test_id("stMetricValue").first.is_visible()
    watched.page.screenshot(path=str(ARTIFACTS / "presentation.png"))


def test_clicking_a_province_on_the_map_filters_the_app(server, watched):
    from components.maps import province_shapes

    base, _ = server
    codes = [f["properties"]["adcode"] for f in province_shapes()[0]["features"]]
    watched.open(base + "/")
    watched.page.get_by_test_id("stSidebarNav").get_by_text("地图", exact=True).click()
    watched.page.wait_for_selector(".choroplethlayer path")
    watched.settle()
    # Xinjiang: large, and no city bubble drawn over it to catch the click
    xinjiang = watched.page.locator(".choroplethlayer path").nth(codes.index("650000"))
    box = xinjiang.bounding_box()
    watched.page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    watched.page.wait_for_function("() => location.search.includes('province=')", timeout=30_000)
    watched.page.get_by_test_id("stSidebar").get_by_text("新疆", exact=True).wait_for(timeout=30_000)
    assert watched.errors == []


MAX_BARS_TRIED = 12


def test_clicking_an_event_on_the_timeline_opens_its_article(server, watched):
    from urllib.parse import parse_qs, urlparse

    base, tables_dir = server
    watched.open(base + "/")  # the first visit builds the tables
    titles = load_tables(tables_dir)["articles"].set_index("article_id")["title"]
    # the article the reader shows when it is opened without a choice: the link must beat it
    watched.page.get_by_test_id("stSidebarNav").get_by_text("文章", exact=True).click()
    watched.page.wait_for_selector("mark[title]", timeout=60_000)
    watched.settle()
    headings = [h.strip() for h in watched.page.locator("h2").all_inner_texts()]
    default_id = next((a for a, title in titles.items() if title.strip() in headings), None)
    assert default_id is not None, headings
    article_id = None
    for index in range(MAX_BARS_TRIED):
        # a fresh timeline each time: a chart's selection survives reruns, so clicking a second bar
        # on the same page could leave the first one selected
        watched.page.get_by_test_id("stSidebarNav").get_by_text("概览", exact=True).click()
        watched.settle()
        watched.page.get_by_test_id("stSidebarNav").get_by_text("时间线", exact=True).click()
        watched.page.wait_for_selector(".js-plotly-plot .barlayer path")
        watched.settle()
        bars = watched.page.locator(".js-plotly-plot .barlayer path").all()
        if index >= len(bars):
            break
        box = bars[index].bounding_box()
        watched.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        watched.settle()
        link = watched.page.get_by_role("link", name="在阅读器中打开原文")
        link.wait_for(timeout=30_000)
        [article_id] = parse_qs(urlparse(link.get_attribute("href")).query)["article"]
        if article_id != default_id:
            break
    assert article_id is not None and article_id != default_id, "no event of a second article on the timeline"
    link.click()
    # the reader shows that article, not its default first one
    watched.page.get_by_role("heading", name=titles[article_id]).wait_for(timeout=60_000)
    watched.page.wait_for_selector("mark[title]", timeout=60_000)
    assert watched.page.url.startswith(base + "/articles")
    assert watched.errors == []
