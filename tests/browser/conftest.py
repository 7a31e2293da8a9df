"""Headless Debian Chromium driven by Playwright against pytest-django's live server.

Skips cleanly when Chromium, Playwright or axe-core is missing (`.ci/run` installs them). Never
runs `playwright install`: the browser is the distribution's, launched by path.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1440, "height": 900}

# Playwright's sync API runs an event loop; Django's ORM calls from the live-server fixtures are
# still made synchronously from the test thread, so the async-safety guard can be relaxed here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def axe_source():
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm install --no-save axe-core@4)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def open_page(browser):
    """open_page(url, viewport) -> a Playwright page; closed after the test."""
    contexts = []

    def opener(url, viewport=DESKTOP):
        # bypass_csp lets the test inject axe-core; the pages themselves run under the CSP.
        context = browser.new_context(viewport=viewport, locale="ko-KR", bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    yield opener
    for context in contexts:
        context.close()


def screenshot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
