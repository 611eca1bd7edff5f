"""`--reports` can never destroy what Uptake did not make (SPEC section 6): every unsafe folder is exit 2,
naming both paths, before any work; nothing is deleted."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.publication import MARKER
from tests.conftest import sample

RUNNER = CliRunner()


def uptake_refresh(workspace: Path, reports: Path, warehouse: Path | None = None):
    warehouse = warehouse or workspace / "warehouse" / "uptake.duckdb"
    arguments = [
        "refresh",
        "--raw",
        str(workspace / "raw"),
        "--warehouse",
        str(warehouse),
        "--reports",
        str(reports),
        "--config",
        str(workspace / "uptake.toml"),
    ]
    return RUNNER.invoke(app, arguments)


def flat(output: str) -> str:
    return "".join(output.split())  # the console may break a long path across lines


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.fixture
def exports(workspace) -> Path:
    sample(workspace, "roster.csv", "roster/roster_2025-04-01.csv")
    sample(workspace, "sessions.csv", "sessions/sessions.csv")
    sample(workspace, "signin_sheet.csv", "attendance/signin_sheet.csv")
    return workspace


@pytest.mark.parametrize(
    "reports, says",
    [
        (lambda w: w / "raw", "is the raw folder"),
        (lambda w: w, "contains the raw folder"),
        (lambda w: w / "raw" / "attendance", "lies inside the raw folder"),
        (lambda w: w / "warehouse", "contains the warehouse"),
    ],
    ids=["the raw folder", "the raw folder's parent", "inside the raw folder", "the warehouse folder"],
)
def test_a_reports_folder_holding_the_exports_or_the_warehouse_is_refused(exports, reports, says):
    first = uptake_refresh(exports, exports / "reports")  # a warehouse and its salt to protect
    assert first.exit_code == 0, first.output
    before = files_under(exports)
    reports = reports(exports)
    result = uptake_refresh(exports, reports)
    assert result.exit_code == 2, result.output
    assert flat(f"The reports folder {reports} {says}") in flat(result.output), result.output
    named = exports / "warehouse" / "uptake.duckdb" if says == "contains the warehouse" else exports / "raw"
    assert str(named) in flat(result.output)
    assert files_under(exports) == before  # nothing deleted, nothing written (not even a lock or a log line)


def test_a_folder_with_files_uptake_did_not_publish_is_refused(exports):
    mine = exports / "my documents"
    mine.mkdir()
    (mine / "budget.xlsx").write_bytes(b"not Uptake's")
    result = uptake_refresh(exports, mine)
    assert result.exit_code == 2, result.output
    assert flat(f"The reports folder {mine} already holds files Uptake did not publish (such as budget.xlsx)") in flat(
        result.output
    )
    assert str(exports / "raw") in flat(result.output)
    assert files_under(mine) == {"budget.xlsx": b"not Uptake's"}
    assert not (exports / "warehouse").exists()  # refused before any work


def test_a_file_is_refused(exports):
    page = exports / "index.html"
    page.write_text("<p>mine</p>", encoding="utf-8")
    result = uptake_refresh(exports, page)
    assert result.exit_code == 2, result.output
    assert flat(f"The reports folder {page} is a file, not a folder (the raw folder is {exports / 'raw'})") in flat(
        result.output
    )
    assert page.read_text(encoding="utf-8") == "<p>mine</p>"


def test_a_new_an_empty_and_a_marked_folder_are_published(exports):
    new = exports / "site" / "reports"
    assert uptake_refresh(exports, new).exit_code == 0
    assert (new / MARKER).is_file() and (new / "index.html").is_file()
    assert uptake_refresh(exports, new).exit_code == 0  # marked by Uptake: replaced
    empty = exports / "empty"
    empty.mkdir()
    result = uptake_refresh(exports, empty, exports / "other" / "uptake.duckdb")
    assert result.exit_code == 0, result.output
    assert (empty / MARKER).is_file() and (empty / "index.html").is_file()
