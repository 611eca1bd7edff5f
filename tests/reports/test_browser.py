"""Every published page opened in headless Chromium at 1280 and 320 px (the width WCAG 2.2 asks pages to reflow
to): no console error, no request leaving the machine, every chart drawn, nothing wider than a phone's screen or
clipped inside a chart, text with enough contrast, and no axe-core violation (WCAG 2.2 A/AA and best practice).

One tab per width goes from page to page. Uses Debian's chromium (`make browser`) and axe-core from npm in
.tools (`make axe`); never downloads either. Skipped, with the reason, only when one of them is not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => (await axe.run(document, {runOnly: {type: "tag", values:
  ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}, resultTypes: ["violations"]}))
  .violations.map(v => `${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(" ")}`)"""
# Charts drawn by plotly (the chart-plot box is itself the .js-plotly-plot: `.chart-plot .js-plotly-plot` is never).
DRAWN = """() => Array.from(document.querySelectorAll(".chart-plot"))
  .filter(plot => plot.querySelector(".js-plotly-plot svg.main-svg")).length"""
# Text of a drawn chart (a label, an axis title, "19%") that runs out of the chart's box is cut off.
CLIPPED = """() => Array.from(document.querySelectorAll(".chart-plot")).flatMap(plot => {
  const box = plot.getBoundingClientRect();
  return Array.from(plot.querySelectorAll("text")).filter(text => {
    const edge = text.getBoundingClientRect();
    return text.textContent.trim() && edge.width && (edge.left < box.left - 1 || edge.right > box.right + 1
      || edge.top < box.top - 1 || edge.bottom > box.bottom + 1);
  }).map(text => `${plot.id}: "${text.textContent.slice(0, 30)}"`);
})"""
# A drawn chart shorter or taller than its figure: squashed by its box, or stretched.
RESIZED = """() => Array.from(document.querySelectorAll(".chart-plot[data-figure]")).filter(plot => {
  const svg = plot.querySelector(".js-plotly-plot svg.main-svg");
  const figure = JSON.parse(document.getElementById(plot.dataset.figure).textContent);
  return svg && Number(svg.getAttribute("height")) !== figure.layout.height;
}).map(plot => `${plot.id}: ${plot.querySelector("svg.main-svg").getAttribute("height")}px high, drawn for ${
  JSON.parse(document.getElementById(plot.dataset.figure).textContent).layout.height}px`)"""
# Every chart the page's loader drew, redrawn to its box's new width (plotly does it a moment after the window
# changes).
FITTED = """() => Array.from(document.querySelectorAll(".chart-plot[data-figure] svg.main-svg")).every(svg =>
  Math.abs(Number(svg.getAttribute("width")) - svg.closest(".chart-plot").getBoundingClientRect().width) < 2)"""
WIDE = {"width": 1280, "height": 900}
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL = ("file:", "data:", "blob:", "about:")
PHONE = {"width": 320, "height": 640}
TURNED = {"width": 640, "height": 320}

