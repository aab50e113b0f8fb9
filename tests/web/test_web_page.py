"""The page in headless Chromium (Debian's chromium and chromium-driver, installed by
scripts/setup_browser.sh): it loads with nothing but this server, filters, opens an event
and its article, and highlights exactly the spans the API gives for that mention.
Screenshots go to build/web-screenshots/ (not committed)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

SHOTS = Path(__file__).resolve().parents[2] / "build" / "web-screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_app):
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(web_app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("chromium / chromedriver not installed (scripts/setup_browser.sh installs them)")
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(arg)
    try:
        drv = webdriver.Chrome(options=options, service=Service(driver))
    except WebDriverException as error:
        pytest.skip(f"headless Chromium did not start: {error.msg}")
    yield drv
    drv.quit()


def _wait(browser, condition, timeout=20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(condition)


def _loaded(browser) -> bool:
    return browser.execute_script("return document.body.dataset.loaded") == "true"


def _rows(browser):
    from selenium.webdriver.common.by import By

    return browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")


def test_filter_open_an_event_and_read_its_evidence(server, browser, client):
    from selenium.webdriver.common.by import By

    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.get(server + "/")
    _wait(browser, lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-loaded") == "true")
    total = client.get("/api/events", params={"limit": 500}).json()["items"]
    assert len(_rows(browser)) == len(total)
    # The map drew its countries and a dot per located place; the network an edge per dyad.
    assert len(browser.find_elements(By.CSS_SELECTOR, "#map path")) > 170
    assert len(browser.find_elements(By.CSS_SELECTOR, "#map circle")) == len(client.get("/api/places").json())
    assert len(browser.find_elements(By.CSS_SELECTOR, "#network line")) == len(client.get("/api/dyads").json())
    browser.save_screenshot(str(SHOTS / "overview.png"))

    # Filter on the text of the sentence, as an analyst would.
    browser.find_element(By.NAME, "q").send_keys("power station")
    browser.find_element(By.NAME, "source").send_keys("RUSMIL")
    browser.find_element(By.ID, "apply").click()
    _wait(browser, lambda b: _loaded(b) and len(_rows(b)) == 1)
    # The export link carries the filters the export understands, and only those.
    link = browser.find_element(By.ID, "export").get_attribute("href")
    assert link.endswith("/api/export?format=csv&source=RUSMIL")
    row = _rows(browser)[0]
    event_id = row.get_attribute("data-id")
    event = client.get(f"/api/events/{event_id}").json()
    assert event["cameo"]["code"] == "190" and len(event["mentions"]) == 2

    row.click()
    _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#reader-text .trigger"))
    assert len(browser.find_elements(By.CSS_SELECTOR, "#mentions li")) == 2
    for button_index in range(2):
        button = browser.find_elements(By.CSS_SELECTOR, "#mentions button.open-article")[button_index]
        mention_id = button.get_attribute("data-mention")
        button.click()
        _wait(browser, lambda b: b.find_element(By.ID, "reader-panel").get_attribute("data-mention") == mention_id)
        mention = next(m for m in event["mentions"] if m["id"] == mention_id)
        text = client.get(f"/api/articles/{mention['article_id']}").json()["text"]
        for css, span in (("trigger", mention["trigger"]), ("source", mention["source"]), ("target", mention["target"])):
            pieces = browser.find_elements(By.CSS_SELECTOR, f"#reader-text .{css}")
            assert pieces, css
            start = min(int(p.get_attribute("data-start")) for p in pieces)
            end = max(int(p.get_attribute("data-end")) for p in pieces)
            assert (start, end) == (span["start"], span["end"]), css
            assert "".join(p.text for p in pieces) == text[start:end] == span["text"]
        # The status badge of the mention is shown with the reader.
        badge = browser.find_element(By.CSS_SELECTOR, "#reader-meta .status")
        assert badge.text == mention["status"] and f"status-{mention['status']}" in badge.get_attribute("class")
    browser.find_element(By.ID, "reader-panel").screenshot(str(SHOTS / "reader.png"))

    # Clicking an actor in the network filters the events to that actor.
    browser.find_element(By.ID, "reset").click()
    _wait(browser, lambda b: _loaded(b) and len(_rows(b)) == len(total))
    browser.find_element(By.CSS_SELECTOR, '#network g.node[data-code="ETH"] text').click()
    expected = client.get("/api/events", params={"actor": "ETH"}).json()["items"]
    _wait(browser, lambda b: _loaded(b) and len(_rows(b)) == len(expected))
    assert {r.get_attribute("data-id") for r in _rows(browser)} == {e["id"] for e in expected}
    console = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert console == []
