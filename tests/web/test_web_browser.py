"""The dashboard in a real headless Chromium (Debian's, driven by Playwright; never downloaded).

Overview -> Dyad -> Event -> Article on a store of the bundled examples, asserting on what
each page shows, with a screenshot of each (in a temporary folder; also copied to
``$FOREWARN_SCREENSHOTS`` when that is set).
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent: apt-get install chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install -e '.[test]'")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(example_db):
    import uvicorn

    from forewarn.web import create_app

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(example_db), host="127.0.0.1", port=port,
                                       log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def shots(tmp_path):
    folder = tmp_path / "screens"
    folder.mkdir()
    yield folder
    target = os.environ.get("FOREWARN_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        for f in folder.glob("*.png"):
            shutil.copy(f, Path(target) / f.name)


def test_overview_dyad_event_article(server, browser, shots):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))

    # Overview: volume, the warnings section, the most active dyads.
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "Overview"
    assert page.get_by_role("heading", name="Current warnings").is_visible()
    assert "articles today" in page.locator(".volume").inner_text()
    dyad_links = page.locator("a.dyad-link")
    assert dyad_links.count() >= 3
    page.screenshot(path=str(shots / "1-overview.png"), full_page=True)

    # Keyboard: "/" focuses the search box; j moves through rows; Enter opens a link.
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "quick-q"
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.tagName") == "A"
    page.locator("a.dyad-link", has_text="AZE → ARM").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/dyads/AZE/ARM")

    # Dyad: the chart, top events, what each side said.
    assert "AZE ⇄ ARM" in page.locator("h1").inner_text()
    assert page.locator("svg.chart rect.conf").count() >= 1
    assert page.locator("table.events tbody tr").count() >= 1
    said = page.locator(".sides").inner_text()
    assert "AZE" in said and "ARM" in said
    page.screenshot(path=str(shots / "2-dyad.png"), full_page=True)

    # Event: evidence with source, target and trigger highlighted; the articles reporting it.
    page.locator("a.event-link").first.click()
    page.wait_for_url("**/events/**")
    evidence = page.locator(".evidence-sentence")
    assert evidence.locator("mark.hl-trigger").count() == 1
    assert evidence.locator("mark.hl-source").count() >= 1
    assert page.get_by_role("heading", name="Articles that reported it").is_visible()
    assert page.locator("ul.reported li").count() >= 1
    page.screenshot(path=str(shots / "3-event.png"), full_page=True)

    # Article: the cleaned text with actors, quotes and dates highlighted; its events.
    page.locator("a.read-article").click()
    page.wait_for_url("**/articles/**")
    body = page.locator(".story .body")
    assert body.locator("mark.hl-actor").count() >= 3
    assert body.locator("mark.hl-quote").count() >= 1
    assert body.locator("mark.hl-date").count() >= 1
    assert page.locator("table.events tbody tr").count() >= 1
    page.screenshot(path=str(shots / "4-article.png"), full_page=True)

    # Map and search render too.
    page.goto(server + "/map")
    assert page.locator("svg.map path.countries").count() == 1
    page.screenshot(path=str(shots / "5-map.png"), full_page=True)
    page.goto(server + "/search?country=ARM")
    assert page.locator("table.events tbody tr").count() >= 1
    page.screenshot(path=str(shots / "6-search.png"), full_page=True)

    assert all(u.startswith(server) for u in requests), [u for u in requests if not u.startswith(server)]
    assert len(list(shots.glob("*.png"))) == 6
    page.close()


def test_hostile_article_shows_markup_as_text(browser, hostile_db, shots):
    import uvicorn

    from forewarn.web import create_app

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(hostile_db), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.05)
    try:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"http://127.0.0.1:{port}/articles/evil0000000000aa")
        text = page.locator(".story .body").inner_text()
        assert '<script>alert("x")</script>' in text and 'onerror="alert(1)"' in text
        assert page.locator(".story .body script, .story .body img").count() == 0
        assert '<script>alert("title")</script>' in page.locator("h1").inner_text()
        page.screenshot(path=str(shots / "7-hostile-article.png"), full_page=True)
        assert dialogs == []
        page.close()
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
