"""`--reports` can never destroy what Uptake did not make (SPEC section 6): every unsafe folder is exit 2,
naming both paths, before any work; nothing is deleted."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.publication import MARKER
from tests.conftest import three_exports, uptake_refresh


def flat(output: str) -> str:
    return "".join(output.split())  # the console may break a long path across lines


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.fixture
def exports(workspace) -> Path:
    return three_exports(workspace)


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
def test_a_reports_folder_holding_the_exports_or_the_warehouse_is_refused(published_workspace, reports, says):
    workspace = published_workspace  # a warehouse and its salt to protect
    assert all((workspace / "warehouse" / name).is_file() for name in ("uptake.duckdb", "person_key.salt"))
    before = files_under(workspace)
    reports = reports(workspace)
    result = uptake_refresh(workspace, reports=reports)
    assert result.exit_code == 2, result.output
    assert flat(f"The reports folder {reports} {says}") in flat(result.output), result.output
    named = workspace / "warehouse" / "uptake.duckdb" if says == "contains the warehouse" else workspace / "raw"
    assert str(named) in flat(result.output)
    assert files_under(workspace) == before  # nothing deleted, nothing written (not even a lock or a log line)


def test_a_folder_with_files_uptake_did_not_publish_is_refused(exports):
    mine = exports / "my documents"
    mine.mkdir()
    (mine / "budget.xlsx").write_bytes(b"not Uptake's")
    result = uptake_refresh(exports, reports=mine)
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
    result = uptake_refresh(exports, reports=page)
    assert result.exit_code == 2, result.output
    assert flat(f"The reports folder {page} is a file, not a folder (the raw folder is {exports / 'raw'})") in flat(
        result.output
    )
    assert page.read_text(encoding="utf-8") == "<p>mine</p>"


def test_a_new_an_empty_and_a_marked_folder_are_published(published_workspace):
    workspace = published_workspace
    reports = workspace / "reports"  # new when the session's first refresh (`three_published`) published into it
    assert (reports / MARKER).is_file() and (reports / "index.html").is_file()
    assert uptake_refresh(workspace, reports=reports).exit_code == 0  # marked by Uptake: replaced
    assert (reports / MARKER).is_file() and (reports / "index.html").is_file()
    empty = workspace / "empty"
    empty.mkdir()
    result = uptake_refresh(workspace, reports=empty, warehouse=workspace / "other" / "uptake.duckdb")
    assert result.exit_code == 0, result.output
    assert (empty / MARKER).is_file() and (empty / "index.html").is_file()
    nested = workspace / "site" / "reports"  # a new folder in a new folder
    result = uptake_refresh(workspace, reports=nested, warehouse=workspace / "third" / "uptake.duckdb")
    assert result.exit_code == 0, result.output
    assert (nested / MARKER).is_file() and (nested / "index.html").is_file()
