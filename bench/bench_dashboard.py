"""Dashboard speed and memory on a large SYNTHETIC corpus, measured in a real browser.

    python bench/bench_dashboard.py --articles 10000

Builds the marked synthetic corpus of bench_build.py in a temporary folder, starts
`streamlit run app.py` on it, and drives Debian's Chromium with Playwright (outside requests
blocked) to time: the first view (overview fully drawn), a filter change (a province picked in the
sidebar, until the page has settled again), and opening the network page (graph drawn). Prints the
streamlit server's resident memory at the end. Targets: first view <= 3 s, filter change <= 0.5 s,
network page <= 2 s, memory <= 1 GB.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SETTLED = "!document.querySelector('[data-testid=\"stStatusWidget\"], [data-testid=\"stSkeleton\"]')"


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, from /proc (Linux)."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for each in pids:
        for line in Path(f"/proc/{each}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from bench_build import synthetic_corpus
    from newsprep.build import build_snapshot

    with tempfile.TemporaryDirectory(prefix="newsprep-dash-") as tmp:
        corpus = Path(tmp) / "synthetic"
        corpus.mkdir()
        synthetic_corpus(corpus, args.articles)
        start = time.perf_counter()
        result, snapshot = build_snapshot([corpus], out=Path(tmp) / "tables", cache_dir=None)
        print(f"built {result.count('ok')} synthetic articles in {time.perf_counter() - start:.0f} s; "
              f"snapshot {sum(p.stat().st_size for p in snapshot.iterdir()) / 1e6:.0f} MB")

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
                                   "--server.headless", "true"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env={**os.environ, "NEWSPREP_TABLES": str(Path(tmp) / "tables")})
        base = f"http://localhost:{port}"
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(f"{base}/_stcore/health", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("http://localhost", "data:", "blob:"))
                           else r.abort())

                def first_view() -> float:
                    begin = time.perf_counter()
                    page.goto(base + "/")
                    page.wait_for_selector("[data-testid='stMetricValue']", timeout=300_000)
                    numbers = time.perf_counter() - begin
                    page.wait_for_selector(".js-plotly-plot .choroplethlayer path", timeout=300_000)
                    page.wait_for_function(SETTLED, timeout=300_000)
                    print(f"  (headline figures after {numbers:.2f} s, everything drawn after {time.perf_counter() - begin:.2f} s)")
                    return time.perf_counter() - begin

                cold = first_view()  # loads the tables into the server's cache
                warm = first_view()  # what a second visitor (or a reload in the meeting) sees
                begin = time.perf_counter()
                sidebar = page.get_by_test_id("stSidebar")
                sidebar.get_by_test_id("stMultiSelect").first.click()
                page.get_by_role("option").first.click()
                page.keyboard.press("Escape")
                page.wait_for_timeout(50)
                page.wait_for_function(SETTLED, timeout=300_000)
                filter_change = time.perf_counter() - begin
                def open_network() -> float:
                    """From a fully drawn overview, click the network page until the graph is drawn."""
                    page.get_by_test_id("stSidebarNav").get_by_text("概览", exact=True).click()
                    page.wait_for_selector(".js-plotly-plot .choroplethlayer path", timeout=300_000)
                    page.wait_for_function(SETTLED, timeout=300_000)
                    begin = time.perf_counter()
                    page.get_by_test_id("stSidebarNav").get_by_text("关系网络", exact=True).click()
                    page.frame_locator("iframe").first.locator("canvas").wait_for(timeout=300_000)
                    page.wait_for_function(SETTLED, timeout=300_000)
                    return time.perf_counter() - begin

                page.goto(base + "/")
                page.wait_for_function(SETTLED, timeout=300_000)
                network_first, network_again = open_network(), open_network()
                browser.close()
            memory = rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"first view: {cold:.2f} s cold (tables loaded), {warm:.2f} s warm  [target <= 3 s]")
    print(f"filter change: {filter_change:.2f} s  [target <= 0.5 s]")
    print(f"network page: {network_first:.2f} s first visit, {network_again:.2f} s again  [target <= 2 s]")
    print(f"server memory: {memory:.0f} MB  [target <= 1024 MB]")


if __name__ == "__main__":
    main()