# WCAG 2 contrast of every piece of text against the background it sits on: 4.5:1, or 3:1 for large
# text (24px, or 18.66px bold). Chart internals are left out: they are aria-hidden and their tables say it all.
LOW_CONTRAST = """
() => {
  const rgb = text => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = value => {
      value /= 255;
      return value <= 0.03928 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = element => {
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (colour.length === 3 || (colour.length === 4 && colour[3] > 0)) return colour.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const problems = [];
  for (const element of document.querySelectorAll("body *")) {
    if (element.closest(".chart-plot, script, style, svg")) continue;
    const ownText = Array.from(element.childNodes).some(node => node.nodeType === 3 && node.textContent.trim());
    const style = getComputedStyle(element);
    const hidden = style.visibility === "hidden" || style.display === "none" || !element.getClientRects().length;
    if (!ownText || hidden) continue;
    const [front, back] = [luminance(rgb(style.color).slice(0, 3)), luminance(background(element))];
    const ratio = (Math.max(front, back) + 0.05) / (Math.min(front, back) + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const shown = element.textContent.trim().slice(0, 30);
    if (ratio < needed) problems.push(`${element.tagName.toLowerCase()} "${shown}" ${ratio.toFixed(2)}:1`);
  }
  return problems.slice(0, 3);
}
"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            "Chromium is not installed at /usr/bin/chromium: run `make browser` (apt-get install chromium) to run the "
            "browser test"
        )
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE}: run `make axe` (npm install) to run the browser test")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def pages_of(site: Path) -> list[Path]:
    """The published pages (assets/ holds plotly.js and the little page that says it is there)."""
    return [path for path in sorted(site.rglob("*.html")) if "assets" not in path.relative_to(site).parts]


def open_every_page(browser, site: Path, viewport: dict = PHONE, patience: int = 10_000) -> dict[str, list[str]]:
    """Each page's problems at the viewport's width: console errors, page errors, requests leaving the machine,
    charts not drawn within `patience` ms, overflow, clipped chart text, text without enough contrast, axe-core
    violations.

    One tab goes from page to page, each loaded at that width. On a phone, a page with charts is then turned on
    its side and back: its charts are redrawn to the new width, at their own height, with nothing cut off."""
    problems = {}
    context = browser.new_context(viewport=viewport)
    context.add_init_script(path=str(AXE))  # in each page as it loads: compiled with it, not sent over afterwards
    page = context.new_page()
    found = []

    def refuse(route):
        found.append(f"request: {route.request.url}")
        route.abort()

    context.route(lambda url: not url.startswith(LOCAL), refuse)
    page.on("console", lambda message: message.type == "error" and found.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: found.append(f"page error: {error}"))
    for path in pages_of(site):
        page.goto(path.as_uri(), wait_until="load")
        found += problems_of(page, viewport["width"], patience)
        if viewport == PHONE and page.evaluate(DRAWN):
            found += turned(page, patience)
        if found:
            problems[f"{path.relative_to(site).as_posix()} at {viewport['width']}px"] = found.copy()
        found.clear()
    context.close()
    return problems


def problems_of(page, width: int, patience: int) -> list[str]:
    """What the loaded page shows wrong at this width, once its charts are drawn or `patience` ms have passed."""
    expected = page.locator(".chart-plot").count()
    try:
        page.wait_for_function(f"({DRAWN})() >= {expected}", timeout=patience)
    except PlaywrightTimeout:
        pass  # counted below
    found = []
    drawn = page.evaluate(DRAWN)
    if drawn != expected:
        found.append(f"{expected - drawn} of {expected} charts not drawn")
    found += [f"low contrast: {problem}" for problem in page.evaluate(LOW_CONTRAST)]
    found += [f"clipped: {problem}" for problem in page.evaluate(CLIPPED)]
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    if scrolled > width:
        found.append(f"{scrolled}px wide on a {width}px screen")
    return found + [f"axe: {violation}" for violation in page.evaluate(AXE_RUN)]


def turned(page, patience: int) -> list[str]:
    """What is wrong with the page's charts once the phone is turned on its side, and once it is turned back."""
    found = []
    for viewport, position in ((TURNED, "on its side"), (PHONE, "turned back")):
        page.set_viewport_size(viewport)
        try:
            page.wait_for_function(FITTED, timeout=patience)
        except PlaywrightTimeout:
            found.append(f"{position}: the charts were not redrawn to the new width")
        found += [f"{position}: clipped: {problem}" for problem in page.evaluate(CLIPPED)]
        found += [f"{position}: resized: {problem}" for problem in page.evaluate(RESIZED)]
    return found


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}: {problem}" for where, found in problems.items() for problem in found)


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280px", "320px"])
def test_fixture_pages_open_cleanly_in_chromium(browser, fixture_site, viewport):
    problems = open_every_page(browser, fixture_site, viewport)
    assert problems == {}, report(problems)
    # The fixture has charts on the dashboard and on the directorate pages.
    assert (fixture_site / "learning-at-work-week-2025" / "index.html").read_text(encoding="utf-8").count(
        'class="chart-plot"'
    ) == 7


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280px", "320px"])
def test_demo_pages_open_cleanly_in_chromium(browser, demo_site, viewport):
    pages = sorted(path.relative_to(demo_site).as_posix() for path in pages_of(demo_site))
    assert (
        "index.html" in pages
        and "data-quality.html" in pages
        and any(page.startswith("directorates/") for page in pages)
    )
    problems = open_every_page(browser, demo_site, viewport)
    assert problems == {}, report(problems)


