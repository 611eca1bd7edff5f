"""Issue 11.4: text copied from an export (a file name, a meeting title) never reaches a page. The data-quality
page names a file by its folder and a short hash, and the session correction lines go to
corrections-to-review.csv beside the warehouse."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from tests.conftest import DEMO_CONFIG, DEMO_RAW, SAMPLES
from tests.reports.conftest import refreshed_site
from tests.reports.pages import read, text

FILE_NAME = "anna.ward@example.gov.uk Anna Ward E10001 10.20.30.40.csv"
TITLE = "1:1 Anna Ward and Declan Evans - grievance"
# Every piece of it, as it could show on a page.
PERSONAL = ["anna.ward", "anna ward", "declan", "evans", "grievance", "e10001", "10.20.30.40", "1:1"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The demo with one more Teams report: named after a person, its meeting title naming two; and a copy of it,
    whose reason for not being read would name the report read instead."""
    workspace = tmp_path_factory.mktemp("personal")
    raw = workspace / "raw"
    shutil.copytree(DEMO_RAW, raw)
    report = (SAMPLES / "teams_3section_utf16le.csv").read_bytes().decode("utf-16")
    report = report.replace("Meeting title\tCoaching conversations", f"Meeting title\t{TITLE}")
    (raw / "attendance" / FILE_NAME).write_bytes(report.encode("utf-16"))
    (raw / "attendance" / FILE_NAME.replace(".csv", " (1).csv")).write_bytes(report.encode("utf-16"))
    return refreshed_site(raw, DEMO_CONFIG, workspace)


def test_no_page_shows_the_file_name_or_the_meeting_title(site):
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.name != "plotly.min.js":
            content = " ".join(path.read_text(encoding="utf-8-sig").lower().split())
            leaked = [piece for piece in PERSONAL if piece in content]
            assert not leaked, f"{path.relative_to(site)} shows {leaked}"


def test_the_data_quality_page_points_at_the_folder_the_file_hash_and_the_row(site):
    page = text(read(site, "data-quality.html"))
    assert "1 meeting title matches no session in the catalogue" not in page  # the demo has one of its own
    assert "2 meeting titles match no session in the catalogue" in page
    assert "corrections-to-review.csv" in page
    assert "attendance/, file " in page and ", row " in page


def test_the_session_correction_lines_go_beside_the_warehouse(site):
    path = site.parent / "warehouse" / "corrections-to-review.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = [row for row in csv.DictReader(handle) if row["Kind"] == "session"]
    assert TITLE in [row["Value"] for row in lines]
