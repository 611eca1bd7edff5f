"""A published workspace made of every sample export: the last good state each failure path must leave intact."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.status import BANNER_END, BANNER_START
from tests.conftest import refresh, sample

SAMPLE_FILES = {
    "roster.csv": "roster/roster-2025-05-01.csv",
    "sessions.csv": "sessions/sessions.csv",
    "teams_3section_utf16le.csv": "attendance/teams_3section_utf16le.csv",
    "teams_legacy_utf16le.csv": "attendance/teams_legacy_utf16le.csv",
    "zoom_participants_meeting_block.csv": "attendance/zoom_participants_meeting_block.csv",
    "zoom_unique_users.csv": "attendance/zoom_unique_users.csv",
    "eventbrite_uk.csv": "attendance/eventbrite_uk.csv",
    "eventbrite_us.csv": "attendance/eventbrite_us.csv",
    "signin_sheet.csv": "attendance/signin_sheet.csv",
    "msforms.xlsx": "feedback/msforms.xlsx",
    "msforms_cp1252.csv": "feedback/msforms_cp1252.csv",
    "google_forms.csv": "feedback/google_forms.csv",
    "surveymonkey.csv": "feedback/surveymonkey.csv",
    "apache_combined.log": "intranet/apache_combined.log",
    "iis_w3c.log": "intranet/iis_w3c.log",
    "corrections.csv": "corrections/corrections.csv",
}
SETTINGS = "[refresh]\nas_of = 2025-06-30T18:00:00\n"


def sample_workspace(root: Path) -> Path:
    (root / "raw").mkdir(parents=True)
    for name, relative in SAMPLE_FILES.items():
        sample(root, name, relative)
    (root / "uptake.toml").write_text(SETTINGS, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Path:
    """Every sample export, refreshed and published once (as of 30 June 2025)."""
    root = sample_workspace(tmp_path_factory.mktemp("published"))
    outcome = refresh(root)
    assert outcome.published, outcome.failures
    return root


@pytest.fixture
def last_good(published, tmp_path) -> Path:
    """A copy of the published workspace, to break."""
    copy = tmp_path / "workspace"
    shutil.copytree(published, copy)
    return copy


def digest(path: Path) -> str:
    """A file's hash; for the index page, without the failure banner a failed refresh puts up
    (pipelines/status.py), which is the one change a failed refresh makes to the published pages."""
    content = path.read_bytes()
    if path.name == "index.html" and BANNER_START.encode() in content:
        before, rest = content.split(BANNER_START.encode(), 1)
        content = before + rest.split(BANNER_END.encode(), 1)[1]
    return hashlib.sha256(content).hexdigest()


def marts_figures(workspace: Path) -> dict[str, list[tuple]]:
    """Every row of every marts table of the published warehouse, in a stable order."""
    with duckdb.connect(str(workspace / "warehouse" / "uptake.duckdb"), read_only=True) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        return {table: connection.execute(f'select * from marts."{table}" order by all').fetchall() for table in tables}


def published_state(workspace: Path) -> dict:
    """What a user sees: each report file's hash, the warehouse file's hash, and the marts' figures."""
    reports = workspace / "reports"
    return {
        "reports": {
            path.relative_to(reports).as_posix(): digest(path) for path in sorted(reports.rglob("*")) if path.is_file()
        },
        "warehouse": digest(workspace / "warehouse" / "uptake.duckdb"),
        "marts": marts_figures(workspace),
    }
