"""Every published page opened in headless Chromium: no console error, no request leaving the
machine, every chart drawn, and nothing wider than a phone's screen.

Uses Debian's chromium (`make browser`); never downloads a browser. Skipped, with the reason,
only when /usr/bin/chromium is not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL = ("file:", "data:", "blob:", "about:")
PHONE = {"width": 375, "height": 800}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium: run `make browser` (apt-get install chromium) to run the browser test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def open_every_page(browser, site: Path) -> dict[str, list[str]]:
    """Each page's problems: console errors, page errors, requests leaving the machine, undrawn charts, overflow."""
    problems = {}
    context = browser.new_context(viewport=PHONE)
    left = []

    def refuse(route):
        left.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(LOCAL), refuse)
    for path in sorted(site.rglob("*.html")):
        page = context.new_page()
        found = []
        page.on("console", lambda message, found=found: message.type == "error" and found.append(f"console: {message.text}"))
        page.on("pageerror", lambda error, found=found: found.append(f"page error: {error}"))
        page.on("request", lambda request, found=found: request.url.startswith(LOCAL) or found.append(f"request: {request.url}"))
        page.goto(path.as_uri(), wait_until="load")
        expected = page.locator(".chart-plot").count()
        if expected:
            page.wait_for_function(f"document.querySelectorAll('.chart-plot .js-plotly-plot svg.main-svg').length >= {expected}", timeout=10_000)
        drawn = page.evaluate("Array.from(document.querySelectorAll('.chart-plot')).filter(c => c.querySelector('.js-plotly-plot svg.main-svg')).length")
        if drawn != expected:
            found.append(f"{expected - drawn} of {expected} charts not drawn")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            found.append(f"{width}px wide on a {PHONE['width']}px phone")
        found += [f"request: {url}" for url in left]
        left.clear()
        if found:
            problems[path.relative_to(site).as_posix()] = found
        page.close()
    context.close()
    return problems


def test_fixture_pages_open_cleanly_in_chromium(browser, fixture_site):
    assert open_every_page(browser, fixture_site) == {}
    # The fixture has charts on the dashboard and on the directorate pages.
    assert (fixture_site / "learning-at-work-week-2025" / "index.html").read_text(encoding="utf-8").count('class="chart-plot"') == 7


def test_demo_pages_open_cleanly_in_chromium(browser, demo_site):
    pages = sorted(path.relative_to(demo_site).as_posix() for path in demo_site.rglob("*.html"))
    assert "index.html" in pages and "data-quality.html" in pages and any(page.startswith("directorates/") for page in pages)
    assert open_every_page(browser, demo_site) == {}
