"""The structure a screen reader and a keyboard rely on, on every page of the fixture and demo sites:
language, title, one h1, no skipped heading level, a skip link, tables with captions and header
scopes, and each chart hidden from assistive technology behind its summary and its table."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest


class Structure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang = None
        self.title = ""
        self.headings: list[int] = []
        self.ids: set[str] = set()
        self.skip_link = False
        self.tables = 0
        self.captions: list[str] = []
        self.header_cells_without_scope = 0
        self.charts_not_hidden = 0
        self.charts = 0
        self.figcaptions: list[str] = []
        self.images_without_alt = 0
        self._in = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag in ("h1", "h2", "h3", "h4"):
            self.headings.append(int(tag[1]))
        elif tag == "a" and attributes.get("href") == "#content" and "skip-link" in attributes.get("class", ""):
            self.skip_link = True
        elif tag == "table":
            self.tables += 1
        elif tag == "th" and not attributes.get("scope"):
            self.header_cells_without_scope += 1
        elif tag == "div" and "chart-plot" in attributes.get("class", "").split():
            self.charts += 1
            self.charts_not_hidden += attributes.get("aria-hidden") != "true"
        elif tag == "img" and "alt" not in attributes:
            self.images_without_alt += 1
        if tag in ("title", "caption", "figcaption"):
            self._in = tag
            if tag == "caption":
                self.captions.append("")
            elif tag == "figcaption":
                self.figcaptions.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "caption":
            self.captions[-1] += data
        elif self._in == "figcaption":
            self.figcaptions[-1] += data


def problems_of(page: Path) -> list[str]:
    structure = Structure()
    structure.feed(page.read_text(encoding="utf-8"))
    found = []
    if structure.lang != "en-GB":
        found.append(f"lang is {structure.lang}")
    if not structure.title.strip():
        found.append("no title")
    if structure.headings.count(1) != 1 or structure.headings[0] != 1:
        found.append(f"headings {structure.headings}: not one h1 first")
    for before, after in zip(structure.headings, structure.headings[1:]):
        if after > before + 1:
            found.append(f"heading level skipped: h{before} then h{after}")
    if not structure.skip_link or "content" not in structure.ids:
        found.append("no skip link to #content")
    if structure.tables != len(structure.captions) or not all(caption.strip() for caption in structure.captions):
        found.append("a table without a caption")
    if structure.header_cells_without_scope:
        found.append(f"{structure.header_cells_without_scope} header cells without scope")
    if structure.charts_not_hidden:
        found.append("a chart not hidden from screen readers")
    if structure.charts > len([caption for caption in structure.figcaptions if caption.strip()]):
        found.append("a chart without its summary")
    if structure.charts > len([caption for caption in structure.captions if "(the chart as a table)" in caption]):
        found.append("a chart without its table")
    if structure.images_without_alt:
        found.append("an image without alt text")
    return found


@pytest.mark.parametrize("site_fixture", ["fixture_site", "demo_site"])
def test_every_page_has_the_structure_assistive_technology_needs(site_fixture, request):
    site = request.getfixturevalue(site_fixture)
    pages = [
        page for page in sorted(site.rglob("*.html")) if page.parent.name != "assets"
    ]  # assets/present.html is no page
    problems = {page.relative_to(site).as_posix(): problems_of(page) for page in pages}
    assert {page: found for page, found in problems.items() if found} == {}


def test_the_structure_check_catches_what_it_looks_for(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        "<html><head></head><body><h2>First</h2><h1>Title</h1><h1>Again</h1><h3>Deep</h3>"
        '<div class="chart-plot"></div><table><thead><tr><th>Name</th></tr></thead></table><img '
        'src="x.png"></body></html>',
        encoding="utf-8",
    )
    assert problems_of(page) == [
        "lang is None",
        "no title",
        "headings [2, 1, 1, 3]: not one h1 first",
        "heading level skipped: h1 then h3",
        "no skip link to #content",
        "a table without a caption",
        "1 header cells without scope",
        "a chart not hidden from screen readers",
        "a chart without its summary",
        "a chart without its table",
        "an image without alt text",
    ]