def test_a_page_saved_on_its_own_shows_its_tables_and_a_note_for_each_chart(browser, demo_site, tmp_path):
    alone = tmp_path / "saved.html"
    alone.write_bytes((demo_site / "learning-at-work-week-2025" / "index.html").read_bytes())
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(alone.as_uri(), wait_until="load")
    page.wait_for_timeout(500)
    assert errors == []
    notes = page.locator(".chart-plot .chart-note")
    assert notes.count() == 7 and all(note.is_visible() for note in notes.all())
    assert notes.first.inner_text() == "The chart is not drawn here: the table has its figures."
    assert page.locator("table").count() >= 5 and page.locator("table").first.is_visible()
    context.close()


def test_plotly_loads_after_the_text_and_tables(demo_site):
    html = (demo_site / "learning-at-work-week-2025" / "index.html").read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert "plotly" not in head.lower()
    assert html.index("assets/present.html") > html.rindex("</table>")


def test_the_browser_checks_catch_what_they_look_for_at_each_width(browser, fixture_site, tmp_path):
    plotly = (fixture_site / "assets" / "plotly.min.js").as_uri()
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en-GB"><head><title>Bad</title></head><body>'
        '<p style="color:#b1b4b6">Pale grey text</p><img src="https://example.invalid/pixel.png" alt="">'
        '<div class="chart-plot"></div><table style="width:900px"><tr><td>Wide</td></tr></table>'
        '<div style="overflow-x:auto;width:100px"><p style="width:300px">Scrolls,'
        ' but not by keyboard</p></div><img src="pixel.png">'
        '<div class="chart-plot" id="drawn"></div><div class="chart-plot" id="cut" style="width:100px">'
        '<svg width="100" height="40" aria-hidden="true"><text x="60" y="20">Cut off</text></svg></div>'
        # Drawn as the chart loader drew charts before: at a fixed height in a box that sets none.
        '<div class="chart-plot" id="squashed" data-figure="squashed-figure" style="min-height:120px"></div>'
        '<script type="application/json"'
        ' id="squashed-figure">{"data": [{"y": [1, 2]}], "layout": {"height": 300}}</script>'
        f'<script src="{plotly}"></script><script>Plotly.newPlot("drawn", [{{"y": [1, 2]}}]);'
        'const squashed = JSON.parse(document.getElementById("squashed-figure").textContent);'
        'Plotly.newPlot("squashed", squashed.data, squashed.layout, {responsive: true});'
        'console.error("broken")</script></body></html>',
        encoding="utf-8",
    )
    # Its plotly chart is drawn before the page has loaded: a second is plenty for it, not for the others.
    problems = {**open_every_page(browser, tmp_path, PHONE, 1_000), **open_every_page(browser, tmp_path, WIDE, 1_000)}
    assert list(problems) == ["bad.html at 320px", "bad.html at 1280px"]
    for found in problems.values():
        assert "console: broken" in found
        assert "request: https://example.invalid/pixel.png" in found
        assert "2 of 4 charts not drawn" in found  # the two plotly ones are
        assert 'clipped: cut: "Cut off"' in found
        assert any(problem.startswith('low contrast: p "Pale grey text" 2.') for problem in found)
        assert any(problem.startswith("axe: image-alt (1)") for problem in found)
        assert any(problem.startswith("axe: scrollable-region-focusable") for problem in found)
    assert any(problem.endswith("px wide on a 320px screen") for problem in problems["bad.html at 320px"])
    # Turned on its side, the squashed chart's box shrinks to nothing and cuts its text off; turned back, it is
    # redrawn as high as the box's min-height.
    assert 'on its side: clipped: squashed: "1"' in problems["bad.html at 320px"]
    assert "turned back: resized: squashed: 120px high, drawn for 300px" in problems["bad.html at 320px"]
    assert not any(problem.startswith(("on its side", "turned back")) for problem in problems["bad.html at 1280px"])
    assert not any(" wide on a " in problem for problem in problems["bad.html at 1280px"])
